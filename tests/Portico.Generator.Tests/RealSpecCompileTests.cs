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

    /// <summary>
    /// Documents split over several files: the root, and the folder whose other files it reaches through $ref.
    /// Those other files are fragments (a schema, a path item), not documents, and are compiled with their root.
    /// </summary>
    private static readonly Dictionary<string, string> s_multiFileRoots = new(StringComparer.Ordinal)
    {
        ["real/oai-v2.0-petstore-separate/spec/swagger.json"] = "real/oai-v2.0-petstore-separate",
        ["real/redocly-openapi-starter/openapi/openapi.yaml"] = "real/redocly-openapi-starter",
    };

    public static IEnumerable<object[]> Documents()
    {
        var root = Paths.Specs;
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => s_multiFileRoots.ContainsKey(f) || !s_multiFileRoots.Values.Any(dir => f.StartsWith(dir + "/", StringComparison.Ordinal)))
            .OrderBy(f => f, StringComparer.Ordinal);
        return files.Select(f => new object[] { f });
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Document_generates_code_that_compiles_cleanly(string relativePath)
    {
        string path = Path.Combine(Paths.Specs, relativePath);
        var files = new List<TestFile> { new(path, File.ReadAllText(path)) };
        if (s_multiFileRoots.TryGetValue(relativePath, out var folder))
        {
            string dir = Path.Combine(Paths.Specs, folder);
            foreach (var f in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Where(f => f != path && !f.Contains("LICENSE", StringComparison.Ordinal)))
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

        // The same compilation, run: what each generated model writes validates against its generated validator.
        var agreement = Validation.SerializerAgreement.Check(run);
        output.WriteLine($"serializer agreement: {agreement.Checked} schemas checked, {agreement.Skipped} without a model or a simple sample, {agreement.Unreadable.Count} valid samples the model does not read");
        foreach (var f in agreement.Failures.Concat(agreement.Unreadable).Take(20)) output.WriteLine(f);
        Assert.True(agreement.Failures.Count == 0, $"{agreement.Failures.Count} schemas disagree, first: {agreement.Failures.FirstOrDefault()}");
    }
}
