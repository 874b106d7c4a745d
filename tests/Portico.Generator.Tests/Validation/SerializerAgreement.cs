using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Portico.Validation;

namespace Portico.Tests.Validation;

/// <summary>
/// Checks that generated models and generated validators agree: for each component schema with a model, a sample
/// instance built from the schema's rules (and valid by them) is deserialized into the model, serialized again with
/// the generated JSON context, and the JSON the model writes must validate.
/// </summary>
public static class SerializerAgreement
{
    /// <param name="Checked">Schemas whose sample went through the model and back.</param>
    /// <param name="Skipped">Schemas without a model of their own, or whose rules the sample builder cannot satisfy simply.</param>
    /// <param name="Unreadable">Valid samples the model refuses to read (the validator is more lenient than the model there: discriminated subtypes, free-form values…); reported, not failures.</param>
    /// <param name="Failures">Values the model wrote that its validator rejects.</param>
    public sealed record Outcome(int Checked, int Skipped, IReadOnlyList<string> Unreadable, IReadOnlyList<string> Failures);

    public static Outcome Check(GenerationRun run)
    {
        byte[] image = run.Emit();
        var context = new AssemblyLoadContext("agreement", isCollectible: true);
        try
        {
            var assembly = context.LoadFromStream(new MemoryStream(image));
            var types = assembly.GetTypes();
            var failures = new List<string>();
            var unreadable = new List<string>();
            int checkedCount = 0, skipped = 0;
            foreach (var validation in types.Where(t => t.IsClass && t.GetProperty("Schemas", BindingFlags.Public | BindingFlags.Static)?.PropertyType == typeof(SchemaSet)))
            {
                var set = (SchemaSet)validation.GetProperty("Schemas")!.GetValue(null)!;
                var jsonContextType = types.Single(t => t.Namespace == validation.Namespace && typeof(JsonSerializerContext).IsAssignableFrom(t));
                var jsonContext = (JsonSerializerContext)jsonContextType.GetProperty("Default", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
                var builder = new SampleBuilder(set);
                foreach (var property in validation.GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == typeof(SchemaValidator)))
                {
                    var validator = (SchemaValidator)property.GetValue(null)!;
                    // Schemas that are strings, lists or maps in C# have no model of their own; they are exercised as properties.
                    var model = types.FirstOrDefault(t => t.Namespace == validation.Namespace && t.Name == property.Name && !t.IsNested);
                    var info = model is null ? null : jsonContext.GetTypeInfo(model);
                    if (info is null || builder.Build(validator.Index) is not { } sample)
                    {
                        skipped++;
                        continue;
                    }
                    string json = sample.Value?.ToJsonString() ?? "null";
                    using (var doc = JsonDocument.Parse(json))
                    {
                        var byElement = validator.Validate(doc.RootElement);
                        // Valid or not, the text entry point (one reader pass) lists exactly the element validator's errors.
                        var byText = validator.Validate(System.Text.Encoding.UTF8.GetBytes(json));
                        if (byElement.ToString() != byText.ToString())
                        {
                            failures.Add(property.Name + ": for " + Cut(json) + " the element validator says " + Cut(byElement.ToString()) + ", the text validator " + Cut(byText.ToString()));
                        }
                        if (!byElement.IsValid)
                        {
                            // The builder could not satisfy every rule (a pattern, say): not a verdict on the model.
                            skipped++;
                            continue;
                        }
                    }
                    // The reader pass, which valid request and response bodies take, shows the same value valid.
                    if (!validator.Set.IsValid(validator.Index, System.Text.Encoding.UTF8.GetBytes(json)) && !JsonSchemaSuiteTests.UsesDocumentRules(validator.Set, validator.Index))
                    {
                        failures.Add(property.Name + ": the reader pass does not show " + Cut(json) + " valid, the document validator does");
                    }
                    object? value;
                    try
                    {
                        value = JsonSerializer.Deserialize(json, info);
                    }
                    catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or NotSupportedException)
                    {
                        unreadable.Add(property.Name + ": the model cannot read a valid value " + Cut(json) + ": " + ex.Message);
                        continue;
                    }
                    byte[] written = JsonSerializer.SerializeToUtf8Bytes(value, info);
                    var result = validator.Validate(written);
                    if (!result.IsValid) failures.Add(property.Name + ": the model writes " + Cut(System.Text.Encoding.UTF8.GetString(written)) + " (read from " + Cut(json) + "), which is invalid: " + result);
                    checkedCount++;
                }
            }
            return new Outcome(checkedCount, skipped, unreadable, failures);
        }
        finally
        {
            context.Unload();
        }
    }

    private static string Cut(string s) => s.Length <= 400 ? s : s.Substring(0, 400) + "…";
}

