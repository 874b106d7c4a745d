using Microsoft.CodeAnalysis;
using Xunit;

namespace Portico.Tests;

public sealed partial class DiagnosticTests
{
    private const string PatternSpec = """
        openapi: 3.0.3
        info: { title: Patterns, version: '1' }
        paths: {}
        components:
          schemas:
            Code:
              type: string
              pattern: '[a-'
            Word:
              type: string
              pattern: '^\p{L}+$'
        """;

    [Fact]
    public void PRT2101_pattern_that_is_no_regular_expression()
    {
        var run = RunOne("/project/patterns.yaml", PatternSpec);
        var d = AssertDiagnostic(run, "PRT2101", DiagnosticSeverity.Warning, "/project/patterns.yaml", 8, 7);
        Assert.Contains("[a-", d.GetMessage());
        Assert.Empty(run.CompileProblems());
        // The generated validator leaves the broken pattern out rather than failing at run time.
        Assert.DoesNotContain("\"pattern\":\"[a-\"", run.Source("PatternsClientValidation.g.cs"));
    }

    [Fact]
    public void PRT2102_pattern_read_with_dotnet_syntax()
    {
        var run = RunOne("/project/patterns.yaml", PatternSpec);
        var d = AssertDiagnostic(run, "PRT2102", DiagnosticSeverity.Info, "/project/patterns.yaml", 11, 7);
        Assert.Contains(@"\p{L}", d.GetMessage());
        Assert.Contains("Unicode class", d.GetMessage());
        Assert.Contains(@"""pattern"":""^\\p{L}+$""", run.Source("PatternsClientValidation.g.cs"));
    }
}
