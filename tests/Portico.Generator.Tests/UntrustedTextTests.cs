using System.Net;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Abstractions;

namespace Portico.Tests;

/// <summary>
/// A document is untrusted text: whatever its names and descriptions hold, the generated code compiles without
/// warnings, its XML docs are well-formed, no directive or code is injected, and wire names round-trip exactly.
/// </summary>
public sealed class UntrustedTextTests(ITestOutputHelper output)
{
    /// <summary>Text that breaks naive code generation.</summary>
    public static readonly string[] Nasty =
    [
        "*/ /* comment breaker",
        "</summary><script>alert('x')</script>",
        "<see cref=\"X\"/> & &amp; <!-- -->",
        "line one\nline two\r\nline three\rline four",
        "para\u2028sep\u2029end",
        "next\u0085line",
        "quote \" and 'single' and `tick`",
        "back\\slash \\n \\u0041 {0} {{x}}",
        "\n#if NEVER\nclass Injected {}\n#endif",
        "#pragma warning disable\n#error boom",
        "class",
        "@namespace",
        "123 leading digits",
        "emoji 😀 \U0001F680 text",
        "\t tab and  spaces ",
        "null\0char",
        "",
        "\"; System.Environment.Exit(1); //",
        "${x} $\"{1}\" @\"verbatim\"",
        "\uFEFFbom",
        "right\u202Eto\u202Cleft",
    ];

    /// <summary>Property names of the Evil schema: keywords, clashes of case, punctuation, digits, emoji, empty.</summary>
    public static readonly string[] PropertyNames =
    [
        "class", "Class", "CLASS", "*/x", "</summary>", "a\"b", "back\\slash", "new\nline", "para\u2028graph", "next\u0085line",
        "123start", "😀", "😀emoji", "#if DEBUG", "#pragma", "@at", "", " ", "x-y", "x_y", "a.b", "EvilModel", "Equals", "GetType",
        "ToString", "value", "Value", "reader", "writer", "options", "p0", "extra", "$type", "__proto__", "null", "true", "default", "global", "System",
    ];

    public static readonly string[] EnumValues =
    [
        "*/", "</summary>", "a\"b", "back\\slash", "new\nline", "u\u2028x", "n\u0085x", "1", "1st", "😀", "#if", "class", "", " ", "Value", "value", "IsKnown", "A", "a",
    ];

    public static readonly string[] OperationIds = ["delete", "*/op", "get</summary>", "1st", "😀op", "op\nnew line", "#pragma op", "a\"b", "GetEvil", "getEvil"];

    private static JsonObject Text(JsonObject o, string prefix, int i)
    {
        o["description"] = prefix + " " + Nasty[i % Nasty.Length] + " / " + Nasty[(i + 7) % Nasty.Length];
        return o;
    }