/// <summary>Builds a representative instance of a schema from its generated rules: required properties, first enum values, bounds respected.</summary>
public sealed class SampleBuilder(SchemaSet set)
{
    private const int MaxDepth = 10;

    private static readonly string[] s_candidates =
    [
        "a", "abc", "A", "ABC", "1", "123", "a1", "abc123", "ABC123", "a-b", "x-1", "AB-1", "a.b", "a_b", "ab", "v1", "0", "000", "true",
        "#000000", "2024-01-02", "2024-01-02T03:04:05Z", "12:00", "https://example.com", "ab@example.com", "00000000-0000-0000-0000-000000000000",
        "aaaaaaaa", "AAAAAAAA", "12345678", "a/b", "/a", "a:b", "en", "en-US", "USD", "a b", "1.0", "1.0.0", "main", "sha256:" + new string('0', 64), new string('0', 40),
    ];

    /// <summary>A sample (whose Value may be JSON null), or null when the rules cannot be satisfied simply.</summary>
    public Box? Build(int index) => TryBuild(index, 0, out var value) ? new Box(value) : null;

    public sealed record Box(JsonNode? Value);

    private bool TryBuild(int index, int depth, out JsonNode? value)
    {
        value = null;
        if (index < 0 || index >= set.Count)
        {
            value = JsonValue.Create("x");
            return true;
        }
        var n = set.Node(index);
        if (depth > MaxDepth) return n.Nullable;
        if (n.ConstJson is not null) { value = JsonNode.Parse(n.ConstJson); return true; }
        if (n.EnumStrings is { Length: > 0 } strings) { value = JsonValue.Create(strings.FirstOrDefault(s => s.Length > 0) ?? strings[0]); return true; }
        if (n.EnumJson is not null)
        {
            var values = JsonNode.Parse(n.EnumJson)!.AsArray();
            value = values.FirstOrDefault(v => v is not null)?.DeepClone();
            return true;
        }
        if (n.DiscriminatorProperty is string dp && n.DiscriminatorCases is { Length: > 0 } cases)
        {
            foreach (var c in cases)
            {
                if (TryBuild(c.Schema, depth + 1, out var v) && v is JsonObject o)
                {
                    o[dp] = c.Value;
                    value = o;
                    return true;
                }
            }
            return false;
        }
        if ((n.OneOf ?? n.AnyOf) is int[] variants)
        {
            foreach (int v in variants)
            {
                if (!TryBuild(v, depth + 1, out var candidate)) continue;
                using var doc = JsonDocument.Parse(candidate?.ToJsonString() ?? "null");
                if (set[index].Validate(doc.RootElement).IsValid) { value = candidate; return true; }
            }
            return false;
        }
        JsonNode? merged = null;
        if (n.AllOf is int[] parts)
        {
            foreach (int p in parts)
            {
                if (!TryBuild(p, depth + 1, out var part)) return false;
                merged = Merge(merged, part);
            }
        }
        var type = n.Type;
        if (type == JsonTypes.Any)
        {
            if (merged is not null && n.Properties is null && n.Required is null) { value = merged; return true; }
            type = n.Properties is not null || n.Required is not null || merged is JsonObject ? JsonTypes.Object
                : n.Items >= 0 ? JsonTypes.Array
                : merged is not null ? JsonTypes.Any
                : JsonTypes.String;
            if (type == JsonTypes.Any) { value = merged; return true; }
        }
        if ((type & JsonTypes.Object) != 0) return BuildObject(n, depth, merged as JsonObject, out value);
        if ((type & JsonTypes.Array) != 0)
        {
            int count = Math.Max(n.MinItems, 1);
            if (n.MaxItems >= 0) count = Math.Min(count, n.MaxItems);
            if (count > 1 && n.UniqueItems) return false;
            var array = new JsonArray();
            for (int i = 0; i < count; i++)
            {
                if (!TryBuild(n.Items, depth + 1, out var item)) return n.MinItems <= 0 && (value = new JsonArray()) is not null;
                array.Add(item);
            }
            value = array;
            return true;
        }
        if ((type & JsonTypes.String) != 0) return BuildString(n, out value);
        if ((type & (JsonTypes.Integer | JsonTypes.Number)) != 0) return BuildNumber(n, (type & JsonTypes.Number) == 0, out value);
        if ((type & JsonTypes.Boolean) != 0) { value = JsonValue.Create(true); return true; }
        return (type & JsonTypes.Null) != 0;
    }

