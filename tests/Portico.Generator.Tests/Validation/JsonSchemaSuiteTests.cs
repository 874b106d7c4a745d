using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portico.Validation;
using Xunit;

namespace Portico.Tests.Validation;

/// <summary>
/// The JSON Schema draft-4 test suite, run through generated validators: every schema becomes a component schema of
/// one OpenAPI 3.0 document (definitions hoisted as components, "#/definitions/" and "#" references rewritten to
/// "#/components/schemas/"), which is generated and compiled once; each case's data is then checked by the generated
/// validator of its schema.
/// </summary>
public sealed class JsonSchemaSuiteTests
{
    /// <summary>Files whose keywords OpenAPI 3.0 schemas do not have.</summary>
    public static readonly Dictionary<string, string> ExcludedFiles = new(StringComparer.Ordinal)
    {
        ["additionalItems.json"] = "additionalItems and tuple 'items' arrays are not OpenAPI 3.0 keywords",
        ["dependencies.json"] = "dependencies is not an OpenAPI 3.0 keyword",
        ["patternProperties.json"] = "patternProperties is not an OpenAPI 3.0 keyword",
        ["refRemote.json"] = "remote references need a network; Portico never fetches them",
        ["definitions.json"] = "validates against the draft-4 meta-schema through a remote reference",
        ["default.json"] = "default does not validate anything (the cases only check that it is ignored)",
    };

    /// <summary>Groups (file/description) that use constructs OpenAPI 3.0 does not have, with the reason.</summary>
    public static readonly Dictionary<string, string> ExcludedGroups = new(StringComparer.Ordinal)
    {
        ["additionalProperties.json/additionalProperties being false does not allow other properties"] = "uses patternProperties",
        ["additionalProperties.json/non-ASCII pattern with additionalProperties"] = "uses patternProperties",
        ["items.json/an array of schemas for items"] = "tuple 'items' arrays are not OpenAPI 3.0",
        ["items.json/items and subitems"] = "tuple 'items' arrays and additionalItems are not OpenAPI 3.0",
        ["type.json/multiple types can be specified in an array"] = "type arrays are OpenAPI 3.1, not 3.0",
        ["type.json/type as array with one item"] = "type arrays are OpenAPI 3.1, not 3.0",
        ["type.json/type: array or object"] = "type arrays are OpenAPI 3.1, not 3.0",
        ["type.json/type: array, object or null"] = "type arrays are OpenAPI 3.1, not 3.0",
        ["type.json/null type matches only the null object"] = "'null' is not an OpenAPI 3.0 type (3.0 has nullable)",
        ["properties.json/properties, patternProperties, additionalProperties interaction"] = "uses patternProperties",
        ["uniqueItems.json/uniqueItems with an array of items"] = "tuple 'items' arrays are not OpenAPI 3.0",
        ["uniqueItems.json/uniqueItems with an array of items and additionalItems=false"] = "tuple 'items' arrays and additionalItems are not OpenAPI 3.0",
        ["uniqueItems.json/uniqueItems=false with an array of items"] = "tuple 'items' arrays are not OpenAPI 3.0",
        ["uniqueItems.json/uniqueItems=false with an array of items and additionalItems=false"] = "tuple 'items' arrays and additionalItems are not OpenAPI 3.0",
        ["not.json/not multiple types"] = "type arrays are OpenAPI 3.1, not 3.0",
        ["ref.json/relative pointer ref to object"] = "references into a schema's own properties are not component references",
        ["ref.json/relative pointer ref to array"] = "references into a schema's own items are not component references",
        ["ref.json/escaped pointer ref"] = "references into a schema's own definitions by escaped pointer",
        ["ref.json/nested refs"] = "uses definitions inside definitions by pointer",
        ["ref.json/ref overrides any sibling keywords"] = "siblings of $ref are ignored by OpenAPI 3.0 readers differently",
        ["ref.json/remote ref, containing refs itself"] = "remote reference",
        ["ref.json/property named $ref that is not a reference"] = "a property named $ref is read as a reference by OpenAPI readers",
        ["ref.json/$ref to boolean schema true"] = "boolean schemas are not OpenAPI 3.0",
        ["ref.json/$ref to boolean schema false"] = "boolean schemas are not OpenAPI 3.0",
        ["ref.json/Recursive references between schemas"] = "uses id-based resolution ('id' with relative URIs)",
        ["ref.json/Location-independent identifier"] = "uses id-based resolution",
        ["ref.json/Location-independent identifier with base URI change in subschema"] = "uses id-based resolution",
        ["ref.json/naive replacement of $ref with its destination is not correct"] = "uses a definition named after a keyword with 'enum' pointer",
        ["ref.json/refs with relative uris and defs"] = "uses id-based resolution",
        ["ref.json/relative refs with absolute uris and defs"] = "uses id-based resolution",
        ["ref.json/id must be resolved against nearest parent, not just immediate parent"] = "uses id-based resolution",
        ["ref.json/simple URN base URI with $ref via the URN"] = "uses URN ids",
        ["ref.json/simple URN base URI with JSON pointer"] = "uses URN ids",
        ["ref.json/URN base URI with NSS"] = "uses URN ids",
        ["ref.json/URN base URI with r-component"] = "uses URN ids",
        ["ref.json/URN base URI with q-component"] = "uses URN ids",
        ["ref.json/URN base URI with URN and JSON pointer ref"] = "uses URN ids",
        ["ref.json/URN base URI with URN and anchor ref"] = "uses URN ids",
        ["ref.json/ref with absolute-path-reference"] = "uses id-based resolution",
        ["ref.json/$id with file URI still resolves pointers - *nix"] = "uses id-based resolution",
        ["ref.json/$id with file URI still resolves pointers - windows"] = "uses id-based resolution",
        ["ref.json/empty tokens in $ref json-pointer"] = "uses pointers with empty tokens",
        ["ref.json/remote ref"] = "remote reference",
        ["ref.json/$ref prevents a sibling id from changing the base uri"] = "uses id-based resolution",
    };

