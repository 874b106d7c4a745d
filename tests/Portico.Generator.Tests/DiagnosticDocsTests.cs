using Portico.CodeGeneration.Diagnostics;
using Xunit;

namespace Portico.Tests;

/// <summary>Every id of the catalog has its documentation page and its line in the release-tracking file.</summary>
public sealed class DiagnosticDocsTests
{
    public static IEnumerable<object[]> Ids() => DiagnosticCatalog.All.OrderBy(d => d.Id, StringComparer.Ordinal).Select(d => new object[] { d.Id });

    [Theory]
    [MemberData(nameof(Ids))]
    public void Id_has_a_documentation_page(string id)
    {
        var d = DiagnosticCatalog.Get(id);
        string path = Path.Combine(Paths.RepoRoot, "docs", "diagnostics", id + ".md");
        Assert.True(File.Exists(path), "missing " + path);
        string text = File.ReadAllText(path);
        Assert.StartsWith("# " + id + ": " + d.Title, text, StringComparison.Ordinal);
        Assert.Contains("| Severity | " + d.Severity + " |", text, StringComparison.Ordinal);
        Assert.Contains("| Category | " + d.Category + " |", text, StringComparison.Ordinal);
        foreach (var section in new[] { "## What triggers it", "## Example", "## How to fix it", "## How to suppress it" })
        {
            Assert.Contains(section, text, StringComparison.Ordinal);
        }
        Assert.EndsWith("/docs/diagnostics/" + id + ".md", d.HelpLink, StringComparison.Ordinal);
        Assert.Contains("[" + id + "](" + id + ".md)", File.ReadAllText(Path.Combine(Paths.RepoRoot, "docs", "diagnostics", "README.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void Release_tracking_lists_every_id_exactly_once()
    {
        var lines = File.ReadAllLines(Path.Combine(Paths.RepoRoot, "src", "Portico.SourceGenerator", "AnalyzerReleases.Unshipped.md"))
            .Where(l => l.StartsWith("PRT", StringComparison.Ordinal))
            .Select(l => l.Split('|').Select(p => p.Trim()).ToArray())
            .ToList();
        Assert.Equal(DiagnosticCatalog.All.Select(d => d.Id).OrderBy(x => x, StringComparer.Ordinal), lines.Select(l => l[0]));
        foreach (var l in lines)
        {
            var d = DiagnosticCatalog.Get(l[0]);
            Assert.Equal(d.Category, l[1]);
            Assert.Equal(d.Severity.ToString(), l[2]);
        }
        Assert.DoesNotContain(File.ReadAllLines(Path.Combine(Paths.RepoRoot, "src", "Portico.SourceGenerator", "AnalyzerReleases.Shipped.md")), l => l.StartsWith("PRT", StringComparison.Ordinal));
    }

    [Fact]
    public void Roslyn_descriptors_match_the_catalog()
    {
        var type = typeof(Portico.SourceGenerator.OpenApiGenerator).Assembly.GetType("Portico.SourceGenerator.DiagnosticDescriptors", throwOnError: true)!;
        var all = (IReadOnlyDictionary<string, Microsoft.CodeAnalysis.DiagnosticDescriptor>)type.GetProperty("All")!.GetValue(null)!;
        Assert.Equal(DiagnosticCatalog.All.Select(d => d.Id).OrderBy(x => x, StringComparer.Ordinal), all.Keys.OrderBy(x => x, StringComparer.Ordinal));
        foreach (var d in DiagnosticCatalog.All)
        {
            var r = all[d.Id];
            Assert.Equal(d.Title, r.Title.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(d.Category, r.Category);
            Assert.Equal(d.Severity.ToString(), r.DefaultSeverity.ToString());
            Assert.Equal(d.HelpLink, r.HelpLinkUri);
            Assert.True(r.IsEnabledByDefault);
        }
    }

    [Fact]
    public void Ids_are_unique_and_well_formed()
    {
        var ids = typeof(DiagnosticCatalog).GetFields().Where(f => f.FieldType == typeof(DiagnosticDescriptorInfo)).Select(f => ((DiagnosticDescriptorInfo)f.GetValue(null)!).Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^PRT[0-9]{4}$", id));
    }
}
