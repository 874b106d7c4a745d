using System.Text;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Portico.Tests;

/// <summary>Invalid input never crashes the generator, and valid documents beside it still generate.</summary>
public sealed class RobustnessTests
{
    public static IEnumerable<object[]> Garbage()
    {
        yield return ["binary.yaml", Encoding.Latin1.GetString([0x00, 0x01, 0x02, 0xFF, 0xFE, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x7F])];
        yield return ["binary.json", "{" + Encoding.Latin1.GetString([0x00, 0xC3, 0x28, 0xFF]) + "}"];
        yield return ["empty.yaml", ""];
        yield return ["bom-only.json", "\uFEFF"];
        yield return ["array.json", "[{\"openapi\": \"3.0.0\"}]"];
        yield return ["string.json", "\"openapi\""];
        yield return ["null.yaml", "~\n"];
        yield return ["v99.yaml", "openapi: 9.9\ninfo: { title: X, version: '1' }\npaths: {}\n"];
        yield return ["no-version.yaml", "info: { title: X, version: '1' }\npaths: {}\n"];
        yield return ["wrong-types.yaml", "openapi: 3.0.3\ninfo: 12\npaths: [1, 2]\ncomponents: hello\n"];
        yield return ["deep-broken.yaml", """
            openapi: 3.0.3
            info: { title: Deep, version: '1' }
            paths:
              /a:
                get:
                  parameters: { name: x }
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema:
                            type: object
                            properties:
                              level1:
                                type: object
                                properties:
                                  level2:
                                    type: [string, integer, bogus]
                                    properties:
                                      level3: { type: object, $ref: 42, items: 7, properties: [1, 2], required: yes, enum: 3 }
                                      other: { allOf: 5, oneOf: { a: 1 }, additionalProperties: [] }
            components:
              schemas:
                Loop: { $ref: '#/components/schemas/Loop' }
                A: { allOf: [ { $ref: '#/components/schemas/B' } ] }
                B: { allOf: [ { $ref: '#/components/schemas/A' } ] }
            """];
        yield return ["deep-nesting.json", new string('[', 5000) + new string(']', 5000)];
        yield return ["deep-nesting-object.json", "{\"openapi\": \"3.0.0\", \"x\": " + string.Concat(Enumerable.Repeat("{\"a\": ", 3000)) + "1" + new string('}', 3000) + "}"];
        yield return ["deep-nesting.yaml", "openapi: 3.0.3\ninfo: { title: X, version: '1' }\npaths: {}\nx-deep: " + new string('[', 5000) + new string(']', 5000) + "\n"];
        yield return ["anchors.yaml", "openapi: 3.0.3\ninfo: &a { title: X, version: '1', x: *a }\npaths: {}\n"];
        yield return ["billion-laughs.yaml", "openapi: 3.0.3\ninfo: { title: X, version: '1' }\npaths: {}\nx-a: &a [l, l, l, l, l, l, l, l, l]\nx-b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nx-c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nx-d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\nx-e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"];
        yield return ["lone-surrogate.yaml", "openapi: 3.0.3\ninfo: { title: \"X\uD800\", version: '1' }\npaths: {}\n"];
    }

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Garbage_gives_diagnostics_and_valid_specs_beside_it_still_generate(string name, string text)
    {
        var run = GeneratorHarness.Run([new TestFile("/project/" + name, text), TestSpecs.Spec("petstore.yaml")]);
        Assert.All(run.Result.Results, r => Assert.Null(r.Exception));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id is "CS8784" or "CS8785" or "PRT9001");
        // The garbage is either reported or, when it happens to be a readable document, generates compiling code.
        var own = run.GeneratorDiagnostics.Where(d => d.Location.GetLineSpan().Path == "/project/" + name).ToList();
        Assert.True(own.Count > 0 || run.Sources.Any(s => s.HintName.StartsWith(name, StringComparison.Ordinal)), "no diagnostic and no output for " + name);
        Assert.All(own, d => Assert.StartsWith("PRT", d.Id, StringComparison.Ordinal));
        // The valid document still generates, and everything compiles.
        Assert.Contains(run.Sources, s => s.HintName == "petstore.yaml.PetStoreClient.g.cs");
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void Cancellation_is_not_reported_as_a_problem()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var driver = GeneratorHarness.CreateDriver([TestSpecs.Spec("petstore.yaml")]);
        Assert.ThrowsAny<OperationCanceledException>(() => driver.RunGenerators(GeneratorHarness.CreateCompilation(), cts.Token));
    }
}
