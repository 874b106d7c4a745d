using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Portico.CodeGeneration;
using Portico.CodeGeneration.Emit;
using Portico.CodeGeneration.Model;
using Portico.SourceGenerator;
using Xunit;

namespace Portico.Tests;

/// <summary>
/// The pipeline caches: unrelated edits re-run nothing, an edit of one document re-runs only that document,
/// and no step output holds a compiler object.
/// </summary>
public sealed class IncrementalTests
{
    private static readonly string[] s_allSteps =
    [
        TrackingNames.SpecFiles, TrackingNames.ReadSpec, TrackingNames.ResolveReferences, TrackingNames.ParseSpec,
        TrackingNames.Files, TrackingNames.Templates, TrackingNames.Render,
    ];

    private static readonly IncrementalStepRunReason[] s_unchanged = [IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged];

    private static TestFile[] TwoSpecs() =>
    [
        TestSpecs.Spec("petstore.yaml", TestSpecs.Meta(("Namespace", "Shop.Api"))),
        TestSpecs.Spec("polymorphic.json", TestSpecs.Meta(("Namespace", "Shapes.Api"))),
    ];

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun(IEnumerable<TestFile> files)
        => FirstRun(files, out _);

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun(IEnumerable<TestFile> files, out ImmutableArray<AdditionalText> texts)
    {
        var compilation = GeneratorHarness.CreateCompilation();
        var driver = GeneratorHarness.CreateDriver(files, out texts).RunGenerators(compilation);
        var first = driver.GetRunResult();
        Assert.Empty(first.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.NotEmpty(first.GeneratedTrees);
        return (driver, compilation);
    }

    private static IReadOnlyDictionary<string, ImmutableArray<IncrementalGeneratorRunStep>> Steps(GeneratorDriver driver)
        => driver.GetRunResult().Results.Single().TrackedSteps;

    private static IEnumerable<(string Step, object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorDriver driver, string step)
        => Steps(driver).TryGetValue(step, out var runs)
            ? runs.SelectMany(r => r.Outputs.Select(o => (step, o.Value, o.Reason)))
            : [];

    private static void AssertAllCached(GeneratorDriver driver)
    {
        var steps = Steps(driver);
        foreach (var name in s_allSteps)
        {
            Assert.True(steps.ContainsKey(name), "step " + name + " was not tracked");
        }
        var moved = steps.Where(s => s_allSteps.Contains(s.Key))
            .SelectMany(s => s.Value.SelectMany(r => r.Outputs.Select(o => (s.Key, o.Reason))))
            .Where(o => !s_unchanged.Contains(o.Reason))
            .ToList();
        Assert.True(moved.Count == 0, "outputs that moved: " + string.Join(", ", moved.Select(m => m.Key + "=" + m.Reason)));
        Assert.All(Outputs(driver, TrackingNames.Render), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Unrelated_csharp_edit_reruns_nothing()
    {
        var (driver, compilation) = FirstRun(TwoSpecs());
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other { internal sealed class Edit { } }", GeneratorHarness.ParseOptions, path: "Edit.cs"));
        driver = driver.RunGenerators(edited);
        AssertAllCached(driver);

        // And a second edit of that file, once more.
        var tree = edited.SyntaxTrees.Last();
        driver = driver.RunGenerators(edited.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From("namespace Other { internal sealed class Edit2 { } }"))));
        AssertAllCached(driver);
    }

    [Fact]
    public void Rerun_on_cloned_compilation_is_fully_cached()
    {
        var (driver, compilation) = FirstRun(TwoSpecs());
        driver = driver.RunGenerators(compilation.Clone());
        AssertAllCached(driver);
    }

    [Fact]
    public void Editing_one_document_reruns_only_that_document()
    {
        var files = TwoSpecs();
        var (driver, compilation) = FirstRun(files, out var texts);
        var a = texts.Single(t => t.Path == files[0].Path);
        string editedText = files[0].Text.Replace("description: A small pet store.", "description: A small pet store, edited.")
            .Replace("summary: Lists pets.", "summary: Lists every pet.");
        Assert.NotEqual(files[0].Text, editedText);
        driver = driver.ReplaceAdditionalText(a, new GeneratorHarness.InMemoryAdditionalText(a.Path, editedText)).RunGenerators(compilation);

        static bool IsA(object value) => PathOf(value).Contains("petstore", StringComparison.Ordinal) || PathOf(value).StartsWith("Shop.Api", StringComparison.Ordinal);

        // ParseSpec: A changed, B cached.
        var parse = Outputs(driver, TrackingNames.ParseSpec).ToList();
        Assert.Equal(2, parse.Count);
        Assert.Equal(IncrementalStepRunReason.Modified, parse.Single(o => IsA(o.Value)).Reason);
        Assert.Equal(IncrementalStepRunReason.Cached, parse.Single(o => !IsA(o.Value)).Reason);

        // Render: B's files all cached; A's documentation-bearing files re-rendered, the rest cached.
        var render = Outputs(driver, TrackingNames.Render).ToList();
        var renderA = render.Where(o => IsA(o.Value)).ToList();
        var renderB = render.Where(o => !IsA(o.Value)).ToList();
        Assert.NotEmpty(renderA);
        Assert.NotEmpty(renderB);
        Assert.All(renderB, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Contains(renderA, o => o.Reason == IncrementalStepRunReason.Modified);
        // The model files of A did not change, so they are not re-rendered either.
        Assert.All(renderA.Where(o => PathOf(o.Value).Contains(".Models.", StringComparison.Ordinal)), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));

        // Reading B did not re-run.
        var read = Outputs(driver, TrackingNames.ReadSpec).ToList();
        Assert.Equal(IncrementalStepRunReason.Cached, read.Single(o => !IsA(o.Value)).Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, read.Single(o => IsA(o.Value)).Reason);

        // The output follows the edit.
        var text = driver.GetRunResult().Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()).Single(s => s.Contains("Lists every pet.", StringComparison.Ordinal));
        Assert.DoesNotContain("Lists pets.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Editing_a_template_override_rerenders_but_does_not_reparse()
    {
        var files = TwoSpecs().Append(new TestFile("/project/templates/extensions.sbn", TemplateSet.BuiltInText("extensions"), Kind: "Template")).ToArray();
        var (driver, compilation) = FirstRun(files, out var texts);
        var t = texts.Single(x => x.Path.EndsWith("extensions.sbn", StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(t, new GeneratorHarness.InMemoryAdditionalText(t.Path, "// custom extensions of {{ ctx.client_name }}\n" + TemplateSet.BuiltInText("extensions"))).RunGenerators(compilation);
        Assert.All(Outputs(driver, TrackingNames.ParseSpec), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Contains(Outputs(driver, TrackingNames.Templates), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(driver.GetRunResult().GeneratedTrees, tree => tree.ToString().Contains("// custom extensions of PetStoreClient", StringComparison.Ordinal));
    }

    [Fact]
    public void No_step_output_holds_compiler_objects()
    {
        var files = TwoSpecs().Append(new TestFile("/project/templates/class.sbn", TemplateSet.BuiltInText("class"), Kind: "Template")).ToArray();
        var (driver, compilation) = FirstRun(files);
        driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class X { }", GeneratorHarness.ParseOptions)));
        var steps = Steps(driver);
        Assert.All(s_allSteps, s => Assert.True(steps.ContainsKey(s), s));
        var problems = new List<string>();
        int outputs = 0;
        foreach (var (name, runs) in steps.Where(s => s_allSteps.Contains(s.Key)))
        {
            foreach (var run in runs)
            {
                foreach (var (value, _) in run.Outputs)
                {
                    outputs++;
                    problems.AddRange(ObjectGraph.FindCompilerObjects(value, name));
                }
            }
        }
        Assert.True(outputs > 20, "too few outputs walked: " + outputs);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(10)));
    }

    [Fact]
    public void Object_graph_walker_finds_compiler_objects()
    {
        var tree = CSharpSyntaxTree.ParseText("class X { }");
        Assert.NotEmpty(ObjectGraph.FindCompilerObjects(new { Inner = new object[] { 1, new List<object> { tree } } }));
        Assert.NotEmpty(ObjectGraph.FindCompilerObjects((Path: "a", Text: SourceText.From("x"))));
        Assert.Empty(ObjectGraph.FindCompilerObjects(new SourceFile("a", "b")));
    }

    [Theory]
    [InlineData("petstore.yaml")]
    [InlineData("polymorphic.json")]
    public void Parsing_the_same_input_twice_gives_equal_models(string name)
    {
        var options = new GeneratorOptions { RootNamespace = "Tests" };
        var input1 = new SpecInput("/project/" + name, TestSpecs.Text(name), options);
        var input2 = new SpecInput("/project/" + name, new string(TestSpecs.Text(name).AsSpan()), options with { });
        Assert.Equal(input1, input2);
        Assert.Equal(input1.GetHashCode(), input2.GetHashCode());

        var a = PorticoEngine.Parse(input1);
        var b = PorticoEngine.Parse(input2);
        Assert.NotNull(a.Client);
        Assert.NotSame(a, b);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(a.Client, b.Client);
        Assert.Equal(a.Types, b.Types);
        for (int i = 0; i < a.Types.Count; i++) Assert.Equal(a.Types[i].GetHashCode(), b.Types[i].GetHashCode());

        var filesA = PorticoEngine.Files(a).ToList();
        var filesB = PorticoEngine.Files(b).ToList();
        Assert.Equal(filesA, filesB);
        Assert.Equal(filesA.Select(f => f.GetHashCode()), filesB.Select(f => f.GetHashCode()));

        var t1 = new TemplateSet(new[] { new SourceFile("/t/class.sbn", "x") }.ToEquatableArray());
        var t2 = new TemplateSet(new[] { new SourceFile("/t/class.sbn", "x") }.ToEquatableArray());
        Assert.Equal(t1, t2);
        Assert.Equal(t1.GetHashCode(), t2.GetHashCode());

        // A different document gives a different model.
        var c = PorticoEngine.Parse(input1 with { Text = input1.Text.Replace("version: 1.0.0", "version: 1.0.1").Replace("\"version\": \"2.0\"", "\"version\": \"2.1\"") });
        Assert.NotEqual(a, c);
    }

    /// <summary>The value's path or hint name, whatever the step's record is.</summary>
    private static string PathOf(object value)
    {
        var type = value.GetType();
        foreach (var name in new[] { "Path", "HintName" })
        {
            if (type.GetProperty(name, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)?.GetValue(value) is string s) return s;
        }
        return value.ToString() ?? string.Empty;
    }
}
