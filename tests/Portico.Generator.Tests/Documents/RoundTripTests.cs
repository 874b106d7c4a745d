using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Portico.CodeGeneration;
using Portico.CodeGeneration.Diagnostics;
using Portico.CodeGeneration.Documents;
using Portico.CodeGeneration.Model;
using Portico.CodeGeneration.Reading;
using Xunit;
using Xunit.Abstractions;

namespace Portico.Tests.Documents;

/// <summary>
/// Read -> export -> read over the whole shared corpus. "Equivalent" means: both documents, read by Microsoft.OpenApi
/// and written back by its serializer at the same version as JSON, are the same JSON tree. That ignores key order,
/// formatting (JSON or YAML, whitespace, quoting) and whatever the OpenAPI object model does not hold (unknown
/// non-extension fields); it compares everything else: paths, operations, parameters, schemas, references, examples,
/// extensions. The plain profile removes API Gateway and Portico extensions from the export, so the original's are
/// removed before comparing too. The gateway export (OpenAPI 3.0, profile rest) is checked to read back with no error
/// the original did not have, and with the same operations.
/// </summary>
public static class RoundTrip
{
    public static IEnumerable<object[]> Corpus(bool big)
        => RealSpecCompileTests.Documents().Where(d => ((string)d[0]).StartsWith("big/", StringComparison.Ordinal) == big);

