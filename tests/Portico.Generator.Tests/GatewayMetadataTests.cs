using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Portico.Gateway;
using Xunit;

namespace Portico.Tests;

/// <summary>API Gateway rules and metadata through the source generator: Roslyn diagnostics, compiled and loaded metadata.</summary>
public sealed class GatewayMetadataTests
{
    private static string Aws(string file) => Path.Combine(Paths.Specs, "aws", file);

    [Fact]
    public void Gateway_rule_reaches_the_build_as_a_located_roslyn_diagnostic()
    {
        var (text, line, column) = GatewayRuleTests.Unmark("""
            openapi: 3.0.3
            info: { title: T, version: '1' }
            paths:
              /items:
                get:
                  operationId: listItems
                  responses:
                    '200': { description: ok }
                  x-amazon-apigateway-integration:
                    type: aws_proxy
                    §httpMethod: GET
                    uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations
            """);
        var run = GeneratorHarness.Run("/project/api.yaml", text);
        var d = DiagnosticTests.AssertDiagnostic(run, "PRT4003", DiagnosticSeverity.Error, "/project/api.yaml", line, column);
        Assert.Equal("Portico.ApiGateway", d.Descriptor.Category);
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void ApiType_metadata_overrides_the_inferred_flavour()
    {
        var (text, line, column) = GatewayRuleTests.Unmark("""
            openapi: 3.0.3
            info: { title: T, version: '1' }
            paths:
              /items:
                get:
                  operationId: listItems
                  responses:
                    '200': { description: ok }
                  x-amazon-apigateway-integration:
                    §type: mock
                    payloadFormatVersion: '1.0'
            """);
        var asRest = GeneratorHarness.Run("/project/api.yaml", text, new Dictionary<string, string> { ["ApiType"] = "rest" });
        Assert.DoesNotContain(asRest.GeneratorDiagnostics, d => d.Id == "PRT4002");
        var asHttp = GeneratorHarness.Run("/project/api.yaml", text, new Dictionary<string, string> { ["ApiType"] = "http" });
        DiagnosticTests.AssertDiagnostic(asHttp, "PRT4002", DiagnosticSeverity.Warning, "/project/api.yaml", line, column);
        Assert.Contains("GatewayApiType.Http", asHttp.Source("ClientGateway.g.cs"));
    }

    public static TheoryData<string> AwsDocuments() => GatewayRuleTests.AwsDocuments();

    [Theory]
    [MemberData(nameof(AwsDocuments))]
    public void Aws_document_generates_gateway_metadata_that_compiles_without_warnings(string file)
    {
        var run = GeneratorHarness.Run(Aws(file), File.ReadAllText(Aws(file)));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id is "PRT9001" or "PRT3002" or "CS8784" or "CS8785");
        Assert.Single(run.Sources, s => s.HintName.EndsWith("Gateway.g.cs", StringComparison.Ordinal));
        Assert.Empty(run.CompileProblems());
    }

