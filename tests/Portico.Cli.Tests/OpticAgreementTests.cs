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
/// which README explains; those must still differ, so that the explanation stays true. oasdiff is a Go binary that no
/// registry reachable here ships, so its column says "not available".
/// </summary>
public sealed class OpticAgreementTests(ITestOutputHelper output)
{
    /// <summary>Pairs on which portico and optic disagree on purpose, with the reason (README's comparison section says the same).</summary>
    public static readonly IReadOnlyDictionary<string, string> KnownDifferences = new Dictionary<string, string>
    {
        ["deprecated-operation-removed"] = "removing an operation that was deprecated first is the announced way to retire it: portico warns (as oasdiff's api-removed-with-deprecation); optic fails it like any removal",
        ["parameter-type-generalized"] = "integer -> number for a request parameter still accepts every value clients send: portico reports info (type-generalized); optic fails any parameter type change",
        ["response-optional-property-removed"] = "an optional property was never promised to be there: portico warns (oasdiff's response-optional-property-removed); optic fails any response property removal",
        ["response-property-type-narrowed"] = "number -> integer in a response only returns values clients already accept: portico reports info (type-generalized); optic fails any type change",
        ["response-enum-value-added"] = "a new response enum value breaks only clients that reject unknown values: portico warns, as oasdiff does; optic fails it",
        ["error-status-removed"] = "removing an error status changes no success path: portico reports info (oasdiff's response-non-success-status-removed); optic fails any status removal",
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

    public sealed record Row(string Pair, string Change, string PorticoVerdict, string PorticoRules, string OpticVerdict, string OpticRules, bool OpticCovers);

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

    [Fact]
    public void Portico_and_optic_agree_wherever_optic_checks_the_change()
    {
        string entry = InstallOptic();
        string root = Directory.CreateTempSubdirectory("portico-optic-").FullName;
        var rows = new List<Row>();
        var sw = Stopwatch.StartNew();
        try
        {
            foreach (var pair in DiffPairs.All)
            {
                Assert.True(sw.Elapsed < TimeSpan.FromMinutes(20), "the comparison ran out of time");
                string dir = Path.Combine(root, pair.Name);
                var (b, r) = pair.Write(dir);
                var result = DiffEngineTests.Compare(b, r);
                Assert.True(result.Compared);
                bool porticoBreaking = result.Findings.Any(f => f.Level == DiffLevel.Breaking);
                var porticoRules = result.Findings.Where(f => f.Level >= DiffLevel.Warning).Select(f => f.RuleId + (f.Level == DiffLevel.Warning ? " (warning)" : "")).Distinct().ToList();
                var (opticVerdict, opticRules) = Optic(entry, dir);
                rows.Add(new Row(pair.Name, pair.Change, porticoBreaking ? "breaking" : "compatible", string.Join(", ", porticoRules), opticVerdict, string.Join(", ", opticRules), pair.OpticCovers));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
        string table = Table(rows);
        output.WriteLine(table);
        if (Environment.GetEnvironmentVariable("PORTICO_DIFF_TABLE") is { Length: > 0 } path) File.WriteAllText(path, table);

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

    internal static string Table(List<Row> rows)
    {
        var sb = new StringBuilder();
        sb.Append("| pair | change | portico | optic | oasdiff |\n|---|---|---|---|---|\n");
        foreach (var r in rows)
        {
            string optic = r.OpticVerdict + (r.OpticRules.Length > 0 ? " (" + r.OpticRules + ")" : "") + (r.OpticCovers || r.OpticVerdict.StartsWith("not", StringComparison.Ordinal) ? "" : " — no optic check for this change");
            string portico = r.PorticoVerdict + (r.PorticoRules.Length > 0 ? " (" + r.PorticoRules + ")" : "");
            sb.Append("| ").Append(r.Pair).Append(" | ").Append(r.Change.Replace("|", "\\|")).Append(" | ").Append(portico).Append(" | ").Append(optic).Append(" | not available |\n");
        }
        return sb.ToString();
    }
}