    private static readonly Lazy<Suite> s_suite = new(Build);

    public static IEnumerable<object[]> Cases()
    {
        foreach (var file in SuiteFiles())
        {
            string name = SuiteName(file);
            if (ExcludedFiles.ContainsKey(name)) continue;
            var groups = JsonNode.Parse(File.ReadAllText(file))!.AsArray();
            for (int g = 0; g < groups.Count; g++)
            {
                string description = groups[g]!["description"]!.GetValue<string>();
                if (ExcludedGroups.ContainsKey(name + "/" + description)) continue;
                var tests = groups[g]!["tests"]!.AsArray();
                for (int t = 0; t < tests.Count; t++)
                {
                    yield return [name, g, t, description + " / " + tests[t]!["description"]!.GetValue<string>()];
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_validator_agrees_with_the_suite(string file, int group, int test, string description)
    {
        var suite = s_suite.Value;
        var groups = JsonNode.Parse(File.ReadAllText(Path.Combine(SuiteDir, file)))!.AsArray();
        var testCase = groups[group]!["tests"]![test]!;
        bool expected = testCase["valid"]!.GetValue<bool>();
        string id = ComponentId(file, group);
        Assert.True(suite.Indexes.TryGetValue(id, out int index), "no validator for " + id);
        using var data = JsonDocument.Parse(testCase["data"] is { } d ? d.ToJsonString() : "null");
        var result = suite.Set[index].Validate(data.RootElement);
        Assert.True(expected == result.IsValid, description + ": expected " + (expected ? "valid" : "invalid") + ", got " + result);
        // Every invalid value names at least one error with a keyword.
        if (!expected) Assert.All(result.Errors, e => Assert.False(string.IsNullOrEmpty(e.Keyword)));

        // The reader pass over the text never calls an invalid value valid, and shows every valid value valid unless
        // the schema uses a rule it leaves to the document (enum or const beyond strings, uniqueItems).
        byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(testCase["data"] is { } t ? t.ToJsonString() : "null");
        bool shown = suite.Set.IsValid(index, utf8);
        Assert.False(shown && !expected, description + ": the reader pass calls an invalid value valid");
        if (expected && !shown) Assert.True(UsesDocumentRules(suite.Set, index), description + ": the reader pass did not show a valid value valid");
        // The text entry point lists the same errors as the element one (keyword, pointer, message, order).
        var viaText = suite.Set[index].Validate(utf8);
        Assert.Equal(expected, viaText.IsValid);
        Assert.Equal(result.Errors.Select(e => e.ToString()), viaText.Errors.Select(e => e.ToString()));
    }

    /// <summary>Whether a schema reaches a rule the reader pass leaves to the document: enum or const with object or array values, uniqueItems.</summary>
    internal static bool UsesDocumentRules(SchemaSet set, int root)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<int>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            int i = stack.Pop();
            if (i < 0 || i >= set.Count || !seen.Add(i) || set.Node(i) is not SchemaNode n) continue;
            if (HoldsStructures(n.EnumJson) || HoldsStructures(n.ConstJson) || n.UniqueItems) return true;
            foreach (var p in n.Properties ?? []) stack.Push(p.Schema);
            foreach (var k in (n.AllOf ?? []).Concat(n.AnyOf ?? []).Concat(n.OneOf ?? [])) stack.Push(k);
            stack.Push(n.Items);
            stack.Push(n.AdditionalProperties);
            stack.Push(n.Not);
        }
        return false;
    }

    /// <summary>Whether enum or const JSON holds an object or an array (a const that is one counts).</summary>
    private static bool HoldsStructures(string? json)
    {
        if (json is null) return false;
        var node = JsonNode.Parse(json);
        return node is JsonObject || (node is JsonArray values && values.Any(v => v is JsonObject or JsonArray));
    }

    [Fact]
    public void Exclusions_name_groups_that_exist()
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in SuiteFiles())
        {
            foreach (var g in JsonNode.Parse(File.ReadAllText(file))!.AsArray()) known.Add(SuiteName(file) + "/" + g!["description"]!.GetValue<string>());
        }
        // Listed exclusions that the suite does not have are harmless, but most must match (a typo would hide nothing).
        int matching = ExcludedGroups.Keys.Count(known.Contains);
        Assert.True(matching >= 10, "only " + matching + " excluded groups exist in the suite");
        Assert.True(s_suite.Value.Indexes.Count > 100);
    }

