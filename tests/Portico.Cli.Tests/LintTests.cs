using System.Text.Json;
using NJsonSchema;
using Xunit;

namespace Portico.Cli.Tests;

public sealed class LintTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("portico-lint-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string WithWarning = """
        openapi: 3.0.3
        info: { title: T, version: '1' }
        paths:
          /a/{id}:
            get:
              operationId: getA
              responses:
                '200': { description: ok }
        """;

    private const string Broken = """
        openapi: 3.0.3
        info: { title: T, version: '1' }
        paths:
          /a:
            get: [ unclosed
        """;

    [Fact]
    public void Text_output_is_msbuild_canonical_and_warnings_do_not_fail_by_default()
    {
        Write("api.yaml", WithWarning);
        var (exit, stdout, _) = PorticoProcess.Run(_dir, "lint", "api.yaml");
        Assert.Equal(0, exit);
        Assert.Matches(@"^api\.yaml\(\d+,\d+\): warning PRT2002: ", stdout.Split('\n')[0]);
        Assert.Contains("0 error(s), 1 warning(s)", stdout);
        Assert.DoesNotContain("\u001b[", stdout); // no colours when not on a terminal
    }

    [Fact]
    public void Fail_on_warning_turns_warnings_into_exit_1()
    {
        Write("api.yaml", WithWarning);
        Assert.Equal(1, PorticoProcess.Run(_dir, "lint", "api.yaml", "--fail-on", "warning").Exit);
    }

    [Fact]
    public void Errors_exit_1_and_name_the_line()
    {
        Write("broken.yaml", Broken);
        var (exit, stdout, stderr) = PorticoProcess.Run(_dir, "lint", "broken.yaml");
        Assert.Equal(1, exit);
        Assert.Contains("error PRT1001", stdout);
        Assert.DoesNotContain("   at ", stdout + stderr); // never a stack trace
    }

    [Fact]
    public void A_config_file_switches_rules_off_and_relevels_them()
    {
        Write("api.yaml", WithWarning);
        Write("off.json", """{ "rules": { "PRT2002": "off" } }""");
        Write("portico.json", """{ "rules": { "PRT2002": "error" } }""");
        var off = PorticoProcess.Run(_dir, "lint", "api.yaml", "--config", "off.json");
        Assert.Equal(0, off.Exit);
        Assert.DoesNotContain("PRT2002", off.Stdout);
        var relevelled = PorticoProcess.Run(_dir, "lint", "api.yaml"); // portico.json is picked up by default
        Assert.Equal(1, relevelled.Exit);
        Assert.Contains("error PRT2002", relevelled.Stdout);
    }

    [Theory]
    [InlineData("lint", "missing.yaml")]
    [InlineData("lint", "--format", "xml", "api.yaml")]
    [InlineData("lint")]
    [InlineData("frobnicate")]
    public void Usage_and_io_errors_exit_2_with_a_message_and_no_stack_trace(params string[] args)
    {
        Write("api.yaml", WithWarning);
        var (exit, stdout, stderr) = PorticoProcess.Run(_dir, args);
        Assert.Equal(2, exit);
        Assert.StartsWith("portico: ", stderr);
        Assert.DoesNotContain("   at ", stdout + stderr);
    }

    [Fact]
    public void Help_lists_examples()
    {
        var (exit, stdout, _) = PorticoProcess.Run(_dir, "lint", "--help");
        Assert.Equal(0, exit);
        Assert.Contains("Examples:", stdout);
        Assert.Contains("--format", stdout);
    }

    [Fact]
    public void Json_output_parses_and_counts()
    {
        Write("api.yaml", WithWarning);
        var (exit, stdout, _) = PorticoProcess.Run(_dir, "lint", "api.yaml", "--format", "json");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(stdout);
        var finding = doc.RootElement.GetProperty("findings")[0];
        Assert.Equal("PRT2002", finding.GetProperty("id").GetString());
        Assert.True(finding.GetProperty("line").GetInt32() > 1);
        Assert.Equal(1, doc.RootElement.GetProperty("summary").GetProperty("warnings").GetInt32());
    }

    public static IEnumerable<object[]> RealSpecs() => new[]
    {
        "big/github-api.github.com.full.json",
        "real/stripe-spec3.yaml",
        "real/apisguru-kubernetes.io-v1.10.0.swagger.yaml",
        "real/openai-openapi-3.1.json",
        "aws/rest-stepfunctions-startsyncexecution-vtl.oas30.yaml",
        "aws/http-api-jwt-lambda-iam-authorizers.sam-generated.oas30.json",
    }.Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(RealSpecs))]
    public async Task Sarif_output_of_real_documents_is_valid_sarif_2_1_0(string spec)
    {
        string output = Path.Combine(_dir, "out.sarif");
        var (exit, _, stderr) = PorticoProcess.Run(_dir, "lint", Path.Combine(PorticoProcess.Specs, spec), "--format", "sarif", "--output", output);
        Assert.True(exit is 0 or 1, stderr);
        var schema = await JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Schemas", "sarif-2.1.0-rtm.5.json"));
        string sarif = File.ReadAllText(output);
        var errors = schema.Validate(sarif);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10)));
        using var doc = JsonDocument.Parse(sarif);
        var run = doc.RootElement.GetProperty("runs")[0];
        Assert.Equal("portico", run.GetProperty("tool").GetProperty("driver").GetProperty("name").GetString());
        foreach (var result in run.GetProperty("results").EnumerateArray())
        {
            var rule = result.GetProperty("ruleId").GetString()!;
            int index = result.GetProperty("ruleIndex").GetInt32();
            Assert.Equal(rule, run.GetProperty("tool").GetProperty("driver").GetProperty("rules")[index].GetProperty("id").GetString());
            Assert.True(result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32() >= 1);
        }
    }
}