    private static JsonNode? Merge(JsonNode? into, JsonNode? part)
    {
        if (into is JsonObject a && part is JsonObject b)
        {
            foreach (var (k, v) in b.ToList())
            {
                if (!a.ContainsKey(k)) a[k] = v?.DeepClone();
            }
            return a;
        }
        return into ?? part?.DeepClone();
    }

    private bool BuildObject(SchemaNode n, int depth, JsonObject? start, out JsonNode? value)
    {
        value = null;
        var o = start ?? new JsonObject();
        if (n.Properties is not null)
        {
            foreach (var p in n.Properties)
            {
                bool required = n.Required?.Contains(p.Name) == true;
                if (o.ContainsKey(p.Name) || (!required && depth > 1)) continue;
                if (TryBuild(p.Schema, depth + 1, out var v)) o[p.Name] = v;
                else if (required) return false;
            }
        }
        if (n.Required is not null)
        {
            // A required property the schema does not declare has no place in the model: not a simple sample.
            foreach (var r in n.Required)
            {
                if (!o.ContainsKey(r)) return false;
            }
        }
        value = o;
        return true;
    }

    private static bool BuildString(SchemaNode n, out JsonNode? value)
    {
        value = null;
        if (n.Format == "binary") return false;
        string? s = n.Format switch
        {
            "date-time" => "2024-01-02T03:04:05Z",
            "date" => "2024-01-02",
            "uuid" => "5a8e3c1e-7f0b-4d8e-9c61-2b7f7f1c0a11",
            "email" => "ann@example.com",
            "uri" => "https://example.com/a",
            "ipv4" => "192.0.2.1",
            "ipv6" => "2001:db8::1",
            "byte" => "AAAA",
            _ => null,
        };
        if (s is null)
        {
            int length = Math.Max(n.MinLength, 1);
            if (n.MaxLength >= 0) length = Math.Min(length, n.MaxLength);
            s = new string('a', length);
        }
        if (n.Pattern is not null)
        {
            var regex = PatternCache.Get(n.Pattern);
            if (regex is not null && !regex.IsMatch(s))
            {
                s = s_candidates.FirstOrDefault(c => regex.IsMatch(c) && (n.MinLength < 0 || c.Length >= n.MinLength) && (n.MaxLength < 0 || c.Length <= n.MaxLength));
                if (s is null) return false;
            }
        }
        value = JsonValue.Create(s);
        return true;
    }

    private static bool BuildNumber(SchemaNode n, bool integer, out JsonNode? value)
    {
        value = null;
        decimal v = integer ? 1 : 1.5m;
        decimal? min = n.Minimum is double mn ? (decimal)mn : null;
        decimal? xmin = n.ExclusiveMinimum is double xm ? (decimal)xm : null;
        decimal? max = n.Maximum is double mx && Math.Abs(mx) < 7e28 ? (decimal)mx : null;
        if (min is decimal lo && (v < lo || (v == lo && n.MinimumExclusive))) v = n.MinimumExclusive ? lo + 1 : lo;
        if (xmin is decimal xlo && v <= xlo) v = xlo + 1;
        if (n.MultipleOf is double m && m > 0)
        {
            decimal md = (decimal)m;
            v = Math.Ceiling(v / md) * md;
        }
        if (integer) v = Math.Ceiling(v);
        if (max is decimal hi && (v > hi || (v == hi && n.MaximumExclusive))) v = n.MaximumExclusive ? Math.Floor(hi) - 1 : Math.Floor(hi);
        value = integer ? JsonValue.Create((long)v) : JsonValue.Create(v);
        return true;
    }
}