    private static string SuiteDir => Path.Combine(Paths.Shared, "testsuites", "json-schema-draft4");

    /// <summary>The required files, then the optional format files (formats OpenAPI uses: date-time, email, hostname, ipv4, ipv6, uri, unknown ones).</summary>
    private static IEnumerable<string> SuiteFiles() => Directory.GetFiles(SuiteDir, "*.json").OrderBy(f => f, StringComparer.Ordinal)
        .Concat(Directory.GetFiles(Path.Combine(SuiteDir, "optional", "format"), "*.json").OrderBy(f => f, StringComparer.Ordinal));

    /// <summary>A suite file's path below the suite folder, with forward slashes (<c>optional/format/uri.json</c>).</summary>
    private static string SuiteName(string file) => Path.GetRelativePath(SuiteDir, file).Replace('\\', '/');

    private static string ComponentId(string file, int group) => "S_" + Path.ChangeExtension(file, null).Replace('-', '_').Replace('/', '_') + "_" + group;

    private sealed record Suite(SchemaSet Set, Dictionary<string, int> Indexes);

    /// <summary>One document for every included group, generated and compiled once.</summary>
    private static Suite Build()
    {
        var components = new JsonObject();
        foreach (var file in SuiteFiles())
        {
            string name = SuiteName(file);
            if (ExcludedFiles.ContainsKey(name)) continue;
            var groups = JsonNode.Parse(File.ReadAllText(file))!.AsArray();
            for (int g = 0; g < groups.Count; g++)
            {
                if (ExcludedGroups.ContainsKey(name + "/" + groups[g]!["description"]!.GetValue<string>())) continue;
                string id = ComponentId(name, g);
                var schema = groups[g]!["schema"]!.DeepClone();
                if (schema is JsonObject o && o["definitions"] is JsonObject defs)
                {
                    o.Remove("definitions");
                    foreach (var (k, v) in defs.ToList()) components[id + "_" + k] = Rewrite(v!.DeepClone(), id);
                }
                components[id] = Rewrite(schema, id);
            }
        }
        var doc = new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject { ["title"] = "Draft 4 suite", ["version"] = "1" },
            ["paths"] = new JsonObject(),
            ["components"] = new JsonObject { ["schemas"] = components },
        };
        var run = GeneratorHarness.Run("suite.json", doc.ToJsonString());
        Assert.Empty(run.CompileProblems());
        var assembly = Assembly.Load(run.Emit());
        var type = assembly.GetTypes().Single(t => t.Name.EndsWith("Validation", StringComparison.Ordinal) && t.GetProperty("Schemas") is not null);
        var set = (SchemaSet)type.GetProperty("Schemas")!.GetValue(null)!;
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < set.Count; i++)
        {
            if (set.Node(i).Name is string n) indexes[n] = i;
        }
        return new Suite(set, indexes);
    }

    private static JsonNode Rewrite(JsonNode node, string id)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o.ToList())
                {
                    if (k == "$ref" && v is JsonValue rv && rv.TryGetValue(out string? target))
                    {
                        if (target == "#") o[k] = "#/components/schemas/" + id;
                        else if (target.StartsWith("#/definitions/", StringComparison.Ordinal)) o[k] = "#/components/schemas/" + id + "_" + target.Substring("#/definitions/".Length);
                    }
                    else if (v is not null && k != "enum")
                    {
                        Rewrite(v, id);
                    }
                }
                o.Remove("$schema");
                o.Remove("id");
                break;
            case JsonArray a:
                foreach (var item in a) if (item is not null) Rewrite(item, id);
                break;
        }
        return node;
    }
}
