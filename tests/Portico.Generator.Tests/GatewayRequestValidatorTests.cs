using Microsoft.CodeAnalysis;
using Xunit;

namespace Portico.Tests;

/// <summary>API Gateway request validators carried into the generated operation validators, and PRT2110.</summary>
public sealed class GatewayRequestValidatorTests
{
    private const string Document = """
        openapi: 3.0.3
        info: { title: G, version: '1' }
        x-amazon-apigateway-request-validators:
          body-only: { validateRequestBody: true, validateRequestParameters: false }
        x-amazon-apigateway-request-validator: body-only
        paths:
          /a:
            get:
              operationId: getA
              responses:
                '204': { description: ok }
            post:
              operationId: postA
              x-amazon-apigateway-request-validator: everything
              responses:
                '204': { description: ok }
        """;

    /// <summary>The initializer of a member of the validator class, without its closing semicolon.</summary>
    private static string Initializer(string source, string member)
    {
        int start = source.IndexOf(" " + member + " { get; } = ", StringComparison.Ordinal);
        Assert.True(start >= 0, member + " not found");
        int end = source.IndexOf(");", start, StringComparison.Ordinal);
        return source.Substring(start, end + 1 - start);
    }

    [Fact]
    public void Operations_get_their_own_or_the_default_validator_and_an_undeclared_name_is_PRT2110()
    {
        var run = GeneratorHarness.Run([new TestFile("/project/g.yaml", Document)]);
        var d = DiagnosticTests.AssertDiagnostic(run, "PRT2110", DiagnosticSeverity.Warning, "/project/g.yaml", 14, 7);
        Assert.Contains("everything", d.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.CompileProblems());
        string source = run.Source("Validation.g.cs");
        Assert.EndsWith("new global::Portico.Validation.GatewayRequestValidator(\"body-only\", true, false))", Initializer(source, "GetA"), StringComparison.Ordinal);
        Assert.DoesNotContain("GatewayRequestValidator", Initializer(source, "PostA"), StringComparison.Ordinal);
    }
}
