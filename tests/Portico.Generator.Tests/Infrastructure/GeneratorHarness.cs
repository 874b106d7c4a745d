using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Portico.SourceGenerator;

namespace Portico.Tests;

/// <summary>A spec (or any additional file) handed to the generator, with its OpenApiSpec metadata.</summary>
public sealed record TestFile(string Path, string Text, string Kind = "OpenApiSpec", IReadOnlyDictionary<string, string>? Metadata = null);

/// <summary>Runs the generator in memory and compiles its output against .NET 10 reference assemblies.</summary>
public static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
    {
        var refs = new List<MetadataReference>(Basic.Reference.Assemblies.Net100.References.All);
        foreach (var type in new[]
        {
            typeof(Portico.ApiException),
            typeof(Microsoft.Extensions.DependencyInjection.IHttpClientBuilder),
            typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection),
            typeof(Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions),
            typeof(Microsoft.Extensions.Configuration.IConfiguration),
        })
        {
            refs.Add(MetadataReference.CreateFromFile(type.Assembly.Location));
        }
        return refs.ToImmutableArray();
    });

    public static ImmutableArray<MetadataReference> References => s_references.Value;

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    public static CSharpCompilation CreateCompilation(string source = "", string assemblyName = "Tests")
        => CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source.Length == 0 ? "namespace Empty { internal static class Marker { } }" : source, ParseOptions, path: "Program.cs")],
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, deterministic: true)
                // As the SDK does by default: reference unification notes are not problems of the generated code.
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));

    public static GeneratorDriver CreateDriver(IEnumerable<TestFile> files, string? rootNamespace = "Tests", bool trackSteps = true)
        => CreateDriver(files, out _, rootNamespace, trackSteps);

    /// <summary>As above, and hands back the additional texts (for <c>ReplaceAdditionalText</c>).</summary>
    public static GeneratorDriver CreateDriver(IEnumerable<TestFile> files, out ImmutableArray<AdditionalText> texts, string? rootNamespace = "Tests", bool trackSteps = true)
    {
        texts = files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)).ToImmutableArray();
        var provider = new TestOptionsProvider(files.ToDictionary(f => f.Path, f => f), rootNamespace);
        return CSharpGeneratorDriver.Create(
            [new OpenApiGenerator().AsSourceGenerator()],
            texts,
            ParseOptions,
            provider,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));
    }

    /// <summary>Generates from the files and compiles the result with the given extra source.</summary>
    public static GenerationRun Run(IEnumerable<TestFile> files, string source = "", string? rootNamespace = "Tests")
    {
        var compilation = CreateCompilation(source);
        var driver = CreateDriver(files, rootNamespace).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        return new GenerationRun(driver, (CSharpCompilation)output, generatorDiagnostics);
    }

    public static GenerationRun Run(string specPath, string specText, IReadOnlyDictionary<string, string>? metadata = null, string source = "")
        => Run([new TestFile(specPath, specText, Metadata: metadata)], source);

    public sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text, Encoding.UTF8);
        public override string Path { get; } = path;
        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    /// <summary>
    /// Whether runs keep the compiler's nullable analysis on in generated files (on for tests, so that every compile test
    /// proves the output null-safe; a package consumer gets annotations without the analysis unless it asks).
    /// </summary>
    public static readonly System.Threading.AsyncLocal<bool?> NullableWarnings = new();

    private sealed class TestOptionsProvider(Dictionary<string, TestFile> files, string? rootNamespace) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new DictionaryOptions(new Dictionary<string, string>
        {
            ["build_property.RootNamespace"] = rootNamespace ?? string.Empty,
            ["build_property.MSBuildProjectDirectory"] = "/project",
            ["build_property.PorticoNullableWarnings"] = NullableWarnings.Value ?? true ? "true" : "false",
        });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => DictionaryOptions.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
        {
            if (!files.TryGetValue(textFile.Path, out var file)) return DictionaryOptions.Empty;
            var map = new Dictionary<string, string> { ["build_metadata.AdditionalFiles.Portico_Kind"] = file.Kind };
            if (file.Metadata is not null)
            {
                foreach (var (k, v) in file.Metadata) map["build_metadata.AdditionalFiles.Portico_" + k] = v;
            }
            return new DictionaryOptions(map);
        }
    }

    private sealed class DictionaryOptions(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly DictionaryOptions Empty = new(new Dictionary<string, string>());

        public override bool TryGetValue(string key, out string value)
        {
            foreach (var (k, v) in values)
            {
                if (string.Equals(k, key, StringComparison.OrdinalIgnoreCase)) { value = v; return true; }
            }
            value = string.Empty;
            return false;
        }
    }
}

/// <summary>What one generator run produced.</summary>
public sealed record GenerationRun(GeneratorDriver Driver, CSharpCompilation Compilation, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public GeneratorDriverRunResult Result => Driver.GetRunResult();

    public IEnumerable<GeneratedSourceResult> Sources => Result.Results.SelectMany(r => r.GeneratedSources);

    /// <summary>Compiler errors and warnings of the output (hidden and info diagnostics left out).</summary>
    public IReadOnlyList<Diagnostic> CompileProblems() => Compilation.GetDiagnostics()
        .Where(d => d.Severity >= DiagnosticSeverity.Warning)
        .ToList();

    public string Source(string hintNameEnd) => Sources.Single(s => s.HintName.EndsWith(hintNameEnd, StringComparison.Ordinal)).SourceText.ToString();

    /// <summary>Emits the output to memory (the caller loads it to run it).</summary>
    public byte[] Emit()
    {
        using var stream = new MemoryStream();
        var result = Compilation.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException("Emit failed:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
        }
        return stream.ToArray();
    }
}
