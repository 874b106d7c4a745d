using System.Text.Json.Nodes;
using Portico.CodeGeneration.Diagnostics;
using Portico.CodeGeneration.Documents;
using Portico.CodeGeneration.Model;
using Xunit;

namespace Portico.Tests.Documents;

/// <summary>Export: versions, formats, profiles, 3.1 -> 3.0 downgrades with diagnostics, overlays and stages.</summary>
public sealed class DocumentExporterTests
{
    private const string Spec31 = """
        openapi: 3.1.0
        info: { title: Shop, version: '1', summary: A shop }
        x-amazon-apigateway-request-validators: { all: { validateRequestBody: true, validateRequestParameters: true } }
        x-amazon-apigateway-cors: { allowOrigins: ['*'] }
        x-portico-aws: { region: eu-west-1, accountId: '123456789012' }
        paths:
          /orders:
            post:
              operationId: placeOrder
              x-amazon-apigateway-request-validator: all
              x-portico-integration: { sqs: orders, role: api }
              requestBody:
                content:
                  application/json:
                    schema: { $ref: '#/components/schemas/Order' }
              responses:
                '202': { description: accepted }
        webhooks:
          orderShipped:
            post:
              responses: { '200': { description: ok } }
        components:
          schemas:
            Order:
              type: object
              required: [id]
              properties:
                id: { type: string }
                note: { type: [string, 'null'] }
                kind: { const: retail }
                quantity: { type: integer, exclusiveMinimum: 0, examples: [1, 2] }
                tags: { type: array, prefixItems: [{ type: string }] }
        """;

    private static SpecInput Input(string text, string path = "/project/shop.yaml") => new(path, text, new GeneratorOptions());

    private static JsonObject Parse(string text) => (JsonObject)JsonTree.Parse(text, out var e, out _, out _)! ?? throw new Exception(e);

    [Fact]
    public void Rest_export_of_31_is_30_with_downgrades_reported_and_rest_extensions_kept()
    {
        var result = DocumentExporter.Export(Input(Spec31), new ExportOptions { Profile = ExportProfile.Rest });

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var doc = Parse(result.Text!);
        Assert.StartsWith("3.0", (string?)doc["openapi"]);
        var order = doc["components"]!["schemas"]!["Order"]!;
        Assert.Equal("string", (string?)order["properties"]!["note"]!["type"]);
        Assert.True((bool)order["properties"]!["note"]!["nullable"]!);
        Assert.Equal("retail", (string?)order["properties"]!["kind"]!["enum"]![0]);
        Assert.Equal(0, (int)order["properties"]!["quantity"]!["minimum"]!);
        Assert.True((bool)order["properties"]!["quantity"]!["exclusiveMinimum"]!);
        Assert.Equal(1, (int)order["properties"]!["quantity"]!["example"]!);
        Assert.Null(order["properties"]!["tags"]!["prefixItems"]);
        Assert.Null(doc["webhooks"]);
        Assert.Null(doc["info"]!["summary"]);
        // REST keeps its validators and the expanded integration; HTTP-only and Portico's own extensions go.
        Assert.NotNull(doc["x-amazon-apigateway-request-validators"]);
        Assert.Null(doc["x-amazon-apigateway-cors"]);
        Assert.Null(doc["x-portico-aws"]);
        var op = doc["paths"]!["/orders"]!["post"]!;
        Assert.Equal("all", (string?)op["x-amazon-apigateway-request-validator"]);
        Assert.Null(op["x-portico-integration"]);
        Assert.Equal("arn:aws:apigateway:eu-west-1:sqs:path/123456789012/orders", (string?)op["x-amazon-apigateway-integration"]!["uri"]);
        Assert.Equal("202", (string?)op["x-amazon-apigateway-integration"]!["responses"]!["default"]!["statusCode"]);

        var lost = result.Diagnostics.Where(d => d.Id == "PRT4421").Select(d => d.Args[0]).ToList();
        Assert.Equal(["webhooks", "info.summary", "prefixItems"], lost);
        var rewritten = result.Diagnostics.Where(d => d.Id == "PRT4420").Select(d => d.Args[0]).OrderBy(a => a, StringComparer.Ordinal).ToList();
        Assert.Equal(["A type list", "const", "examples", "exclusiveMinimum"], rewritten);
        var webhooks = result.Diagnostics.First(d => d.Id == "PRT4421");
        Assert.Equal(18, webhooks.Location.Line);
    }

