using Xunit;

namespace Portico.Cli.Tests;

/// <summary><c>portico lint</c> runs the API Gateway rules (PRT4nnn) through the same engine as the generator.</summary>
public sealed class GatewayLintTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("portico-gateway-lint-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_dir, name), text);

    [Fact]
    public void Gateway_error_is_reported_with_file_line_and_column_and_fails_the_run()
    {
        Write("api.yaml", """
            openapi: 3.0.3
            info: { title: T, version: '1' }
            paths:
              /items:
                get:
                  responses:
                    '200': { description: ok }
                  x-amazon-apigateway-integration:
                    type: aws_proxy
                    httpMethod: GET
                    uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations
            """);
        var (exit, stdout, _) = PorticoProcess.Run(_dir, "lint", "api.yaml");
        Assert.Equal(1, exit);
        Assert.Contains("api.yaml(10,9): error PRT4003: Lambda is always invoked with POST, but the integration's httpMethod is 'GET'", stdout);
    }

    [Fact]
    public void Api_type_option_selects_the_http_rules()
    {
        Write("api.yaml", """
            openapi: 3.0.3
            info: { title: T, version: '1' }
            paths:
              /items:
                get:
                  responses:
                    '200': { description: ok }
                  x-amazon-apigateway-integration: { type: mock }
            """);
        var rest = PorticoProcess.Run(_dir, "lint", "api.yaml");
        Assert.Equal(0, rest.Exit);
        Assert.DoesNotContain("PRT4002", rest.Stdout);

        var http = PorticoProcess.Run(_dir, "lint", "api.yaml", "--api-type", "http");
        Assert.Contains("api.yaml(8,42): warning PRT4002:", http.Stdout);
        Assert.Equal(0, http.Exit); // a warning: HTTP API import skips the integration
        Assert.Equal(1, PorticoProcess.Run(_dir, "lint", "api.yaml", "--api-type", "http", "--fail-on", "warning").Exit);

        Assert.Equal(2, PorticoProcess.Run(_dir, "lint", "api.yaml", "--api-type", "websocket").Exit);
    }

    [Fact]
    public void The_aws_corpus_lints_without_gateway_errors()
    {
        var files = Directory.EnumerateFiles(Path.Combine(PorticoProcess.Specs, "aws")).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).ToArray();
        Assert.Equal(30, files.Length);
        var (exit, stdout, _) = PorticoProcess.Run(_dir, ["lint", "--format", "json", .. files]);
        Assert.DoesNotContain("\"PRT9001\"", stdout);
        using var doc = System.Text.Json.JsonDocument.Parse(stdout);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var gatewayErrors = findings
            .Where(d => d.GetProperty("id").GetString()!.StartsWith("PRT4", StringComparison.Ordinal) && d.GetProperty("level").GetString() == "error")
            .Select(d => d.GetProperty("file").GetString() + ": " + d.GetProperty("message").GetString())
            .ToList();
        Assert.Empty(gatewayErrors);
        // The integrationResponses mistake SOURCES.md lists, as a warning at its key.
        Assert.Contains(findings, d => d.GetProperty("id").GetString() == "PRT4030" && d.GetProperty("file").GetString()!.EndsWith("rest-sqs-sendmessage-vtl.swagger20.yaml", StringComparison.Ordinal) && d.GetProperty("line").GetInt32() == 38);
        Assert.True(exit is 0 or 1, "exit " + exit); // other (non-gateway) errors of these files may fail the run
    }
}