    private static readonly Lazy<List<(string Path, Func<string?> Text)>> s_candidates = new(() =>
        Directory.EnumerateFiles(Paths.Specs, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Select(f => (f, (Func<string?>)(() => File.ReadAllText(f)))).ToList());

    public static SpecInput Input(string relative, string? text = null)
    {
        string path = Path.Combine(Paths.Specs, relative);
        string original = File.ReadAllText(path);
        var files = SpecReader.FindReferencedFiles(original).Count == 0 ? [] : SpecReader.ResolveReferencedFiles(path, original, s_candidates.Value, CancellationToken.None);
        return new SpecInput(path, text ?? original, new GeneratorOptions()) { ReferencedFiles = files.ToEquatableArray() };
    }

    /// <summary>The document as Microsoft.OpenApi reads and writes it (JSON, the given version).</summary>
    public static JsonObject Canonical(SpecInput input, OpenApiSpecVersion version, bool withoutGatewayExtensions, bool writerFixes = false)
    {
        if (writerFixes)
        {
            // The documented rewrites the exporter makes so that Microsoft.OpenApi can write the document (reported as PRT4420).
            var original = (JsonObject)JsonTree.Parse(input.Text, out _, out _, out _)!;
            DocumentExporter.FixForWriting(original, JsonTree.AsString(original["openapi"]) ?? "2.0", []);
            input = input with { Text = JsonTree.ToJson(original) };
        }
        var read = SpecReader.Read(input, CancellationToken.None);
        Assert.False(read.Fatal, "cannot read " + input.Path);
        var tree = (JsonObject)JsonNode.Parse(DocumentExporter.Serialize(read.Document!, version, ExportFormat.Json))!;
        if (withoutGatewayExtensions) DocumentExporter.Filter(tree, ExportProfile.None);
        return tree;
    }

    public static (ExportVersion Export, OpenApiSpecVersion Model) SourceVersion(string text)
    {
        var tree = JsonTree.Parse(text, out _, out _, out _)!;
        string version = JsonTree.AsString(tree["openapi"]) ?? "2.0";
        return version.StartsWith("2", StringComparison.Ordinal) ? (ExportVersion.Swagger20, OpenApiSpecVersion.OpenApi2_0)
            : version.StartsWith("3.0", StringComparison.Ordinal) ? (ExportVersion.OpenApi30, OpenApiSpecVersion.OpenApi3_0)
            : (ExportVersion.OpenApi31, OpenApiSpecVersion.OpenApi3_1);
    }

    /// <summary>The model version documents are compared in: 2.0 ones in the 3.0 form the reader turns them into.</summary>
    public static OpenApiSpecVersion CompareVersion(OpenApiSpecVersion source) => source == OpenApiSpecVersion.OpenApi2_0 ? OpenApiSpecVersion.OpenApi3_0 : source;

    public static void SameVersionIsEquivalent(string relative, ITestOutputHelper output)
    {
        var input = Input(relative);
        var (exportVersion, modelVersion) = SourceVersion(input.Text);
        foreach (var format in new[] { ExportFormat.Json, ExportFormat.Yaml })
        {
            var result = DocumentExporter.Export(input, new ExportOptions { Profile = ExportProfile.None, Version = exportVersion, Format = format });
            Assert.True(result.Text is not null, string.Join("\n", result.Diagnostics));
            var before = Canonical(input, CompareVersion(modelVersion), withoutGatewayExtensions: true, writerFixes: true);
            var after = Canonical(input with { Text = result.Text! }, CompareVersion(modelVersion), withoutGatewayExtensions: false);
            if (modelVersion == OpenApiSpecVersion.OpenApi2_0)
            {
                // Microsoft.OpenApi reads 2.0 into its 3.0 model and derives produces/consumes, file formats and
                // host/basePath back from it, so 2.0 documents are compared by structure, original text against export:
                // operations, their parameters, responses and ids, definitions and their properties, security definitions.
                var original = Structure(Parse(input.Text));
                var exported = Structure(Parse(result.Text!));
                if (s_lossy20.ContainsKey(relative))
                {
                    original = original.Select(OperationOnly).ToList();
                    exported = exported.Select(OperationOnly).ToList();
                }
                // Definitions the original reaches in other files are bundled into the export: the original's must all be there.
                Assert.Equal(original.Where(l => !l.StartsWith("schema ", StringComparison.Ordinal)), exported.Where(l => !l.StartsWith("schema ", StringComparison.Ordinal)));
                Assert.Empty(original.Where(l => l.StartsWith("schema ", StringComparison.Ordinal)).Except(exported));
                continue;
            }
            if (!JsonNode.DeepEquals(before, after)) output.WriteLine(FirstDifference(before, after, string.Empty) ?? "?");
            Assert.True(JsonNode.DeepEquals(before, after), relative + " (" + format + ") differs after the round trip: " + FirstDifference(before, after, string.Empty));
        }
    }

    public static void GatewayExportReadsBack(string relative)
    {
        var input = Input(relative);
        // The profile of the document's own API type (HTTP API documents keep their HTTP-only extensions).
        var api = Portico.CodeGeneration.Gateway.GatewayReader.Read(input.Text, null, null);
        var profile = api?.ApiType == Portico.CodeGeneration.Gateway.GatewayApiType.Http ? ExportProfile.Http : ExportProfile.Rest;
        var result = DocumentExporter.Export(input, new ExportOptions { Profile = profile, Version = ExportVersion.OpenApi30 });
        Assert.True(result.Text is not null, string.Join("\n", result.Diagnostics));
        var exported = Parse(result.Text!);
        Assert.StartsWith("3.0", (string?)exported["openapi"]);

        // The repo's own reader and binder: no error the original did not already have.
        var originalErrors = PorticoEngine.Parse(input).Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.Id).ToHashSet();
        var exportedErrors = PorticoEngine.Parse(input with { Text = result.Text! }).Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
        Assert.True(exportedErrors.All(d => originalErrors.Contains(d.Id)), relative + ": new errors " + string.Join("\n", exportedErrors.Where(d => !originalErrors.Contains(d.Id))));

        // The same operations, by path and method.
        Assert.Equal(Operations(Canonical(input, OpenApiSpecVersion.OpenApi3_0, true, writerFixes: true)), Operations(exported));
    }

    /// <summary>
    /// 2.0 documents where Microsoft.OpenApi's 2.0 writer changes parameters: only operations (path, method, responses, id)
    /// are compared for them.
    /// </summary>
    private static readonly Dictionary<string, string> s_lossy20 = new(StringComparer.Ordinal)
    {
        ["real/apisguru-authentiq.io.swagger.yaml"] = "a body parameter that the operation consumes as JSON and as form data comes back as formData parameters",
    };

    private static string OperationOnly(string line)
    {
        int open = line.IndexOf(" (", StringComparison.Ordinal);
        int close = line.IndexOf(')', Math.Max(0, open));
        return open > 0 && close > open && !line.StartsWith("schema ", StringComparison.Ordinal) && !line.StartsWith("security ", StringComparison.Ordinal) ? line.Substring(0, open) + line.Substring(close + 1) : line;
    }