    [Fact]
    public void Http_profile_keeps_http_extensions_and_expands_for_http_apis()
    {
        var result = DocumentExporter.Export(Input(Spec31), new ExportOptions { Profile = ExportProfile.Http, Format = ExportFormat.Yaml });
        Assert.False(result.HasErrors);
        Assert.StartsWith("openapi: 3.0", result.Text);
        var doc = Parse(result.Text!);
        Assert.NotNull(doc["x-amazon-apigateway-cors"]);
        Assert.Null(doc["x-amazon-apigateway-request-validators"]);
        var integration = doc["paths"]!["/orders"]!["post"]!["x-amazon-apigateway-integration"]!;
        Assert.Equal("SQS-SendMessage", (string?)integration["integrationSubtype"]);
        Assert.Null(doc["paths"]!["/orders"]!["post"]!["x-amazon-apigateway-request-validator"]);
    }

    [Fact]
    public void None_profile_removes_every_gateway_and_portico_extension_and_keeps_31()
    {
        var result = DocumentExporter.Export(Input(Spec31), new ExportOptions { Profile = ExportProfile.None });
        Assert.False(result.HasErrors);
        Assert.DoesNotContain("x-amazon-apigateway", result.Text);
        Assert.DoesNotContain("x-portico", result.Text);
        var doc = Parse(result.Text!);
        Assert.StartsWith("3.1", (string?)doc["openapi"]);
        Assert.NotNull(doc["webhooks"]);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id is "PRT4420" or "PRT4421");
    }

    [Fact]
    public void Swagger_20_export_uses_definitions_and_keeps_integrations()
    {
        var result = DocumentExporter.Export(Input(Spec31), new ExportOptions { Profile = ExportProfile.Rest, Version = ExportVersion.Swagger20 });
        Assert.False(result.HasErrors);
        var doc = Parse(result.Text!);
        Assert.Equal("2.0", (string?)doc["swagger"]);
        Assert.NotNull(doc["definitions"]!["Order"]);
        Assert.Equal("aws", (string?)doc["paths"]!["/orders"]!["post"]!["x-amazon-apigateway-integration"]!["type"]);
    }

    [Fact]
    public void Asking_gateway_profiles_for_what_api_gateway_does_not_import_is_a_warning()
    {
        var http2 = DocumentExporter.Export(Input(Spec31), new ExportOptions { Profile = ExportProfile.Http, Version = ExportVersion.Swagger20 });
        Assert.Contains(http2.Diagnostics, d => d.Id == "PRT4423" && d.Message.Contains("HTTP APIs import OpenAPI 3.0 only"));
        var rest31 = DocumentExporter.Export(Input(Spec31), new ExportOptions { Profile = ExportProfile.Rest, Version = ExportVersion.OpenApi31 });
        Assert.Contains(rest31.Diagnostics, d => d.Id == "PRT4423");
        Assert.StartsWith("3.1", (string?)Parse(rest31.Text!)["openapi"]);
    }

    [Fact]
    public void Stage_overlay_and_stage_variables_are_applied_before_export()
    {
        const string spec = """
            {
              "openapi": "3.0.3",
              "info": { "title": "T", "version": "1" },
              "paths": { "/pets": { "get": {
                "x-portico-integration": { "http": "https://${stageVariables.host}/pets" },
                "responses": { "200": { "description": "ok" } } } } }
            }
            """;
        var prod = new SourceFile("/project/prod.yaml", "overlay: 1.0.0\ninfo: { title: p, version: 1 }\nx-portico-stage: { name: prod, variables: { host: pets.internal } }\nactions:\n  - target: $\n    update: { servers: [ { url: 'https://api.example.com/prod' } ] }\n");
        var result = DocumentExporter.Export(Input(spec, "/project/api.json"), new ExportOptions { Overlays = new[] { prod }.ToEquatableArray(), Stage = "prod" });
        Assert.Empty(result.Diagnostics);
        var doc = Parse(result.Text!);
        Assert.Equal("https://api.example.com/prod", (string?)doc["servers"]![0]!["url"]);
        Assert.Equal("https://pets.internal/pets", (string?)doc["paths"]!["/pets"]!["get"]!["x-amazon-apigateway-integration"]!["uri"]);
    }

    [Fact]
    public void Unreadable_document_gives_located_errors_and_no_text()
    {
        var result = DocumentExporter.Export(Input("openapi: 3.0.3\ninfo: [\n", "/project/bad.yaml"), new ExportOptions());
        Assert.Null(result.Text);
        var d = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal("PRT1001", d.Id);
        Assert.Equal("/project/bad.yaml", d.Location.Path);
    }
}
