using System.Text.Json.Nodes;
using Xunit;

namespace Portico.Cli.Tests;

/// <summary><c>portico export</c> run as a process: versions, formats, profiles, overlays, stages, exit codes.</summary>
public sealed class ExportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("portico-export-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private const string Api = """
        openapi: 3.1.0
        info: { title: Orders, version: '1' }
        x-portico-aws: { region: eu-west-1, accountId: '123456789012' }
        paths:
          /orders/{id}:
            get:
              operationId: getOrder
              parameters:
                - { name: id, in: path, required: true, schema: { type: string } }
              x-portico-integration: { http: 'https://${stageVariables.backend}/orders/{id}' }
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: { type: [object, 'null'], properties: { id: { type: string } } }
        """;

    private const string ProdStage = """
        overlay: 1.0.0
        info: { title: prod, version: '1' }
        x-portico-stage: { name: prod, variables: { backend: orders.internal } }
        actions:
          - target: $
            update:
              servers: [ { url: 'https://api.example.com/prod' } ]
        """;

    [Fact]
    public void Default_export_is_openapi_30_json_for_rest_on_stdout()
    {
        Write("api.yaml", Api);
        var (exit, stdout, stderr) = PorticoProcess.Run(_dir, "export", "api.yaml");
        Assert.Equal(0, exit);
        var doc = JsonNode.Parse(stdout)!;
        Assert.StartsWith("3.0", (string?)doc["openapi"]);
        var get = doc["paths"]!["/orders/{id}"]!["get"]!;
        Assert.Equal("http_proxy", (string?)get["x-amazon-apigateway-integration"]!["type"]);
        Assert.Equal("method.request.path.id", (string?)get["x-amazon-apigateway-integration"]!["requestParameters"]!["integration.request.path.id"]);
        Assert.Null(doc["x-portico-aws"]);
        Assert.True((bool)get["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["nullable"]!);
        // The 3.1 -> 3.0 rewrite is reported on stderr, located in the document as named on the command line.
        Assert.Matches(@"api\.yaml\(16,\d+\): info PRT4420: ", stderr);
    }

    [Fact]
    public void Overlay_and_stage_resolve_servers_and_stage_variables_into_a_yaml_file()
    {
        Write("api.yaml", Api);
        Write("stages/prod.yaml", ProdStage);
        var (exit, stdout, stderr) = PorticoProcess.Run(_dir, "export", "api.yaml", "--overlay", "stages/prod.yaml", "--stage", "prod", "--format", "yaml", "--output", "out/prod.yaml");
        Assert.True(exit == 0, stderr);
        Assert.Equal(string.Empty, stdout);
        string text = File.ReadAllText(Path.Combine(_dir, "out", "prod.yaml"));
        Assert.StartsWith("openapi: 3.0", text);
        Assert.Contains("https://api.example.com/prod", text);
        Assert.Contains("https://orders.internal/orders/{id}", text);
        Assert.DoesNotContain("stageVariables", text);
    }

    [Fact]
    public void Http_profile_swagger_and_none_profile_31()
    {
        Write("api.yaml", Api);
        var (exit2, swagger, stderr2) = PorticoProcess.Run(_dir, "export", "api.yaml", "--openapi-version", "2.0");
        Assert.Equal(0, exit2);
        Assert.Equal("2.0", (string?)JsonNode.Parse(swagger)!["swagger"]);

        var (exitHttp, http, _) = PorticoProcess.Run(_dir, "export", "api.yaml", "--profile", "http");
        Assert.Equal(0, exitHttp);
        var integration = JsonNode.Parse(http)!["paths"]!["/orders/{id}"]!["get"]!["x-amazon-apigateway-integration"]!;
        Assert.Equal("1.0", (string?)integration["payloadFormatVersion"]);
        Assert.Null(integration["requestParameters"]);

        var (exitNone, none, _) = PorticoProcess.Run(_dir, "export", "api.yaml", "--profile", "none");
        Assert.Equal(0, exitNone);
        Assert.StartsWith("3.1", (string?)JsonNode.Parse(none)!["openapi"]);
        Assert.DoesNotContain("x-amazon-apigateway", none);
        Assert.DoesNotContain("x-portico", none);
    }

    [Fact]
    public void Errors_exit_1_and_usage_or_io_problems_exit_2()
    {
        Write("bad.yaml", "openapi: 3.0.3\ninfo: [\n");
        var (exit, stdout, stderr) = PorticoProcess.Run(_dir, "export", "bad.yaml");
        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Matches(@"bad\.yaml\(\d+,\d+\): error PRT1001: ", stderr);

        Write("api.yaml", Api);
        Write("broken-overlay.yaml", "overlay: 1.0.0\ninfo: { title: t, version: '1' }\nactions:\n  - target: nope\n    remove: true\n");
        var (exitOverlay, _, stderrOverlay) = PorticoProcess.Run(_dir, "export", "api.yaml", "--overlay", "broken-overlay.yaml");
        Assert.Equal(1, exitOverlay);
        Assert.Contains("broken-overlay.yaml(4,5): error PRT4403: ", stderrOverlay);

        Assert.Equal(2, PorticoProcess.Run(_dir, "export", "missing.yaml").Exit);
        Assert.Equal(2, PorticoProcess.Run(_dir, "export", "api.yaml", "--openapi-version", "4.0").Exit);
        Assert.Equal(2, PorticoProcess.Run(_dir, "export", "api.yaml", "--overlay", "missing-overlay.yaml").Exit);
    }

    [Fact]
    public void Help_lists_the_options_with_examples()
    {
        var (exit, stdout, _) = PorticoProcess.Run(_dir, "export", "--help");
        Assert.Equal(0, exit);
        foreach (var option in new[] { "--openapi-version", "--format", "--profile", "--overlay", "--stage", "--output", "Examples:", "portico export api.yaml" })
        {
            Assert.Contains(option, stdout);
        }
    }
}
