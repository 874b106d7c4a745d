using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Portico.SourceGenerator;
using Xunit;
using Xunit.Abstractions;

namespace Portico.Tests.Documents;

/// <summary>OpenApiSpec items with Overlays and Stage: the build document, the generated stages class, diagnostics and caching.</summary>
public sealed class StageGenerationTests(ITestOutputHelper output)
{
    private static string StageOverlay(string name, string url, string extra = "")
        => "overlay: 1.0.0\ninfo: { title: " + name + ", version: '1' }\nx-portico-stage: { name: " + name + ", variables: { tier: " + name + "-tier } }\nactions:\n  - target: $\n    update:\n      servers: [ { url: '" + url + "' } ]\n" + extra;

    private const string Common = "overlay: 1.0.0\ninfo: { title: common, version: '1' }\nactions:\n  - target: $.info\n    update: { description: Shared by every stage. }\n";

    private static TestFile[] Project(string v1Stage = "prod") =>
    [
        new TestFile("/project/api/v1.yaml", TestSpecs.Text("petstore.yaml"), Metadata: TestSpecs.Meta(("Namespace", "Shop.V1"), ("Overlays", "stages/common.yaml;stages/v1-*.yaml"), ("Stage", v1Stage))),
        new TestFile("/project/api/v2.yaml", TestSpecs.Text("petstore.yaml").Replace("version: 1.0.0", "version: 2.0.0"), Metadata: TestSpecs.Meta(("Namespace", "Shop.V2"), ("Overlays", "stages/v2-prod.yaml"))),
        new TestFile("/project/stages/common.yaml", Common, Kind: "OpenApiOverlay"),
        new TestFile("/project/stages/v1-dev.yaml", StageOverlay("dev", "https://dev.example.com/v1"), Kind: "OpenApiOverlay"),
        new TestFile("/project/stages/v1-prod.yaml", StageOverlay("prod", "https://api.example.com/v1"), Kind: "OpenApiOverlay"),
        new TestFile("/project/stages/v2-prod.yaml", StageOverlay("prod", "https://api.example.com/v2"), Kind: "OpenApiOverlay"),
    ];

    [Fact]
    public void Two_versions_build_side_by_side_each_with_its_stages_and_the_chosen_stage_applied()
    {
        var run = GeneratorHarness.Run(Project(), source: """
            namespace Use
            {
                public static class U
                {
                    public static string Dev => Shop.V1.PetStoreClientStages.BaseAddress(Shop.V1.PetStoreClientStages.Dev).ToString();
                    public static string V2Prod => Shop.V2.PetStoreClientStages.BaseAddress("prod").ToString();
                    public static string? V1Default => Shop.V1.PetStoreClient.DefaultBaseAddress;
                    public static string? V2Default => Shop.V2.PetStoreClient.DefaultBaseAddress;
                    public static string? Current => Shop.V1.PetStoreClientStages.Current;
                    public static string Names => string.Join(",", Shop.V1.PetStoreClientStages.Names);
                    public static string Tier => Shop.V1.PetStoreClientStages.Variables("dev")["tier"];
                    public static bool Unknown => Shop.V1.PetStoreClientStages.TryGetBaseAddress("qa", out _);
                    public static string ClientAddress()
                    {
                        var http = new System.Net.Http.HttpClient();
                        Shop.V1.PetStoreClientStages.Create("dev", http);
                        return http.BaseAddress!.ToString();
                    }
                }
            }
            """);
        foreach (var d in run.GeneratorDiagnostics) output.WriteLine(d.ToString());
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Empty(run.CompileProblems());
        Assert.Contains("Shared by every stage.", run.Sources.Single(x => x.HintName == "api_v1.yaml.PetStoreClient.g.cs").SourceText.ToString());

        var alc = new AssemblyLoadContext("stages", isCollectible: true);
        try
        {
            var asm = alc.LoadFromStream(new MemoryStream(run.Emit()));
            var u = asm.GetType("Use.U")!;
            object? Get(string name) => u.GetProperty(name)!.GetValue(null);
            Assert.Equal("https://dev.example.com/v1/", Get("Dev"));
            Assert.Equal("https://api.example.com/v2/", Get("V2Prod"));
            // The build document is the prod stage's (v1) and v2's own (no Stage: its stage overlay is not applied).
            Assert.Equal("https://api.example.com/v1", Get("V1Default"));
            Assert.Equal("https://petstore.example.com/v1", Get("V2Default"));
            Assert.Equal("prod", Get("Current"));
            Assert.Equal("dev,prod", Get("Names"));
            Assert.Equal("dev-tier", Get("Tier"));
            Assert.Equal(false, Get("Unknown"));
            Assert.Equal("https://dev.example.com/v1/", u.GetMethod("ClientAddress")!.Invoke(null, null));
        }
        finally
        {
            alc.Unload();
        }
    }

