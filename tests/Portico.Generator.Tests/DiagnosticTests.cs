using System.Net;
using System.Net.Sockets;
using Microsoft.CodeAnalysis;
using Portico.CodeGeneration;
using Portico.CodeGeneration.Diagnostics;
using Portico.CodeGeneration.Model;
using Xunit;

namespace Portico.Tests;

/// <summary>Every diagnostic of the catalog, triggered by a small document, with its id, severity, file, line and column.</summary>
public sealed partial class DiagnosticTests
{
    private const string Valid = """
        openapi: 3.0.3
        info: { title: Valid, version: '1' }
        paths:
          /items:
            get:
              operationId: listItems
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: { type: array, items: { type: string } }
        """;

    /// <summary>The single diagnostic with that id, checked for severity, file and 1-based position.</summary>
    public static Diagnostic AssertDiagnostic(GenerationRun run, string id, DiagnosticSeverity severity, string path, int line, int column)
    {
        var matching = run.GeneratorDiagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, $"expected one {id}, got: " + string.Join(" | ", run.GeneratorDiagnostics));
        var d = matching[0];
        Assert.Equal(severity, d.Severity);
        var span = d.Location.GetLineSpan();
        Assert.Equal(path, span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        Assert.False(string.IsNullOrWhiteSpace(d.GetMessage()));
        Assert.Equal("https://github.com/portico-dev/portico/blob/main/docs/diagnostics/" + id + ".md", d.Descriptor.HelpLinkUri);
        return d;
    }