    /// <summary>A Swagger 2.0 document's operations with their parameters (place and name, or reference), responses and ids, definitions with their property names, security definitions.</summary>
    private static List<string> Structure(JsonObject doc)
    {
        var lines = new List<string>();
        foreach (var path in doc["paths"] as JsonObject ?? [])
        {
            foreach (var op in path.Value as JsonObject ?? [])
            {
                if (op.Key is not ("get" or "put" or "post" or "delete" or "options" or "head" or "patch" or "trace")) continue;
                static string Parameter(JsonNode? p) => (string?)p?["in"] + ":" + (string?)p?["name"] + ":" + RefName((string?)p?["$ref"]);
                var parameters = (op.Value?["parameters"] as JsonArray ?? []).Select(Parameter);
                var inherited = (path.Value?["parameters"] as JsonArray ?? []).Select(Parameter);
                lines.Add(op.Key + " " + path.Key + " (" + string.Join(",", parameters.Concat(inherited).Order(StringComparer.Ordinal)) + ")"
                    + " responses=" + string.Join(",", (op.Value?["responses"] as JsonObject ?? []).Select(r => r.Key)) + " id=" + (string?)op.Value?["operationId"]);
            }
        }
        foreach (var schema in doc["definitions"] as JsonObject ?? [])
        {
            lines.Add("schema " + schema.Key + " " + string.Join(",", (schema.Value?["properties"] as JsonObject ?? []).Select(p => p.Key)));
        }
        foreach (var scheme in doc["securityDefinitions"] as JsonObject ?? [])
        {
            lines.Add("security " + scheme.Key + " " + (string?)scheme.Value?["type"]);
        }
        return lines;
    }

    /// <summary>The name a reference ends with (a reference into another file and one into the bundled document name the same thing).</summary>
    private static string RefName(string? reference) => reference is null ? string.Empty : reference.Substring(Math.Max(reference.LastIndexOf('/'), reference.LastIndexOf('#')) + 1);

    private static JsonObject Parse(string text) => (JsonObject)JsonTree.Parse(text, out _, out _, out _)!;

    private static List<string> Operations(JsonObject doc)
        => (doc["paths"] as JsonObject ?? [])
            .SelectMany(p => (p.Value as JsonObject ?? []).Where(m => m.Key is "get" or "put" or "post" or "delete" or "options" or "head" or "patch" or "trace").Select(m => m.Key + " " + p.Key))
            .OrderBy(x => x, StringComparer.Ordinal).ToList();

    private static string? FirstDifference(JsonNode? a, JsonNode? b, string pointer)
    {
        if (JsonNode.DeepEquals(a, b)) return null;
        if (a is JsonObject oa && b is JsonObject ob)
        {
            foreach (var key in oa.Select(p => p.Key).Union(ob.Select(p => p.Key)))
            {
                if (!oa.ContainsKey(key) || !ob.ContainsKey(key)) return pointer + "/" + key + " only on one side";
                if (FirstDifference(oa[key], ob[key], pointer + "/" + key) is string d) return d;
            }
        }
        if (a is JsonArray aa && b is JsonArray ab && aa.Count == ab.Count)
        {
            for (int i = 0; i < aa.Count; i++)
            {
                if (FirstDifference(aa[i], ab[i], pointer + "/" + i) is string d) return d;
            }
        }
        string Show(JsonNode? n) { var s = n?.ToJsonString() ?? "null"; return s.Length > 200 ? s.Substring(0, 200) + "..." : s; }
        return pointer + ": " + Show(a) + " vs " + Show(b);
    }
}

/// <summary>Same-version round trips of the corpus (a class of their own, so that they run beside the gateway ones).</summary>
public sealed class RoundTripTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> Corpus() => RoundTrip.Corpus(big: false);

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Same_version_export_reads_back_equivalent(string relative) => RoundTrip.SameVersionIsEquivalent(relative, output);
}

/// <summary>Gateway (OpenAPI 3.0, rest profile) exports of the corpus.</summary>
public sealed class GatewayRoundTripTests
{
    public static IEnumerable<object[]> Corpus() => RoundTrip.Corpus(big: false);

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Gateway_export_as_30_reads_back_without_new_errors(string relative) => RoundTrip.GatewayExportReadsBack(relative);
}

/// <summary>The 13 MB document on its own, so that it runs beside the others.</summary>
public sealed class BigRoundTripTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> Corpus() => RoundTrip.Corpus(big: true);

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Same_version_export_reads_back_equivalent(string relative) => RoundTrip.SameVersionIsEquivalent(relative, output);

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Gateway_export_as_30_reads_back_without_new_errors(string relative) => RoundTrip.GatewayExportReadsBack(relative);
}