    [Fact]
    public void Overlay_problems_are_reported_in_the_overlay_and_a_missing_overlay_at_the_document()
    {
        var files = new[]
        {
            new TestFile("/project/api.yaml", TestSpecs.Text("petstore.yaml"), Metadata: TestSpecs.Meta(("Namespace", "Shop.Api"), ("Overlays", "fix.yaml;gone.yaml"), ("Stage", "qa"))),
            new TestFile("/project/fix.yaml", "overlay: 1.0.0\ninfo: { title: f, version: '1' }\nactions:\n  - target: $.paths['/nothing']\n    remove: true\n", Kind: "OpenApiOverlay"),
        };
        var run = GeneratorHarness.Run(files);
        foreach (var d in run.GeneratorDiagnostics) output.WriteLine(d.ToString());
        var byId = run.GeneratorDiagnostics.ToDictionary(d => d.Id);
        Assert.Equal(["PRT4404", "PRT4406", "PRT4407"], byId.Keys.Order().ToArray());
        Assert.Equal("/project/fix.yaml", byId["PRT4404"].Location.GetLineSpan().Path);
        Assert.Equal(3, byId["PRT4404"].Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal("/project/api.yaml", byId["PRT4406"].Location.GetLineSpan().Path);
        Assert.Contains("gone.yaml", byId["PRT4406"].GetMessage());
        // The client is still generated from the document.
        Assert.Empty(run.CompileProblems());
        Assert.Contains(run.Sources, s => s.HintName.EndsWith("PetStoreClient.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void Editing_an_overlay_regenerates_only_the_documents_that_use_it()
    {
        var files = Project();
        var compilation = GeneratorHarness.CreateCompilation();
        var driver = GeneratorHarness.CreateDriver(files, out var texts).RunGenerators(compilation);
        Assert.DoesNotContain(driver.GetRunResult().Diagnostics, d => d.Severity == DiagnosticSeverity.Error);

        // An unrelated C# edit: nothing re-runs.
        driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }", GeneratorHarness.ParseOptions)));
        Assert.All(Outputs(driver, TrackingNames.ParseSpec), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.All(Outputs(driver, TrackingNames.Render), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));

        // v1's dev overlay changes: v1 is parsed again and its stages file changes; v2 stays cached.
        var dev = texts.Single(t => t.Path.EndsWith("v1-dev.yaml", StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(dev, new GeneratorHarness.InMemoryAdditionalText(dev.Path, StageOverlay("dev", "https://dev2.example.com/v1"))).RunGenerators(compilation);
        var parse = Outputs(driver, TrackingNames.ParseSpec).ToList();
        Assert.Equal(IncrementalStepRunReason.Modified, parse.Single(o => PathOf(o.Value).EndsWith("v1.yaml", StringComparison.Ordinal)).Reason);
        Assert.Equal(IncrementalStepRunReason.Cached, parse.Single(o => PathOf(o.Value).EndsWith("v2.yaml", StringComparison.Ordinal)).Reason);
        var stages = driver.GetRunResult().GeneratedTrees.Single(t => t.FilePath.Contains("v1.yaml", StringComparison.Ordinal) && t.FilePath.EndsWith("PetStoreClientStages.g.cs", StringComparison.Ordinal));
        Assert.Contains("https://dev2.example.com/v1/", stages.ToString());
    }

    private static IEnumerable<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorDriver driver, string step)
        => driver.GetRunResult().Results.Single().TrackedSteps.TryGetValue(step, out var runs) ? runs.SelectMany(r => r.Outputs) : [];

    private static string PathOf(object value) => value.GetType().GetProperty("Path")?.GetValue(value) as string ?? string.Empty;
}