    public static string Document()
    {
        var properties = new JsonObject();
        for (int i = 0; i < PropertyNames.Length; i++)
        {
            properties[PropertyNames[i]] = Text(new JsonObject { ["type"] = "string", ["title"] = Nasty[(i + 3) % Nasty.Length] }, "property", i);
        }
        var enumValues = new JsonArray(EnumValues.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
        var paths = new JsonObject();
        for (int i = 0; i < OperationIds.Length; i++)
        {
            var parameters = new JsonArray
            {
                new JsonObject { ["name"] = "id", ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" }, ["description"] = Nasty[i % Nasty.Length] },
                new JsonObject { ["name"] = PropertyNames[i % PropertyNames.Length] is { Length: > 0 } n ? n : "q", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" }, ["description"] = Nasty[(i + 1) % Nasty.Length] },
                new JsonObject { ["name"] = "X-" + i + "-!#$%&'*+.^_`|~class", ["in"] = "header", ["schema"] = new JsonObject { ["type"] = "string" } },
            };
            var op = new JsonObject
            {
                ["operationId"] = OperationIds[i],
                ["summary"] = Nasty[(i + 4) % Nasty.Length],
                ["description"] = Nasty[(i + 5) % Nasty.Length],
                ["tags"] = new JsonArray(JsonValue.Create(new[] { "*/", "class", "<script>", "1tag", "😀" }[i % 5])),
                ["parameters"] = parameters,
                ["responses"] = new JsonObject
                {
                    ["200"] = new JsonObject
                    {
                        ["description"] = Nasty[(i + 6) % Nasty.Length],
                        ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/EvilModel" } } },
                    },
                },
            };
            paths["/evil" + i + "/{id}"] = new JsonObject { [i % 2 == 0 ? "get" : "post"] = op };
        }
        var doc = new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject { ["title"] = "Evil */ API </summary>\u2028#if X", ["version"] = "1.0 */ \"", ["description"] = string.Join(" | ", Nasty) },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "https://evil.example.com/\"quote\\*/" }),
            ["tags"] = new JsonArray(new JsonObject { ["name"] = "*/", ["description"] = Nasty[1] }, new JsonObject { ["name"] = "class", ["description"] = Nasty[3] }),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = new JsonObject
                {
                    ["EvilModel"] = Text(new JsonObject { ["type"] = "object", ["title"] = Nasty[1], ["properties"] = properties }, "model", 0),
                    ["EvilEnum"] = Text(new JsonObject { ["type"] = "string", ["enum"] = enumValues }, "enum", 2),
                    ["*/Weird Name</summary>"] = Text(new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["e"] = new JsonObject { ["$ref"] = "#/components/schemas/EvilEnum" } } }, "weird", 4),
                    ["class"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["class"] = new JsonObject { ["type"] = "integer" } } },
                    ["123"] = new JsonObject { ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["$ref"] = "#/components/schemas/class" }) },
                },
            },
        };
        return doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private GenerationRun Generate()
    {
        var run = GeneratorHarness.Run([new TestFile("/project/evil.json", Document(), Metadata: TestSpecs.Meta(("Namespace", "Evil.Api")))]);
        foreach (var d in run.GeneratorDiagnostics.Take(20)) output.WriteLine(d.ToString());
        Assert.All(run.Result.Results, r => Assert.Null(r.Exception));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.NotEmpty(run.Sources);
        return run;
    }

    [Fact]
    public void Generated_code_compiles_without_warnings_and_with_wellformed_docs()
    {
        var run = Generate();
        // Documentation diagnostics on: CS1570 and friends report malformed XML comments.
        var withDocs = run.Compilation.WithOptions(run.Compilation.Options);
        var trees = withDocs.SyntaxTrees.Select(t => t.WithRootAndOptions(t.GetRoot(), ((CSharpParseOptions)t.Options).WithDocumentationMode(DocumentationMode.Diagnose))).ToArray();
        var docs = withDocs.RemoveAllSyntaxTrees().AddSyntaxTrees(trees);
        var problems = docs.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        foreach (var p in problems.Take(30)) output.WriteLine(p.ToString());
        Assert.Empty(problems);
    }

    [Fact]
    public void Xml_doc_blocks_parse_as_xml()
    {
        var run = Generate();
        int blocks = 0;
        foreach (var source in run.Sources)
        {
            var lines = source.SourceText.ToString().Split('\n');
            var block = new List<string>();
            for (int i = 0; i <= lines.Length; i++)
            {
                string? line = i < lines.Length ? lines[i].TrimStart() : null;
                if (line is not null && line.StartsWith("///", StringComparison.Ordinal))
                {
                    block.Add(line.Substring(3));
                    continue;
                }
                if (block.Count > 0)
                {
                    blocks++;
                    string xml = "<doc>" + string.Join("\n", block) + "</doc>";
                    try
                    {
                        XDocument.Parse(xml);
                    }
                    catch (System.Xml.XmlException ex)
                    {
                        Assert.Fail(source.HintName + " line " + (i - block.Count + 1) + ": " + ex.Message + "\n" + xml);
                    }
                    block.Clear();
                }
            }
        }
        Assert.True(blocks > 20, "too few doc blocks: " + blocks);
    }

    [Fact]
    public void No_directive_or_code_is_injected()
    {
        var run = Generate();
        foreach (var source in run.Sources)
        {
            var root = source.SyntaxTree.GetRoot();
            var directives = root.DescendantTrivia(descendIntoTrivia: true).Where(t => t.IsDirective).Select(t => t.ToString().Trim()).ToList();
            Assert.All(directives, d => Assert.True(d == "#nullable enable" || d.StartsWith("#pragma warning disable CS0612, CS0618, CS1591", StringComparison.Ordinal), source.HintName + ": " + d));
            // Only the document's types are declared: nothing like the injected class.
            Assert.DoesNotContain(root.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax>(), t => t.Identifier.Text == "Injected");
            // Disabled text would be code that a directive switched off.
            Assert.DoesNotContain(root.DescendantTrivia(descendIntoTrivia: true), t => t.IsKind(SyntaxKind.DisabledTextTrivia));
        }
    }

    [Fact]
    public void Wire_names_and_enum_values_round_trip_exactly()
    {
        var run = Generate();
        var image = run.Emit();
        var alc = new AssemblyLoadContext("evil", isCollectible: true);
        try
        {
            var asm = alc.LoadFromStream(new MemoryStream(image));
            var model = asm.GetTypes().Single(t => t.FullName == "Evil.Api.EvilModel");

            // One property per wire name, nothing else.
            var props = model.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);
            Assert.Equal(PropertyNames.Length, props.Length);

            // Every property set to a distinct value: serialized, each wire name appears once with its value.
            var instance = Activator.CreateInstance(model)!;
            var valueOf = new Dictionary<string, string>();
            for (int i = 0; i < props.Length; i++)
            {
                string v = "v" + i + Nasty[i % Nasty.Length];
                props[i].SetValue(instance, v);
                valueOf[props[i].Name] = v;
            }
            string json = JsonSerializer.Serialize(instance, model);
            using var parsed = JsonDocument.Parse(json);
            var names = parsed.RootElement.EnumerateObject().Select(p => p.Name).ToList();
            Assert.Equal(PropertyNames.OrderBy(n => n, StringComparer.Ordinal), names.OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal(props.Length, parsed.RootElement.EnumerateObject().Select(p => p.Value.GetString()).Distinct().Count());
            Assert.Equal(valueOf.Values.OrderBy(v => v, StringComparer.Ordinal), parsed.RootElement.EnumerateObject().Select(p => p.Value.GetString()!).OrderBy(v => v, StringComparer.Ordinal));

            // And back: the same values land in the same properties.
            var back = JsonSerializer.Deserialize(json, model)!;
            foreach (var p in props) Assert.Equal(valueOf[p.Name], p.GetValue(back));

            // The enum: one static member per value, each with its exact wire value, and values round-trip.
            var evilEnum = asm.GetTypes().Single(t => t.FullName == "Evil.Api.EvilEnum");
            var members = evilEnum.GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == evilEnum).ToList();
            var wire = members.Select(m => (string)evilEnum.GetProperty("Value")!.GetValue(m.GetValue(null))!).ToList();
            Assert.Equal(EnumValues.OrderBy(v => v, StringComparer.Ordinal), wire.OrderBy(v => v, StringComparer.Ordinal));
            foreach (var m in members)
            {
                var value = m.GetValue(null)!;
                string enumJson = JsonSerializer.Serialize(value, evilEnum);
                Assert.Equal(evilEnum.GetProperty("Value")!.GetValue(value), JsonSerializer.Deserialize<string>(enumJson));
                Assert.Equal(value, JsonSerializer.Deserialize(enumJson, evilEnum));
                Assert.True((bool)evilEnum.GetProperty("IsKnown")!.GetValue(value)!);
            }
        }
        finally
        {
            alc.Unload();
        }
    }

    [Fact]
    public async Task Parameter_names_reach_the_wire_exactly()
    {
        var run = Generate();
        var image = run.Emit();
        var alc = new AssemblyLoadContext("evil-http", isCollectible: true);
        try
        {
            var asm = alc.LoadFromStream(new MemoryStream(image));
            var clientType = asm.GetTypes().Single(t => t.Namespace == "Evil.Api" && t.Name.EndsWith("Client", StringComparison.Ordinal) && t.GetConstructor([typeof(HttpClient)]) is not null);
            var handler = new RecordingHandler();
            var client = Activator.CreateInstance(clientType, new HttpClient(handler) { BaseAddress = new Uri("http://127.0.0.1/") })!;
            // Every operation method, on the client or its groups, called with one value per parameter.
            var targets = new List<object> { client };
            targets.AddRange(clientType.GetProperties().Where(p => p.PropertyType.Assembly == asm).Select(p => p.GetValue(client)!));
            var methods = targets.SelectMany(t => t.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal) && !m.Name.EndsWith("WithResponseAsync", StringComparison.Ordinal))
                .Select(m => (Target: t, Method: m))).ToList();
            Assert.Equal(OperationIds.Length, methods.Count);
            foreach (var (target, method) in methods)
            {
                var args = method.GetParameters().Select(p => p.ParameterType == typeof(string) ? (object)("val " + p.Name + " &=?#/") : p.ParameterType == typeof(CancellationToken) ? CancellationToken.None : null).ToArray();
                await (Task)method.Invoke(target, args)!;
            }
            Assert.Equal(OperationIds.Length, handler.Requests.Count);
            for (int i = 0; i < OperationIds.Length; i++)
            {
                var request = handler.Requests.Single(r => r.RequestUri!.AbsolutePath.StartsWith("/evil" + i + "/", StringComparison.Ordinal));
                string queryName = PropertyNames[i % PropertyNames.Length] is { Length: > 0 } n ? n : "q";
                var query = request.RequestUri!.Query.TrimStart('?').Split('&').Select(kv => Uri.UnescapeDataString(kv.Split('=')[0])).ToList();
                Assert.Contains(queryName, query);
                // Header names are HTTP tokens, whatever characters of them C# cannot use.
                string header = "X-" + i + "-!#$%&'*+.^_`|~class";
                Assert.Contains(request.Headers, h => h.Key == header && h.Value.Single().StartsWith("val ", StringComparison.Ordinal));
                // The path parameter is escaped into one segment.
                Assert.Equal(4, request.RequestUri.AbsolutePath.Count(c => c == '/') + 2);
            }
        }
        finally
        {
            alc.Unload();
        }
    }

    [Theory]
    [InlineData("/project/surrogates.yaml")]
    [InlineData("/project/surrogates.json")]
    public void Lone_surrogates_do_not_crash_and_what_generates_compiles(string path)
    {
        string hi = "\uD800", lo = "\uDC00";
        string text = path.EndsWith(".json", StringComparison.Ordinal)
            ? "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"S" + hi + "\", \"version\": \"1\", \"description\": \"d" + lo + "x\"}, \"paths\": {}, \"components\": {\"schemas\": {\"M" + hi + "\": {\"type\": \"object\", \"description\": \"" + lo + hi + "\", \"properties\": {\"p" + hi + "\": {\"type\": \"string\"}, \"e\": {\"type\": \"string\", \"enum\": [\"a" + lo + "\", \"b\"]}}}}}}"
            : "openapi: 3.0.3\ninfo:\n  title: S" + hi + "\n  version: '1'\n  description: d" + lo + "x\npaths: {}\ncomponents:\n  schemas:\n    M" + hi + ":\n      type: object\n      description: " + lo + hi + "\n      properties:\n        p" + hi + ": { type: string }\n        e: { type: string, enum: [\"a" + lo + "\", b] }\n";
        var run = GeneratorHarness.Run([new TestFile(path, text), TestSpecs.Spec("petstore.yaml")]);
        foreach (var d in run.GeneratorDiagnostics.Take(20)) output.WriteLine(d.ToString());
        Assert.All(run.Result.Results, r => Assert.Null(r.Exception));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id is "CS8784" or "CS8785" or "PRT9001");
        Assert.Contains(run.Sources, s => s.HintName == "petstore.yaml.PetStoreClient.g.cs");
        Assert.True(run.GeneratorDiagnostics.Any(d => d.Location.GetLineSpan().Path == path) || run.Sources.Any(s => s.HintName.StartsWith("surrogates", StringComparison.Ordinal)));
        var problems = run.CompileProblems();
        foreach (var p in problems.Take(20)) output.WriteLine(p.ToString());
        Assert.Empty(problems);
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") });
        }
    }
}
