using Microsoft.CodeAnalysis;
using Portico.CodeGeneration.Diagnostics;
using Portico.CodeGeneration.Documents;
using Portico.CodeGeneration.Model;
using Xunit;

namespace Portico.Tests;

/// <summary>The overlay, stage, x-portico-integration and export diagnostics (PRT44xx), each at its file, line and column.</summary>
public sealed partial class DiagnosticTests
{
    private static GenerationRun WithOverlay(string overlay, string overlays = "overlay.yaml", string? stage = null, string? spec = null)
    {
        var meta = new Dictionary<string, string> { ["Namespace"] = "Shop.Api", ["Overlays"] = overlays };
        if (stage is not null) meta["Stage"] = stage;
        return GeneratorHarness.Run(
        [
            new TestFile("/project/api.yaml", spec ?? Valid, Metadata: meta),
            new TestFile("/project/overlay.yaml", overlay, Kind: "OpenApiOverlay"),
        ]);
    }

    [Fact]
    public void PRT4401_overlay_that_is_not_yaml_is_an_error_at_the_syntax_error()
        => AssertDiagnostic(WithOverlay("overlay: 1.0.0\nactions:\n  - target: [\n"), "PRT4401", DiagnosticSeverity.Error, "/project/overlay.yaml", 4, 1);

    [Fact]
    public void PRT4402_overlay_of_another_version_is_an_error_at_its_version()
        => AssertDiagnostic(WithOverlay("overlay: 2.0.0\ninfo: { title: t, version: '1' }\nactions: []\n"), "PRT4402", DiagnosticSeverity.Error, "/project/overlay.yaml", 1, 1);

    [Fact]
    public void PRT4403_target_that_is_not_jsonpath_is_an_error_at_the_target()
        => AssertDiagnostic(WithOverlay("overlay: 1.0.0\ninfo: { title: t, version: '1' }\nactions:\n  - target: paths\n    remove: true\n"), "PRT4403", DiagnosticSeverity.Error, "/project/overlay.yaml", 4, 5);

    [Fact]
    public void PRT4404_target_selecting_nothing_is_a_warning_at_the_target()
        => AssertDiagnostic(WithOverlay("overlay: 1.0.0\ninfo: { title: t, version: '1' }\nactions:\n  - target: $.paths['/none']\n    remove: true\n"), "PRT4404", DiagnosticSeverity.Warning, "/project/overlay.yaml", 4, 5);

    [Fact]
    public void PRT4405_update_of_a_scalar_is_an_error_at_the_update()
        => AssertDiagnostic(WithOverlay("overlay: 1.0.0\ninfo: { title: t, version: '1' }\nactions:\n  - target: $.info.title\n    update: Other\n"), "PRT4405", DiagnosticSeverity.Error, "/project/overlay.yaml", 5, 5);

    [Fact]
    public void PRT4406_overlay_not_among_the_builds_files_is_an_error_at_the_document()
        => AssertDiagnostic(WithOverlay("overlay: 1.0.0\ninfo: { title: t, version: '1' }\nactions: []\n", overlays: "overlay.yaml;missing.yaml"), "PRT4406", DiagnosticSeverity.Error, "/project/api.yaml", 1, 1);

    [Fact]
    public void PRT4407_stage_no_overlay_declares_is_an_error_at_the_document()
        => AssertDiagnostic(WithOverlay("overlay: 1.0.0\ninfo: { title: t, version: '1' }\nx-portico-stage: { name: dev }\nactions:\n  - target: $.info\n    update: { description: d }\n", stage: "prod"), "PRT4407", DiagnosticSeverity.Error, "/project/api.yaml", 1, 1);

    private const string WithShortForms = """
        openapi: 3.0.3
        info: { title: Valid, version: '1' }
        paths:
          /items:
            get:
              operationId: listItems
              x-portico-integration: { sqs: orders }
              responses:
                '200': { description: ok }
            post:
              operationId: addItem
              x-portico-integration: { lambda: fn }
              x-amazon-apigateway-integration: { type: mock }
              responses:
                '200': { description: ok }
            put:
              operationId: putItem
              x-portico-integration: mock
              responses:
                '200': { description: ok }
        """;

    [Fact]
    public void PRT4410_short_form_without_what_it_needs_is_an_error_at_the_short_form()
        => AssertDiagnostic(GeneratorHarness.Run("/project/api.yaml", WithShortForms), "PRT4410", DiagnosticSeverity.Error, "/project/api.yaml", 7, 7);

    [Fact]
    public void PRT4411_short_and_full_form_together_is_a_warning_at_the_full_form()
        => AssertDiagnostic(GeneratorHarness.Run("/project/api.yaml", WithShortForms), "PRT4411", DiagnosticSeverity.Warning, "/project/api.yaml", 13, 7);

    [Fact]
    public void PRT4412_mock_for_an_http_api_is_an_error_at_the_short_form()
        => AssertDiagnostic(GeneratorHarness.Run("/project/api.yaml", WithShortForms, TestSpecs.Meta(("ApiType", "http"))), "PRT4412", DiagnosticSeverity.Error, "/project/api.yaml", 18, 7);

    private const string Spec31 = """
        openapi: 3.1.0
        info: { title: Valid, version: '1' }
        paths:
          /items:
            get:
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: { type: [string, 'null'], if: { minLength: 1 } }
        """;

    private static DiagnosticInfo Exported(string text, ExportOptions options, string id)
    {
        var result = DocumentExporter.Export(new SpecInput("/project/api.yaml", text, new GeneratorOptions()), options);
        Assert.NotNull(result.Text);
        return Assert.Single(result.Diagnostics, d => d.Id == id);
    }

    [Fact]
    public void PRT4420_rewrite_for_an_older_version_is_info_at_the_keyword()
    {
        var d = Exported(Spec31, new ExportOptions { Profile = ExportProfile.Rest }, "PRT4420");
        Assert.Equal(Severity.Info, d.Severity);
        Assert.Equal((11, 25), (d.Location.Line, d.Location.Column));
        Assert.Contains("nullable: true", d.Message);
    }

    [Fact]
    public void PRT4421_keyword_with_no_older_form_is_a_warning_at_the_keyword()
    {
        var d = Exported(Spec31, new ExportOptions { Profile = ExportProfile.Rest }, "PRT4421");
        Assert.Equal(Severity.Warning, d.Severity);
        Assert.Equal("if", d.Args[0]);
        Assert.Equal((11, 49), (d.Location.Line, d.Location.Column));
    }

    [Fact]
    public void PRT4422_stage_variable_the_stage_lacks_is_a_warning_at_the_value()
    {
        const string spec = """
            openapi: 3.0.3
            info: { title: Valid, version: '1' }
            paths:
              /items:
                get:
                  operationId: listItems
                  x-portico-integration: { http: 'https://${stageVariables.host}/items' }
                  responses:
                    '200': { description: ok }
            """;
        var run = WithOverlay("overlay: 1.0.0\ninfo: { title: t, version: '1' }\nx-portico-stage: { name: dev }\nactions:\n  - target: $.info\n    update: { description: d }\n", stage: "dev", spec: spec);
        AssertDiagnostic(run, "PRT4422", DiagnosticSeverity.Warning, "/project/api.yaml", 7, 32);
    }

    [Fact]
    public void PRT4423_export_api_gateway_cannot_import_is_a_warning()
    {
        var d = Exported(Valid, new ExportOptions { Profile = ExportProfile.Http, Version = ExportVersion.Swagger20 }, "PRT4423");
        Assert.Equal(Severity.Warning, d.Severity);
        Assert.Equal((1, 1), (d.Location.Line, d.Location.Column));
    }
}
