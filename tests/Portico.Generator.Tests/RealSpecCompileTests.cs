using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace Portico.Tests;

/// <summary>
/// Every document of the shared corpus generates, and the output compiles with zero errors and zero warnings
/// (nullable enabled), unless the document gets a precise diagnostic for a real defect listed below.
/// </summary>
public sealed class RealSpecCompileTests(ITestOutputHelper output)
{
    /// <summary>Documents with real defects: the generator must report these ids for them (and may stop generating).</summary>
    public static readonly Dictionary<string, string[]> KnownDefects = new(StringComparer.Ordinal)
    {
    };

    public static IEnumerable<object[]> Documents()
    {
        var root = Paths.Specs;
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            // Files of the multi-file petstore that are only reached through $ref are compiled with their root.
            .Where(f => !f.Contains("petstore-separate") || f.EndsWith("swagger.json", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .OrderBy(f => f, StringComparer.Ordinal);
        return files.Select(f => new object[] { f });
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Document_generates_code_that_compiles_cleanly(string relativePath)
    {
        string path = Path.Combine(Paths.Specs, relativePath);
        var files = new List<TestFile> { new(path, File.ReadAllText(path)) };
        if (relativePath.Contains("petstore-separate"))
        {
            string dir = Path.GetDirectoryName(Path.GetDirectoryName(path))!;
            foreach (var f in Directory.EnumerateFiles(dir, "*.json", SearchOption.AllDirectories).Where(f => f != path))
            {
                files.Add(new TestFile(f, File.ReadAllText(f), Kind: "OpenApiReference"));
            }
        }
        var run = GeneratorHarness.Run(files);
        foreach (var d in run.GeneratorDiagnostics.Take(30)) output.WriteLine(d.ToString());
        var errors = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (KnownDefects.TryGetValue(relativePath, out var ids))
        {
            Assert.All(ids, id => Assert.Contains(run.GeneratorDiagnostics, d => d.Id == id));
            return;
        }
        Assert.Empty(errors);
        Assert.NotEmpty(run.Sources);
        var problems = run.CompileProblems();
        foreach (var p in problems.Take(40)) output.WriteLine(p.ToString());
        Assert.True(problems.Count == 0, $"{problems.Count} compiler errors/warnings, first: {problems.FirstOrDefault()}");
    }
}
