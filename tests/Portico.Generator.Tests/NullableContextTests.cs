using Xunit;

namespace Portico.Tests;

/// <summary>The nullable context of generated files: annotations for callers always, the compiler's analysis on request.</summary>
public sealed class NullableContextTests
{
    [Theory]
    [InlineData(false, "#nullable enable annotations\n#nullable disable warnings\n")]
    [InlineData(true, "#nullable enable\n")]
    public void Files_open_with_the_chosen_nullable_context_and_compile_cleanly(bool warnings, string expected)
    {
        GeneratorHarness.NullableWarnings.Value = warnings;
        var run = GeneratorHarness.Run("petstore.yaml", TestSpecs.Text("petstore.yaml"));
        Assert.NotEmpty(run.Sources);
        Assert.All(run.Sources, s => Assert.Contains(expected, s.SourceText.ToString().Replace("\r\n", "\n"), StringComparison.Ordinal));
        Assert.Empty(run.CompileProblems());
    }
}
