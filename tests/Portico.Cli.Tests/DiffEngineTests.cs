using System.Diagnostics;
using Portico.CodeGeneration.Diff;
using Portico.CodeGeneration.Model;
using Xunit;
using Xunit.Abstractions;

namespace Portico.Cli.Tests;

/// <summary>The diff engine in process: one pair of edited real documents per rule.</summary>
public sealed class DiffEngineTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("portico-diff-engine-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static IEnumerable<object[]> Pairs() => DiffPairs.All.Select(p => new object[] { p });

    internal static DiffResult Compare(string basePath, string revisionPath)
        => SpecDiff.Compare(
            new SpecInput(basePath, File.ReadAllText(basePath), new GeneratorOptions()),
            new SpecInput(revisionPath, File.ReadAllText(revisionPath), new GeneratorOptions()));

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Each_edit_is_reported_with_its_rule_level_and_position(DiffPairs.Pair pair)
    {
        var (b, r) = pair.Write(Path.Combine(_dir, pair.Name));
        var result = Compare(b, r);
        Assert.True(result.Compared, string.Join("\n", result.BaseErrors.Concat(result.RevisionErrors)));
        foreach (var f in result.Findings) output.WriteLine($"{f.Level} {f.RuleId} {f.Pointer} ({f.Location.Line},{f.Location.Column}) {f.Message}");
        if (pair.Rule.Length == 0)
        {
            Assert.Empty(result.Findings);
            return;
        }
        var rule = DiffRules.Get(pair.Rule);
        var found = result.Findings.Where(f => f.RuleId == pair.Rule).ToList();
        Assert.NotEmpty(found);
        foreach (var f in found)
        {
            Assert.Equal(rule.Level, f.Level);
            Assert.True(f.Location.Line > 1, $"{f.RuleId} at {f.Pointer} was not located");
            Assert.Equal(f.InBase ? b : r, f.Location.Path);
        }
        // The pair's verdict is the verdict of its rule: an edit that is not breaking brings no breaking side effects.
        Assert.Equal(rule.Level == DiffLevel.Breaking, result.Findings.Any(f => f.Level == DiffLevel.Breaking));
    }

    [Theory]
    [InlineData(DiffPairs.Petstore)]
    [InlineData(DiffPairs.Petstore2)]
    [InlineData("real/stripe-spec3.yaml")]
    [InlineData("real/apisguru-kubernetes.io-v1.10.0.swagger.yaml")]
    [InlineData("aws/http-api-jwt-lambda-iam-authorizers.sam-generated.oas30.json")]
    public void A_document_compared_with_itself_has_no_changes(string spec)
    {
        string path = Path.Combine(PorticoProcess.Specs, spec);
        var result = Compare(path, path);
        Assert.True(result.Compared);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void A_change_inside_a_referenced_schema_is_reported_at_every_operation_that_uses_it()
    {
        var pair = DiffPairs.All.Single(p => p.Name == "response-required-property-removed");
        var (b, r) = pair.Write(_dir);
        var found = Compare(b, r).Findings.Where(f => f.RuleId == "response-required-property-removed").ToList();
        // Error is the default response of all four operations.
        Assert.Equal(new[] { "DELETE /pets/{id}", "GET /pets", "GET /pets/{id}", "POST /pets" }, found.Select(f => f.Operation).Order(StringComparer.Ordinal));
        Assert.All(found, f => Assert.Equal("#/components/schemas/Error/properties/message", f.Pointer));
        Assert.All(found, f => Assert.True(f.InBase));
    }

    [Fact]
    public void Yaml_documents_are_compared_and_located_by_line()
    {
        string text = File.ReadAllText(Path.Combine(PorticoProcess.Specs, "real", "oai-v3.0-petstore.yaml"));
        string edited = text.Replace("          required: false\n          schema:\n            type: integer", "          required: true\n          schema:\n            type: integer", StringComparison.Ordinal);
        Assert.NotEqual(text, edited);
        string b = Path.Combine(_dir, "base.yaml"), r = Path.Combine(_dir, "revision.yaml");
        File.WriteAllText(b, text);
        File.WriteAllText(r, edited);
        var f = Assert.Single(Compare(b, r).Findings);
        Assert.Equal("request-parameter-became-required", f.RuleId);
        Assert.Equal("GET /pets", f.Operation);
        Assert.Equal("          required: true", File.ReadAllLines(r)[f.Location.Line - 1]);
    }

    [Fact]
    public void Swagger2_findings_point_into_the_2_0_layout()
    {
        var pair = DiffPairs.All.Single(p => p.Name == "swagger2-response-property-removed");
        var (b, r) = pair.Write(_dir);
        var f = Compare(b, r).Findings.First(f => f.RuleId == "response-required-property-removed");
        Assert.Equal("#/definitions/ErrorModel/properties/message", f.Pointer);
        string line = File.ReadAllLines(b)[f.Location.Line - 1];
        Assert.Contains("\"message\"", line);
    }

    [Fact]
    public void Unreadable_documents_come_back_as_located_errors_not_exceptions()
    {
        string good = Path.Combine(PorticoProcess.Specs, DiffPairs.Petstore);
        string bad = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(bad, "openapi: 3.0.3\ninfo: { title: T, version: '1' }\npaths:\n  /a:\n    get: [ unclosed\n");
        var result = Compare(good, bad);
        Assert.False(result.Compared);
        Assert.Empty(result.BaseErrors);
        var error = Assert.Single(result.RevisionErrors);
        Assert.Equal("PRT1001", error.Id);
        Assert.True(error.Location.Line >= 4);
    }

    [Theory]
    [InlineData("1.4.0", "2.0.0", true)]
    [InlineData("v1", "v2", true)]
    [InlineData("2.0.0", "2.1.0", false)]
    [InlineData("2024-01-01", "2025-01-01", true)]
    [InlineData("beta", "2.0", false)]
    public void Major_version_bump_is_read_from_info_version(string from, string to, bool bumped)
        => Assert.Equal(bumped, new DiffResult([], [], [], from, to).MajorVersionBumped);

    [Fact]
    public void Every_rule_id_is_unique_and_lower_kebab_case()
    {
        Assert.Equal(DiffRules.All.Count, DiffRules.All.Select(r => r.Id).Distinct().Count());
        Assert.All(DiffRules.All, r => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", r.Id));
        Assert.All(DiffPairs.All.Where(p => p.Rule.Length > 0), p => DiffRules.Get(p.Rule));
    }

    [Fact]
    public void Readme_lists_every_rule_with_its_level()
    {
        string readme = File.ReadAllText(Path.Combine(RepoRoot(), "README.md"));
        foreach (var rule in DiffRules.All)
        {
            string level = rule.Level switch { DiffLevel.Breaking => "breaking", DiffLevel.Warning => "warning", _ => "info" };
            var family = System.Text.RegularExpressions.Regex.Match(rule.Id, "^(request|response)-(parameter|body|property)-(.+)$");
            string row = family.Success && (family.Groups[1].Value == "request" || family.Groups[2].Value != "parameter")
                ? "| `" + family.Groups[1].Value + (family.Groups[1].Value == "request" ? "-{parameter,body,property}-" : "-{body,property}-") + family.Groups[3].Value + "` | " + level + " |"
                : "| `" + rule.Id + "` | " + level + " |";
            Assert.True(readme.Contains(row, StringComparison.Ordinal) || readme.Contains("| `" + rule.Id + "` | " + level + " |", StringComparison.Ordinal), "README has no row for " + rule.Id + " (" + level + ")");
        }
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Generator.sln"))) dir = dir.Parent;
        return dir!.FullName;
    }

    [Fact]
    public void GitHub_13_MB_document_compared_with_itself_completes()
    {
        string path = Path.Combine(PorticoProcess.Specs, "big", "github-api.github.com.full.json");
        var sw = Stopwatch.StartNew();
        var result = Compare(path, path);
        sw.Stop();
        output.WriteLine($"github-api.github.com.full.json vs itself: {sw.Elapsed.TotalSeconds:F1} s");
        Assert.True(result.Compared);
        Assert.Empty(result.Findings);
        Assert.True(sw.Elapsed < TimeSpan.FromMinutes(2), $"took {sw.Elapsed}");
    }
}