    private static void AssertNoCrash(GenerationRun run)
    {
        // CS8784/CS8785: the generator threw; PRT9001: Portico caught something it did not expect.
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id is "CS8784" or "CS8785" or "PRT9001");
        Assert.All(run.Result.Results, r => Assert.Null(r.Exception));
    }

    private static GenerationRun RunOne(string path, string text, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var run = GeneratorHarness.Run([new TestFile(path, text, Metadata: metadata)]);
        AssertNoCrash(run);
        return run;
    }

    [Fact]
    public void PRT0001_empty_document()
    {
        var run = RunOne("/project/empty.yaml", "  \n\n");
        AssertDiagnostic(run, "PRT0001", DiagnosticSeverity.Error, "/project/empty.yaml", 1, 1);
        Assert.Empty(run.Sources);
    }

    [Theory]
    [InlineData("Namespace", "My-Api.1x")]
    [InlineData("Namespace", "Foo..Bar")]
    [InlineData("Namespace", "System.class")]
    [InlineData("ClientName", "2fast client")]
    [InlineData("ClientName", "class")]
    public void PRT0002_invalid_metadata(string key, string value)
    {
        var run = RunOne("/project/valid.yaml", Valid, TestSpecs.Meta((key, value)));
        var d = AssertDiagnostic(run, "PRT0002", DiagnosticSeverity.Warning, "/project/valid.yaml", 1, 1);
        Assert.Contains(value, d.GetMessage(), StringComparison.Ordinal);
        Assert.NotEmpty(run.Sources);
        Assert.Empty(run.CompileProblems());
        // The message names the replacement, and that is what the code uses.
        string message = d.GetMessage();
        int at = message.LastIndexOf("using '", StringComparison.Ordinal);
        string replacement = message.Substring(at + 7, message.LastIndexOf('\'') - at - 7);
        string expected = key == "Namespace" ? "namespace " + replacement + "\n" : "class " + replacement;
        Assert.Contains(run.Sources, s => s.SourceText.ToString().Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void PRT0003_template_override_that_does_not_parse()
    {
        const string template = "// custom\n{{ for p in type.properties }}\n{{ p.name \n";
        var run = GeneratorHarness.Run([new TestFile("/project/valid.yaml", Valid), new TestFile("/project/templates/client.sbn", template, Kind: "Template")]);
        AssertNoCrash(run);
        var d = AssertDiagnostic(run, "PRT0003", DiagnosticSeverity.Error, "/project/templates/client.sbn", 3, 11);
        Assert.Contains("client.sbn", d.GetMessage(), StringComparison.Ordinal);
        // The built-in template is used instead.
        Assert.Contains(run.Sources, s => s.HintName.EndsWith("ValidClient.g.cs", StringComparison.Ordinal));
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void PRT0004_two_documents_generating_the_same_client()
    {
        var meta = TestSpecs.Meta(("Namespace", "Same.Api"));
        var run = GeneratorHarness.Run([new TestFile("/project/a.yaml", Valid, Metadata: meta), new TestFile("/project/b.yaml", Valid, Metadata: meta)]);
        AssertNoCrash(run);
        var d = AssertDiagnostic(run, "PRT0004", DiagnosticSeverity.Error, "/project/b.yaml", 1, 1);
        Assert.Contains("/project/a.yaml", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("Same.Api.ValidClient", d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/project/broken.yaml", """
        openapi: 3.0.3
        info:
          title: Broken
          version: 1.0.0
        paths:
          /a:
            get:
              summary: one: two
              responses: {}
        """, 8, 19)]
    [InlineData("/project/quote.yaml", """
        openapi: 3.0.3
        info:
          title: Broken
          version: 1.0.0
        paths:
          /a:
            get:
              summary: "unterminated
              responses: {}
        """, 8, 16)]
    [InlineData("/project/comma.json", """
        {
          "openapi": "3.0.0",
          "info": { "title": "x", "version": "1" },
          "paths": {},
        }
        """, 5, 1)]
    [InlineData("/project/unclosed.json", """
        {
          "openapi": "3.0.0",
          "info": { "title": "x", "version": "1" },
          "paths": { "/a": { "get": { "responses": { "200": { "description": "ok" } } } } },
          "components": { "schemas": { "A": { "type": "object" } }
        """, 5, 59)]
    [InlineData("/project/garbage.json", """
        {
          "openapi": "3.0.0",
          "info": { "title": "x", "version": "1" },
          "paths": { oops }
        }
        """, 4, 14)]
    public void PRT1001_syntax_error_at_its_line(string path, string text, int line, int column)
    {
        var run = RunOne(path, text);
        AssertDiagnostic(run, "PRT1001", DiagnosticSeverity.Error, path, line, column);
        Assert.Empty(run.Sources);
    }

    [Theory]
    [InlineData("/project/v99.yaml", "openapi: 9.9\ninfo:\n  title: X\n  version: '1'\npaths: {}\n", 1, 1)]
    [InlineData("/project/v12.json", "{\n  \"swagger\": \"1.2\",\n  \"info\": {\"title\": \"x\", \"version\": \"1\"},\n  \"paths\": {}\n}\n", 2, 3)]
    [InlineData("/project/array.json", "\n  [1, 2, 3]\n", 2, 3)]
    [InlineData("/project/sequence.yaml", "# a list\n- a\n- b\n", 2, 1)]
    [InlineData("/project/scalar.yaml", "just some text\n", 1, 1)]
    [InlineData("/project/number.json", "[42]", 1, 1)]
    public void PRT1002_not_an_openapi_document(string path, string text, int line, int column)
    {
        var run = RunOne(path, text);
        AssertDiagnostic(run, "PRT1002", DiagnosticSeverity.Error, path, line, column);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "PRT1003");
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void PRT1003_structural_problem_points_at_the_offending_key()
    {
        const string text = """
            openapi: 3.0.3
            info:
              title: S
              version: '1'
              bogus: 12
            paths: {}
            """;
        var run = RunOne("/project/structural.yaml", text);
        var d = AssertDiagnostic(run, "PRT1003", DiagnosticSeverity.Warning, "/project/structural.yaml", 5, 3);
        Assert.Contains("bogus", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void PRT1004_unresolved_reference_points_at_the_ref()
    {
        const string text = """
            openapi: 3.0.3
            info: { title: U, version: '1' }
            paths:
              /a:
                get:
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema:
                            $ref: '#/components/schemas/Missing'
            components:
              schemas:
                Pet:
                  type: object
                  properties:
                    id: { type: integer }
            """;
        var run = RunOne("/project/unresolved.yaml", text);
        var d = AssertDiagnostic(run, "PRT1004", DiagnosticSeverity.Warning, "/project/unresolved.yaml", 12, 17);
        Assert.Contains("Missing", d.GetMessage(), StringComparison.Ordinal);
        Assert.NotEmpty(run.Sources);
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void PRT1004_unresolved_reference_in_json()
    {
        const string text = """
            {
              "openapi": "3.0.3",
              "info": { "title": "U", "version": "1" },
              "paths": {},
              "components": { "schemas": {
                "Pet": { "type": "object", "properties": {
                  "owner": {
                    "$ref": "#/components/schemas/Owner" } } } } }
            }
            """;
        var run = RunOne("/project/unresolved.json", text);
        AssertDiagnostic(run, "PRT1004", DiagnosticSeverity.Warning, "/project/unresolved.json", 8, 9);
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void PRT1005_remote_reference_is_reported_and_never_fetched()
    {
        // A listener on loopback stands in for the remote server: the build must not connect to it.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            string text = $$"""
                openapi: 3.0.3
                info: { title: R, version: '1' }
                paths:
                  /a:
                    get:
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema:
                                $ref: 'http://127.0.0.1:{{port}}/schemas/pet.json#/Pet'
                    post:
                      requestBody:
                        content:
                          application/json:
                            schema: { $ref: './local.yaml#/components/schemas/Pet' }
                      responses:
                        '204': { description: ok }
                """;
            var run = GeneratorHarness.Run([new TestFile("/project/remote.yaml", text), new TestFile("/project/local.yaml", "openapi: 3.0.3\ninfo: { title: L, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    Pet:\n      type: object\n      properties:\n        name: { type: string }\n", Kind: "OpenApiReference")]);
            AssertNoCrash(run);
            var d = AssertDiagnostic(run, "PRT1005", DiagnosticSeverity.Warning, "/project/remote.yaml", 12, 17);
            Assert.Contains($"http://127.0.0.1:{port}/schemas/pet.json", d.GetMessage(), StringComparison.Ordinal);
            // Not reported a second time as pointing to nothing, and the local reference still resolves.
            Assert.DoesNotContain(run.GeneratorDiagnostics, x => x.Id == "PRT1004");
            Assert.NotEmpty(run.Sources);
            Assert.Empty(run.CompileProblems());
            Thread.Sleep(50);
            Assert.False(listener.Pending(), "the generator connected to the remote address");
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public void PRT1006_referenced_file_missing_from_the_build()
    {
        const string text = """
            openapi: 3.0.3
            info: { title: M, version: '1' }
            paths:
              /a:
                get:
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema:
                            $ref: 'schemas/pet.yaml#/Pet'
            """;
        var run = RunOne("/project/api/missing.yaml", text);
        var d = AssertDiagnostic(run, "PRT1006", DiagnosticSeverity.Warning, "/project/api/missing.yaml", 12, 17);
        Assert.Contains("schemas/pet.yaml", d.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(run.GeneratorDiagnostics, x => x.Id is "PRT1001" or "PRT1003" or "PRT1004");
        Assert.NotEmpty(run.Sources);
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void PRT2001_unsupported_schema_construct()
    {
        const string text = """
            openapi: 3.1.0
            info: { title: T, version: '1' }
            paths: {}
            components:
              schemas:
                Thing:
                  type: object
                  properties:
                    id:
                      type: [string, integer]
            """;
        var run = RunOne("/project/multi.yaml", text);
        AssertDiagnostic(run, "PRT2001", DiagnosticSeverity.Warning, "/project/multi.yaml", 9, 9);
        Assert.Contains("JsonElement", run.Source("Models.Thing.g.cs"), StringComparison.Ordinal);
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void PRT2002_undeclared_path_parameter()
    {
        const string text = """
            openapi: 3.0.3
            info: { title: P, version: '1' }
            paths:
              /items/{itemId}:
                get:
                  operationId: getItem
                  responses:
                    '204': { description: ok }
            """;
        var run = RunOne("/project/params.yaml", text);
        var d = AssertDiagnostic(run, "PRT2002", DiagnosticSeverity.Warning, "/project/params.yaml", 5, 5);
        Assert.Contains("itemId", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("string itemId", string.Concat(run.Sources.Select(s => s.SourceText.ToString())), StringComparison.Ordinal);
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void PRT2003_no_supported_media_type()
    {
        const string text = """
            openapi: 3.0.3
            info: { title: X, version: '1' }
            paths:
              /items:
                post:
                  operationId: addItem
                  requestBody:
                    content:
                      application/xml:
                        schema: { type: object }
                  responses:
                    '204': { description: ok }
            """;
        var run = RunOne("/project/xml.yaml", text);
        var d = AssertDiagnostic(run, "PRT2003", DiagnosticSeverity.Info, "/project/xml.yaml", 7, 7);
        Assert.Contains("application/xml", d.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void PRT2004_duplicate_operation_id()
    {
        const string text = """
            openapi: 3.0.3
            info: { title: D, version: '1' }
            paths:
              /a:
                get:
                  operationId: fetch
                  responses:
                    '204': { description: ok }
              /b:
                get:
                  operationId: fetch
                  responses:
                    '204': { description: ok }
            """;
        var run = RunOne("/project/dup.yaml", text);
        var d = AssertDiagnostic(run, "PRT2004", DiagnosticSeverity.Warning, "/project/dup.yaml", 11, 7);
        Assert.Contains("fetch", d.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.CompileProblems());
    }

    [Theory]
    [InlineData("IncludeTags", "nothing-has-this-tag")]
    [InlineData("IncludePaths", "/nowhere")]
    [InlineData("IncludeOperations", "noSuchOperation")]
    [InlineData("ExcludeOperations", "listItems")]
    public void PRT2005_filters_keeping_nothing(string key, string value)
    {
        var run = RunOne("/project/valid.yaml", Valid, TestSpecs.Meta((key, value)));
        AssertDiagnostic(run, "PRT2005", DiagnosticSeverity.Warning, "/project/valid.yaml", 1, 1);
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void PRT2110_unknown_gateway_request_validator()
    {
        const string text = """
            openapi: 3.0.3
            info: { title: G, version: '1' }
            x-amazon-apigateway-request-validators:
              all: { validateRequestBody: true, validateRequestParameters: true }
            x-amazon-apigateway-request-validator: everything
            paths:
              /a:
                get:
                  responses:
                    '204': { description: ok }
            """;
        var run = RunOne("/project/gateway.yaml", text);
        var d = AssertDiagnostic(run, "PRT2110", DiagnosticSeverity.Warning, "/project/gateway.yaml", 5, 1);
        Assert.Contains("everything", d.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void PRT3001_identifier_renamed()
    {
        const string text = """
            openapi: 3.0.3
            info: { title: V, version: '1' }
            paths: {}
            components:
              schemas:
                Value:
                  oneOf:
                    - type: string
                    - type: object
                      properties:
                        amount: { type: number }
            """;
        var run = RunOne("/project/renamed.yaml", text);
        var d = AssertDiagnostic(run, "PRT3001", DiagnosticSeverity.Info, "/project/renamed.yaml", 6, 5);
        Assert.Contains("ValueUnion", d.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.CompileProblems());
    }

    [Fact]
    public void PRT3002_template_that_fails_while_rendering()
    {
        const string template = "// custom\n// {{ client.no_such_member.name }}\n";
        var run = GeneratorHarness.Run([new TestFile("/project/valid.yaml", Valid), new TestFile("/project/templates/client.sbn", template, Kind: "Template")]);
        AssertNoCrash(run);
        var d = AssertDiagnostic(run, "PRT3002", DiagnosticSeverity.Error, "/project/templates/client.sbn", 2, 14);
        Assert.Contains("ValidClient.g.cs", d.GetMessage(), StringComparison.Ordinal);
        // The other files are still generated.
        Assert.Contains(run.Sources, s => s.HintName.EndsWith("ValidClientJsonContext.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void PRT9001_unexpected_failure_is_caught_and_reported()
    {
        // No options at all: binding fails inside; the engine reports instead of throwing.
        var model = PorticoEngine.Parse(new SpecInput("/project/valid.yaml", Valid, null!));
        var d = Assert.Single(model.Diagnostics, x => x.Id == "PRT9001");
        Assert.Equal(Severity.Error, d.Severity);
        Assert.Equal("/project/valid.yaml", d.Location.Path);
        Assert.Null(model.Client);
    }

    [Fact]
    public void Every_catalog_id_has_a_test_here()
    {
        var tested = typeof(DiagnosticTests).GetMethods().Select(m => m.Name).Where(n => n.StartsWith("PRT", StringComparison.Ordinal)).Select(n => n.Substring(0, 7)).ToHashSet();
        tested.UnionWith(GatewayRuleTests.TestedIds()); // API Gateway rules (PRT4nnn) have their own file
        var untested = DiagnosticCatalog.All.Select(d => d.Id).Where(id => !tested.Contains(id)).ToList();
        Assert.True(untested.Count == 0, "Ids without a test: " + string.Join(", ", untested));
    }
}
