using System.Text.Json.Nodes;
using Portico.CodeGeneration.Diagnostics;
using Portico.CodeGeneration.Documents;
using Portico.CodeGeneration.Model;
using Xunit;

namespace Portico.Tests.Documents;

/// <summary>The JSONPath subset overlays use, and Overlay 1.0 application with located diagnostics.</summary>
public sealed class JsonPathAndOverlayTests
{
    private const string Doc = """
        {
          "openapi": "3.0.3",
          "info": { "title": "Pets", "version": "1" },
          "tags": [ { "name": "pets" }, { "name": "internal", "x-hidden": true } ],
          "paths": {
            "/pets": {
              "get": { "operationId": "listPets", "tags": ["pets"], "responses": { "200": { "description": "ok" } } },
              "post": { "operationId": "addPet", "tags": ["internal"], "responses": { "201": { "description": "made" } } }
            },
            "/pets/{id}": {
              "get": { "operationId": "getPet", "responses": { "200": { "description": "ok" } } }
            }
          }
        }
        """;

    private static List<string> Pointers(string path) => JsonPathQuery.Parse(path).Select(JsonNode.Parse(Doc)).Select(m => m.Pointer).ToList();

    [Fact]
    public void Names_brackets_wildcards_indexes_and_descendants_select_what_RFC_9535_says()
    {
        Assert.Equal(["/info/title"], Pointers("$.info.title"));
        Assert.Equal(["/paths/~1pets/get"], Pointers("$.paths['/pets'].get"));
        Assert.Equal(["/paths/~1pets/get", "/paths/~1pets/post"], Pointers("$.paths['/pets'][*]"));
        Assert.Equal(["/tags/1"], Pointers("$.tags[-1]"));
        Assert.Equal(["/tags/0", "/tags/1"], Pointers("$.tags[0,1]"));
        Assert.Equal(["/paths/~1pets/get/operationId", "/paths/~1pets/post/operationId", "/paths/~1pets~1{id}/get/operationId"], Pointers("$..operationId"));
        Assert.Equal(["/paths/~1pets", "/paths/~1pets~1{id}"], Pointers("$.paths.*"));
        Assert.Empty(Pointers("$.nothing.here"));
    }

    [Fact]
    public void Filters_compare_test_existence_and_combine()
    {
        Assert.Equal(["/tags/1"], Pointers("$.tags[?@.name == 'internal']"));
        Assert.Equal(["/tags/0"], Pointers("$.tags[?(@.name != 'internal')]"));
        Assert.Equal(["/tags/1"], Pointers("$.tags[?@['x-hidden']]"));
        Assert.Equal(["/paths/~1pets/post"], Pointers("$.paths.*[?@.operationId == 'addPet' || @.operationId == 'nope']"));
        Assert.Empty(Pointers("$.paths.*[?@.operationId == 'addPet' && !@.tags]"));
        Assert.Equal(["/paths/~1pets/get", "/paths/~1pets/post"], Pointers("$.paths['/pets'][?@.responses]"));
    }

