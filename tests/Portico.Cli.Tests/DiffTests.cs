using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;
using Xunit;
using Xunit.Abstractions;

namespace Portico.Cli.Tests;

/// <summary><c>portico diff</c> run as a process, as CI would run it.</summary>
public sealed class DiffTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("portico-diff-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (string Base, string Revision) Pair(string name) => DiffPairs.All.Single(p => p.Name == name).Write(_dir);

    [Fact]
    public void Breaking_change_exits_1_with_msbuild_style_lines_naming_the_revision()
    {
        Pair("new-required-parameter");
        var (exit, stdout, stderr) = PorticoProcess.Run(_dir, "diff", "base.json", "revision.json");
        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, stderr);
        Assert.Matches(@"^revision\.json\(\d+,\d+\): breaking new-required-request-parameter: GET /pets: new required query parameter 'owner'", stdout.Split('\n')[0]);
        Assert.Contains("1 breaking, 0 warning(s), 0 info", stdout);
        Assert.DoesNotContain("\u001b[", stdout); // no colours when not on a terminal
    }

    [Fact]
    public void Removals_point_into_the_base()
    {
        Pair("operation-removed");
        var (exit, stdout, _) = PorticoProcess.Run(_dir, "diff", "base.json", "revision.json");
        Assert.Equal(1, exit);
        var m = System.Text.RegularExpressions.Regex.Match(stdout, @"^base\.json\((\d+),(\d+)\): breaking api-removed-without-deprecation: DELETE /pets/\{id\}");
        Assert.True(m.Success, stdout);
        Assert.Contains("\"delete\"", File.ReadAllLines(Path.Combine(_dir, "base.json"))[int.Parse(m.Groups[1].Value) - 1]);
    }

    [Fact]
    public void Identical_documents_exit_0_with_no_changes()
    {
        string spec = Path.Combine(PorticoProcess.Specs, DiffPairs.Petstore);
        var (exit, stdout, _) = PorticoProcess.Run(_dir, "diff", spec, spec);
        Assert.Equal(0, exit);
        Assert.Equal("No changes.\n", stdout);
    }

    [Fact]
    public void Warnings_pass_by_default_and_fail_with_fail_on_warning()
    {
        Pair("request-property-removed");
        Assert.Equal(0, PorticoProcess.Run(_dir, "diff", "base.json", "revision.json").Exit);
        Assert.Equal(1, PorticoProcess.Run(_dir, "diff", "base.json", "revision.json", "--fail-on", "warning").Exit);
    }

    [Fact]
    public void Info_only_changes_exit_0_even_with_fail_on_warning()
    {
        Pair("new-optional-parameter");
        var (exit, stdout, _) = PorticoProcess.Run(_dir, "diff", "base.json", "revision.json", "--fail-on", "warning");
        Assert.Equal(0, exit);
        Assert.Contains("info new-optional-request-parameter", stdout);
    }

    [Fact]
    public void Allow_major_bump_accepts_breaking_changes_only_when_the_major_version_went_up()
    {
        var (_, revision) = Pair("operation-removed");
        Assert.Equal(1, PorticoProcess.Run(_dir, "diff", "base.json", "revision.json", "--allow-major-bump").Exit);
        var doc = JsonNode.Parse(File.ReadAllText(revision))!;
        doc["info"]!["version"] = "2.0.0";
        File.WriteAllText(revision, doc.ToJsonString());
        var bumped = PorticoProcess.Run(_dir, "diff", "base.json", "revision.json", "--allow-major-bump");
        Assert.Equal(0, bumped.Exit);
        Assert.Contains("1.0.0 to 2.0.0", bumped.Stderr);
        Assert.Equal(1, PorticoProcess.Run(_dir, "diff", "base.json", "revision.json").Exit);
    }

    [Fact]
    public void Json_report_has_rule_level_operation_pointer_and_position()
    {
        Pair("request-property-became-required");
        var (exit, stdout, _) = PorticoProcess.Run(_dir, "diff", "base.json", "revision.json", "--format", "json");
        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(stdout);
        var f = doc.RootElement.GetProperty("findings").EnumerateArray().Single(x => x.GetProperty("id").GetString() == "request-property-became-required");
        Assert.Equal("breaking", f.GetProperty("level").GetString());
        Assert.Equal("POST", f.GetProperty("operation").GetProperty("method").GetString());
        Assert.Equal("/pets", f.GetProperty("operation").GetProperty("path").GetString());
        Assert.Equal("#/components/schemas/NewPet/properties/tag", f.GetProperty("pointer").GetString());
        Assert.Equal("revision.json", f.GetProperty("file").GetString());
        Assert.Contains("\"tag\"", File.ReadAllLines(Path.Combine(_dir, "revision.json"))[f.GetProperty("line").GetInt32() - 1]);
        Assert.Equal(1, doc.RootElement.GetProperty("summary").GetProperty("breaking").GetInt32());
    }

    [Fact]
    public void Markdown_report_groups_by_level_in_tables()
    {
        Pair("response-enum-value-added");
        var (exit, stdout, _) = PorticoProcess.Run(_dir, "diff", "base.json", "revision.json", "--format", "markdown");
        Assert.Equal(0, exit);
        Assert.StartsWith("## API changes: `base.json` → `revision.json`", stdout);
        Assert.Contains("### Warnings (4)", stdout);
        Assert.Contains("| Operation | Rule | Change | Where |", stdout);
        Assert.Contains("| `GET /pets` | `response-property-enum-value-added` |", stdout);
    }

    [Theory]
    [InlineData("security-scheme-changed")]
    [InlineData("response-required-property-removed")]
    [InlineData("swagger2-base-path-changed")]
    public async Task Sarif_report_is_valid_sarif_2_1_0_and_written_to_output(string pairName)
    {
        Pair(pairName);
        var (exit, stdout, stderr) = PorticoProcess.Run(_dir, "diff", "base.json", "revision.json", "--format", "sarif", "--output", "diff.sarif");
        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, stdout + stderr);
        var schema = await JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Schemas", "sarif-2.1.0-rtm.5.json"));
        string sarif = File.ReadAllText(Path.Combine(_dir, "diff.sarif"));
        var errors = schema.Validate(sarif);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10)));
        using var doc = JsonDocument.Parse(sarif);
        var run = doc.RootElement.GetProperty("runs")[0];
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        foreach (var result in results)
        {
            int index = result.GetProperty("ruleIndex").GetInt32();
            Assert.Equal(result.GetProperty("ruleId").GetString(), run.GetProperty("tool").GetProperty("driver").GetProperty("rules")[index].GetProperty("id").GetString());
            Assert.True(result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32() > 1);
        }
        Assert.Contains(results, r => r.GetProperty("level").GetString() == "error");
    }

    [Theory]
    [InlineData("diff", "missing.yaml", "base.json")]
    [InlineData("diff", "base.json", "missing.yaml")]
    [InlineData("diff", "base.json", ".")]
    [InlineData("diff", "base.json")]
    [InlineData("diff", "base.json", "revision.json", "--format", "html")]
    [InlineData("diff", "base.json", "revision.json", "--fail-on", "info")]
    [InlineData("diff", "base.json", "revision.json", "--output", "no/such/folder/out.txt")]
    [InlineData("lint", "missing.yaml")]
    [InlineData("lint", ".")]
    [InlineData("sdk", "missing.yaml", "--output", "out", "--package-id", "Acme.Sdk")]
    [InlineData("sdk", "base.json", "--output", "out", "--package-id", "not a package id")]
    [InlineData("sdk", "base.json")]
    public void Usage_and_io_errors_exit_2_with_a_message_and_no_stack_trace(params string[] args)
    {
        Pair("operation-removed");
        var (exit, stdout, stderr) = PorticoProcess.Run(_dir, args);
        Assert.Equal(2, exit);
        Assert.StartsWith("portico: ", stderr);
        Assert.DoesNotContain("   at ", stdout + stderr);
        if (args.Contains("missing.yaml")) Assert.Contains("'missing.yaml' does not exist", stderr);
    }

    [Fact]
    public void A_document_that_does_not_parse_exits_2_naming_file_line_and_what_to_do()
    {
        Pair("operation-removed");
        File.WriteAllText(Path.Combine(_dir, "broken.yaml"), "openapi: 3.0.3\ninfo: { title: T, version: '1' }\npaths:\n  /a:\n    get: [ unclosed\n");
        var (exit, stdout, stderr) = PorticoProcess.Run(_dir, "diff", "base.json", "broken.yaml");
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Matches(@"^broken\.yaml\(\d+,\d+\): error PRT1001: ", stderr);
        Assert.Contains("portico lint", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Theory]
    [InlineData("diff", "--fail-on")]
    [InlineData("lint", "--fail-on")]
    [InlineData("sdk", "--package-id")]
    public void Help_of_every_command_lists_examples(string command, string option)
    {
        var (exit, stdout, _) = PorticoProcess.Run(_dir, command, "--help");
        Assert.Equal(0, exit);
        Assert.Contains("Examples:", stdout);
        Assert.Contains("portico " + command + " ", stdout);
        Assert.Contains(option, stdout);
    }

    [Fact]
    public void Version_prints_the_tool_version()
    {
        var (exit, stdout, _) = PorticoProcess.Run(_dir, "--version");
        Assert.Equal(0, exit);
        Assert.Matches(@"^\d+\.\d+\.\d+", stdout);
    }

    /// <summary>Runs portico on a pseudo-terminal (util-linux <c>script</c>), as a person at a shell would.</summary>
    private (int Exit, string Screen) OnTerminal(bool ci, params string[] args)
    {
        string command = "dotnet " + Quote(Path.Combine(AppContext.BaseDirectory, "portico.dll")) + " " + string.Join(" ", args.Select(Quote));
        var psi = new ProcessStartInfo("script") { WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-qec", command, "/dev/null" }) psi.ArgumentList.Add(a);
        psi.Environment.Remove("CI");
        psi.Environment.Remove("NO_COLOR");
        if (ci) psi.Environment["CI"] = "true";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException(command);
        }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";

    [Fact]
    public void On_a_terminal_levels_are_coloured_and_with_CI_true_they_are_not()
    {
        Pair("new-required-parameter");
        var (exit, screen) = OnTerminal(ci: false, "diff", "base.json", "revision.json");
        Assert.Equal(1, exit);
        Assert.Contains("\u001b[31mbreaking\u001b[0m new-required-request-parameter", screen);
        var (ciExit, ciScreen) = OnTerminal(ci: true, "diff", "base.json", "revision.json");
        Assert.Equal(1, ciExit);
        Assert.Contains("breaking new-required-request-parameter", ciScreen);
        Assert.DoesNotContain("\u001b[31m", ciScreen);
    }

    [Theory]
    [InlineData("lint", "Linting ")]
    [InlineData("diff", "Comparing ")]
    public void Large_documents_show_progress_on_a_terminal_but_not_with_CI_true(string command, string progress)
    {
        string spec = Path.Combine(PorticoProcess.Specs, "real", "openai-openapi-3.1.json");
        string[] args = command == "diff" ? [command, spec, spec] : [command, spec];
        var (_, screen) = OnTerminal(ci: false, args);
        Assert.Contains(progress, screen);
        var (_, ciScreen) = OnTerminal(ci: true, args);
        Assert.DoesNotContain(progress, ciScreen);
        Assert.DoesNotContain("\u001b[3", ciScreen);
    }

    [Fact]
    public void GitHub_13_MB_document_against_itself_shows_no_progress_when_redirected()
    {
        string spec = Path.Combine(PorticoProcess.Specs, "big", "github-api.github.com.full.json");
        var sw = Stopwatch.StartNew();
        var (exit, stdout, stderr) = PorticoProcess.Run(_dir, "diff", spec, spec);
        output.WriteLine($"portico diff github-api.github.com.full.json (itself): {sw.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(0, exit);
        Assert.Equal("No changes.\n", stdout);
        Assert.Equal(string.Empty, stderr); // CI=true and redirected: no progress line
    }
}
