using System.Text;
using Microsoft.CodeAnalysis;
using Portico.CodeGeneration;
using Snapshooter;
using Snapshooter.Xunit;
using Xunit;

namespace Portico.Tests;

/// <summary>
/// The emitted files of small documents, compared with the committed snapshots in __snapshots__.
/// A deliberate change of the output is accepted by deleting the .snap file and running the tests again
/// (CI runs with SNAPSHOOTER_STRICT_MODE=true, where a missing snapshot fails).
/// </summary>
public sealed class SnapshotTests
{
    public const string VersionToken = "{portico-version}";

    [Theory]
    [InlineData("petstore.yaml")]
    [InlineData("polymorphic.json")]
    [InlineData("todo-swagger2.json")]
    public void Emitted_files_match_snapshot(string spec)
    {
        var run = GeneratorHarness.Run([TestSpecs.Spec(spec)]);
        Assert.Empty(run.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Empty(run.CompileProblems());
        Snapshot.Match(Describe(run), new SnapshotNameExtension(Path.GetFileNameWithoutExtension(spec)));
    }

    /// <summary>Every generated file in hint-name order, with the generator version replaced by a fixed token.</summary>
    public static string Describe(GenerationRun run)
    {
        var sb = new StringBuilder();
        foreach (var d in run.GeneratorDiagnostics.OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.GetMessage(), StringComparer.Ordinal))
        {
            sb.Append("// diagnostic ").Append(d.Id).Append(' ').Append(d.GetMessage()).Append('\n');
        }
        foreach (var source in run.Sources.OrderBy(s => s.HintName, StringComparer.Ordinal))
        {
            sb.Append("// ==== ").Append(source.HintName).Append(" ====\n");
            sb.Append(source.SourceText.ToString().Replace("\r\n", "\n").Replace(PorticoEngine.Version, VersionToken));
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