    [Theory]
    [InlineData("info.title")]
    [InlineData("$.paths[")]
    [InlineData("$.tags[?@.name ==]")]
    [InlineData("$.tags['unterminated]")]
    public void Bad_paths_are_rejected_with_a_reason(string path)
    {
        var ex = Assert.Throws<FormatException>(() => JsonPathQuery.Parse(path));
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    private static Overlay Read(string text, string path = "/project/overlay.yaml") => Overlay.Read(new SourceFile(path, text));

    [Fact]
    public void Update_deep_merges_objects_appends_to_arrays_and_remove_deletes()
    {
        var overlay = Read("""
            overlay: 1.0.0
            info: { title: change, version: 1.0.0 }
            actions:
              - target: $.info
                update:
                  description: Added
                  x-logo: { url: logo.png }
              - target: $.tags
                update: { name: extra }
              - target: $.paths['/pets'].post
                remove: true
              - target: $.paths.*.get.responses['200']
                update: { description: fine }
            """);
        Assert.True(overlay.Usable);
        Assert.Empty(overlay.ReadDiagnostics);
        var doc = JsonNode.Parse(Doc)!;
        var problems = overlay.Apply(doc);
        Assert.Empty(problems);
        Assert.Equal("Added", (string?)doc["info"]!["description"]);
        Assert.Equal("Pets", (string?)doc["info"]!["title"]);
        Assert.Equal("logo.png", (string?)doc["info"]!["x-logo"]!["url"]);
        Assert.Equal(3, doc["tags"]!.AsArray().Count);
        Assert.Equal("extra", (string?)doc["tags"]![2]!["name"]);
        Assert.Null(doc["paths"]!["/pets"]!["post"]);
        Assert.NotNull(doc["paths"]!["/pets"]!["get"]);
        Assert.Equal("fine", (string?)doc["paths"]!["/pets/{id}"]!["get"]!["responses"]!["200"]!["description"]);
    }

    [Fact]
    public void Target_that_selects_nothing_is_a_warning_at_the_target_line_of_the_overlay()
    {
        var overlay = Read("overlay: 1.0.0\ninfo: { title: t, version: 1 }\nactions:\n  - target: $.paths['/cats']\n    remove: true\n");
        var problems = overlay.Apply(JsonNode.Parse(Doc)!);
        var d = Assert.Single(problems);
        Assert.Equal("PRT4404", d.Id);
        Assert.Equal(Severity.Warning, d.Severity);
        Assert.Equal("/project/overlay.yaml", d.Location.Path);
        Assert.Equal(4, d.Location.Line);
        Assert.Contains("$.paths['/cats']", d.Message);
    }

    [Fact]
    public void Wrong_version_unparsable_text_bad_targets_and_bad_actions_are_errors_in_the_overlay()
    {
        var version = Read("overlay: 2.0.0\ninfo: { title: t, version: 1 }\nactions: []\n");
        Assert.False(version.Usable);
        var v = Assert.Single(version.ReadDiagnostics);
        Assert.Equal("PRT4402", v.Id);
        Assert.Equal(1, v.Location.Line);

        var broken = Read("overlay: 1.0.0\nactions:\n  - target: [unclosed\n");
        var b = Assert.Single(broken.ReadDiagnostics);
        Assert.Equal("PRT4401", b.Id);
        Assert.True(b.Location.Line >= 3, "line " + b.Location.Line);

        var target = Read("overlay: 1.0.0\ninfo: { title: t, version: 1 }\nactions:\n  - target: info.title\n    update: {}\n  - target: $.info\n");
        Assert.Equal(["PRT4403", "PRT4405"], target.ReadDiagnostics.Select(d => d.Id));
        Assert.Equal(4, target.ReadDiagnostics[0].Location.Line);
        Assert.Equal(6, target.ReadDiagnostics[1].Location.Line);

        var scalar = Read("overlay: 1.0.0\ninfo: { title: t, version: 1 }\nactions:\n  - target: $.info.title\n    update: New\n");
        var s = Assert.Single(scalar.Apply(JsonNode.Parse(Doc)!));
        Assert.Equal("PRT4405", s.Id);
        Assert.Equal(5, s.Location.Line);
    }

    [Fact]
    public void Stage_overlays_apply_only_for_their_stage_and_give_each_stage_its_base_address()
    {
        var common = new SourceFile("/project/stages/common.yaml", "overlay: 1.0.0\ninfo: { title: c, version: 1 }\nactions:\n  - target: $.info\n    update: { description: shared }\n");
        var dev = new SourceFile("/project/stages/dev.yaml", "overlay: 1.0.0\ninfo: { title: d, version: 1 }\nx-portico-stage: { name: dev, variables: { backend: dev.internal } }\nactions:\n  - target: $\n    update:\n      servers: [ { url: 'https://{api}.example.com/dev', variables: { api: { default: api } } } ]\n");
        var prod = new SourceFile("/project/stages/prod.yaml", "overlay: 1.0.0\ninfo: { title: p, version: 1 }\nx-portico-stage: { name: prod, variables: { backend: prod.internal } }\nactions:\n  - target: $\n    update:\n      servers: [ { url: 'https://api.example.com/prod' } ]\n  - target: $.paths['/pets'].get\n    update:\n      x-amazon-apigateway-integration: { type: http_proxy, httpMethod: GET, uri: 'https://${stageVariables.backend}/pets' }\n");

        var prepared = DocumentPreparer.Prepare("/project/api.json", Doc, [common, dev, prod], "prod", null);

        Assert.Empty(prepared.Diagnostics);
        Assert.Equal("prod", prepared.Stage);
        Assert.Equal(
            [new StageModel("dev", "https://api.example.com/dev", new[] { new SourceFile("backend", "dev.internal") }.ToEquatableArray()),
             new StageModel("prod", "https://api.example.com/prod", new[] { new SourceFile("backend", "prod.internal") }.ToEquatableArray())],
            prepared.Stages.ToList());
        var tree = prepared.Tree!;
        Assert.Equal("shared", (string?)tree["info"]!["description"]);
        Assert.Equal("https://api.example.com/prod", (string?)tree["servers"]![0]!["url"]);
        Assert.Equal("https://prod.internal/pets", (string?)tree["paths"]!["/pets"]!["get"]!["x-amazon-apigateway-integration"]!["uri"]);

        var unknown = DocumentPreparer.Prepare("/project/api.json", Doc, [common, dev, prod], "qa", null);
        var d = Assert.Single(unknown.Diagnostics);
        Assert.Equal("PRT4407", d.Id);
        Assert.Contains("dev, prod", d.Message);
    }

    [Fact]
    public void A_stage_variable_the_stage_does_not_define_is_reported_and_kept()
    {
        var stage = new SourceFile("/project/qa.yaml", "overlay: 1.0.0\ninfo: { title: q, version: 1 }\nx-portico-stage: { name: qa }\nactions:\n  - target: $.paths['/pets'].get\n    update:\n      x-amazon-apigateway-integration: { type: http_proxy, httpMethod: GET, uri: 'https://${stageVariables.host}/pets' }\n");
        var prepared = DocumentPreparer.Prepare("/project/api.json", Doc, [stage], "qa", null);
        var d = Assert.Single(prepared.Diagnostics);
        Assert.Equal("PRT4422", d.Id);
        Assert.Equal("https://${stageVariables.host}/pets", (string?)prepared.Tree!["paths"]!["/pets"]!["get"]!["x-amazon-apigateway-integration"]!["uri"]);
    }
}
