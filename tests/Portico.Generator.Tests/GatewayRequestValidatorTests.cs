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

    [Fact]
    public void Operations_get_their_own_or_the_default_validator_and_an_undeclared_name_is_PRT2110()
    {
        var run = GeneratorHarness.Run([new TestFile("/project/g.yaml", Document)]);
        var d = DiagnosticTests.AssertDiagnostic(run, "PRT2110", DiagnosticSeverity.Warning, "/project/g.yaml", 14, 7);
        Assert.Contains("everything", d.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.CompileProblems());
        var validation = System.Reflection.Assembly.Load(run.Emit()).GetTypes().Single(t => t.Name.EndsWith("Validation", StringComparison.Ordinal) && t.GetProperty("Schemas") is not null);
        var operations = (IReadOnlyList<Portico.Validation.OperationValidator>)validation.GetProperty("Operations")!.GetValue(null)!;
        var getA = operations.Single(o => o.OperationId == "getA").GatewayValidator;
        Assert.NotNull(getA);
        Assert.Equal("body-only", getA!.Name);
        Assert.True(getA.ValidateRequestBody);
        Assert.False(getA.ValidateRequestParameters);
        Assert.Null(operations.Single(o => o.OperationId == "postA").GatewayValidator);
    }
}