    private static IReadOnlyList<GatewayOperation> LoadAll(GenerationRun run, out Type gatewayType, string name)
    {
        Assert.Empty(run.CompileProblems());
        var alc = new AssemblyLoadContext(name, isCollectible: true);
        try
        {
            var assembly = alc.LoadFromStream(new MemoryStream(run.Emit()));
            gatewayType = assembly.GetTypes().Single(t => t.Name.EndsWith("Gateway", StringComparison.Ordinal) && t.IsAbstract && t.IsSealed);
            return (IReadOnlyList<GatewayOperation>)gatewayType.GetProperty("All", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        }
        finally
        {
            alc.Unload();
        }
    }

    [Fact]
    public void Http_api_metadata_of_a_sam_document_holds_authorizers_scopes_and_payload_versions()
    {
        const string file = "http-api-jwt-lambda-iam-authorizers.sam-generated.oas30.json";
        var all = LoadAll(GeneratorHarness.Run(Aws(file), File.ReadAllText(Aws(file))), out var type, "gateway-http");
        Assert.Equal(GatewayApiType.Http, type.GetField("ApiType")!.GetValue(null));
        Assert.Equal(5, all.Count);

        var any = Assert.Single(all, o => o.Method == "ANY");
        Assert.Equal("$default", any.Path);
        Assert.Equal(GatewayAuthorizationType.Custom, any.AuthorizationType);
        Assert.Equal(("LambdaAuth", "request"), (any.Authorizer!.Name, any.Authorizer.Type));

        var put = Assert.Single(all, o => o.Method == "PUT" && o.Path == "/hello");
        Assert.Equal(GatewayAuthorizationType.Jwt, put.AuthorizationType);
        Assert.Equal(["$request.header.Authorization"], put.Authorizer!.IdentitySource);
        Assert.Equal(["scope"], put.AuthorizationScopes);
        Assert.Equal("2.0", put.Integration!.PayloadFormatVersion);
        Assert.Equal("aws_proxy", put.Integration.Type);
        Assert.Null(put.Integration.Uri); // a CloudFormation Fn::Sub: unknown until deployment
        Assert.True(put.Integration.IsLambdaProxy);
        Assert.False(put.ApiKeyRequired);

        var iam = Assert.Single(all, o => o.Path == "/hello-aws-iam-auth");
        Assert.Equal(GatewayAuthorizationType.AwsIam, iam.AuthorizationType);
        Assert.Null(iam.Authorizer);
    }

    [Fact]
    public void Rest_metadata_of_a_guide_document_holds_validators_integrations_and_cognito()
    {
        const string file = "rest-dynamodb-cognito-authorizer-validators-response-override.oas30.yaml";
        var all = LoadAll(GeneratorHarness.Run(Aws(file), File.ReadAllText(Aws(file))), out var type, "gateway-rest");
        Assert.Equal(GatewayApiType.Rest, type.GetField("ApiType")!.GetValue(null));
        Assert.NotEmpty(all);
        Assert.All(all, o => Assert.NotNull(o.Integration));
        Assert.Contains(all, o => o.AuthorizationType == GatewayAuthorizationType.CognitoUserPools && o.Authorizer!.Type == "cognito_user_pools");
        Assert.Contains(all, o => o.RequestValidator is { ValidatesBody: true });
        Assert.Contains(all, o => o.Integration!.Type == "mock" && o.Method == "OPTIONS");
        // The DynamoDB action URIs are CloudFormation Fn::Sub values: kept as unknown rather than guessed.
        Assert.Contains(all, o => o.Integration!.Type == "aws" && o.Integration.HttpMethod == "POST" && o.Integration.Uri is null);
    }

    [Fact]
    public void Documents_without_extensions_get_no_gateway_file()
    {
        var run = GeneratorHarness.Run("/project/api.yaml", """
            openapi: 3.0.3
            info: { title: T, version: '1' }
            paths:
              /items:
                get:
                  operationId: listItems
                  responses:
                    '200': { description: ok }
            """);
        Assert.DoesNotContain(run.Sources, s => s.HintName.EndsWith("Gateway.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void Untrusted_text_in_gateway_values_stays_inside_string_literals()
    {
        var run = GeneratorHarness.Run("/project/api.json", """
            {
              "openapi": "3.0.3",
              "info": { "title": "T", "version": "1" },
              "paths": {
                "/a\"); System.Environment.Exit(1); //": {
                  "get": {
                    "operationId": "evil\"op",
                    "responses": { "200": { "description": "ok" } },
                    "x-amazon-apigateway-integration": { "type": "http_proxy", "httpMethod": "GET\n#error x", "uri": "https://e.example/\"+x+\"\u2028" }
                  }
                }
              }
            }
            """);
        Assert.Empty(run.CompileProblems());
        var all = LoadAll(run, out _, "gateway-evil");
        var op = Assert.Single(all);
        Assert.Equal("evil\"op", op.OperationId);
        Assert.Equal("GET\n#ERROR X", op.Integration!.HttpMethod);
        Assert.Equal("https://e.example/\"+x+\"\u2028", op.Integration.Uri);
    }
}

/// <summary>Extensions of the wrong shape everywhere: reported or ignored, never a crash, and the output still compiles.</summary>
public sealed class GatewayRobustnessTests
{
    [Theory]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("[1, {\"a\": []}, null]")]
    [InlineData("{\"Fn::Sub\": \"x\"}")]
    [InlineData("{\"type\": {\"Ref\": \"T\"}, \"uri\": [], \"httpMethod\": 5, \"timeoutInMillis\": \"soon\", \"responses\": \"none\", \"cacheKeyParameters\": {\"a\": 1}, \"requestParameters\": [\"x\"]}")]
    public void Malformed_extension_values_do_not_crash(string value)
    {
        string doc = $$"""
            {
              "openapi": "3.0.3",
              "info": { "title": "T", "version": "1" },
              "x-amazon-apigateway-request-validators": {{value}},
              "x-amazon-apigateway-request-validator": {{value}},
              "x-amazon-apigateway-api-key-source": {{value}},
              "x-amazon-apigateway-binary-media-types": {{value}},
              "x-amazon-apigateway-gateway-responses": {{value}},
              "x-amazon-apigateway-minimum-compression-size": {{value}},
              "x-amazon-apigateway-policy": {{value}},
              "x-amazon-apigateway-cors": {{value}},
              "x-amazon-apigateway-importexport-version": {{value}},
              "x-amazon-apigateway-security-policy": {{value}},
              "x-amazon-apigateway-endpoint-access-mode": {{value}},
              "x-amazon-apigateway-endpoint-configuration": {{value}},
              "servers": [ { "url": "https://x.example", "x-amazon-apigateway-endpoint-configuration": {{value}} } ],
              "tags": [ { "name": "t", "x-amazon-apigateway-tag-value": {{value}} } ],
              "security": {{value}},
              "paths": {
                "/items/{id}": {
                  "parameters": {{value}},
                  "get": {
                    "operationId": "getItem",
                    "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } } ],
                    "security": {{value}},
                    "responses": { "200": { "description": "ok" } },
                    "x-amazon-apigateway-integration": {{value}},
                    "x-amazon-apigateway-auth": {{value}},
                    "x-amazon-apigateway-request-validator": {{value}}
                  },
                  "x-amazon-apigateway-any-method": {{value}}
                }
              },
              "components": {
                "x-amazon-apigateway-integrations": {{value}},
                "securitySchemes": {
                  "a": { "type": "apiKey", "name": "x", "in": "header", "x-amazon-apigateway-authorizer": {{value}}, "x-amazon-apigateway-authtype": {{value}} }
                }
              }
            }
            """;
        foreach (var apiType in new[] { "rest", "http" })
        {
            var run = GeneratorHarness.Run([new TestFile("/project/api.json", doc, Metadata: new Dictionary<string, string> { ["ApiType"] = apiType })]);
            Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id is "PRT9001" or "PRT3002" or "CS8784" or "CS8785");
            Assert.All(run.Result.Results, r => Assert.Null(r.Exception));
            Assert.Empty(run.CompileProblems());
            // The rules did run over these values (not skipped because the document failed to read).
            if (value == "\"text\"" && apiType == "rest") Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "PRT4025");
            if (value == "42" && apiType == "http") Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "PRT4029");
        }
    }
}
