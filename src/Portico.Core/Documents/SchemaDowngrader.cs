using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portico.CodeGeneration.Diagnostics;

namespace Portico.CodeGeneration.Documents
{
    /// <summary>
    /// Rewrites an OpenAPI 3.1 tree into OpenAPI 3.0 terms (what API Gateway imports): type arrays become one type plus
    /// <c>nullable</c> (several types become <c>anyOf</c>), <c>const</c> becomes a one-value <c>enum</c>, numeric
    /// <c>exclusiveMinimum</c>/<c>exclusiveMaximum</c> become <c>minimum</c>/<c>maximum</c> with the boolean form,
    /// <c>examples</c> becomes <c>example</c>, <c>$ref</c> with siblings is wrapped in <c>allOf</c>, base64/binary content
    /// keywords become <c>format</c>. What has no 3.0 form (webhooks, <c>$defs</c>, <c>prefixItems</c>, <c>if</c>, ...) is
    /// removed and reported.
    /// </summary>
    internal static class SchemaDowngrader
    {
        private static readonly string[] s_noEquivalent =
        {
            "$defs", "prefixItems", "if", "then", "else", "dependentSchemas", "dependentRequired", "unevaluatedProperties",
            "unevaluatedItems", "patternProperties", "propertyNames", "contains", "minContains", "maxContains", "$schema",
            "$id", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary", "$comment", "contentSchema", "contentMediaType", "contentEncoding",
        };

        private static readonly string[] s_subschemaMaps = { "properties" };
        private static readonly string[] s_subschemaLists = { "allOf", "anyOf", "oneOf" };
        private static readonly string[] s_subschemaSingles = { "items", "additionalProperties", "not" };

        public static void Downgrade(JsonObject document, string target, List<Located.Pending> problems)
        {
            void Info(string what, string pointer, string how) => problems.Add(new Located.Pending(DiagnosticCatalog.ExportDowngraded, pointer, what, pointer, target, how));
            void Lost(string what, string pointer, string why) => problems.Add(new Located.Pending(DiagnosticCatalog.ExportCannotDowngrade, pointer, what, pointer, target, why));

            if (document.Remove("webhooks")) Lost("webhooks", "/webhooks", "OpenAPI 3.0 has no webhooks");
            document.Remove("jsonSchemaDialect");
            if (document["info"] is JsonObject info)
            {
                if (info.Remove("summary")) Lost("info.summary", "/info/summary", "OpenAPI 3.0 has no API summary");
                if (info["license"] is JsonObject license && license.Remove("identifier")) Lost("license.identifier", "/info/license/identifier", "OpenAPI 3.0 licenses have a name and url only");
            }
            if (document["components"] is JsonObject components && components.Remove("pathItems")) Lost("components.pathItems", "/components/pathItems", "OpenAPI 3.0 has no reusable path items");
            if (document["paths"] is null) document["paths"] = new JsonObject();

            if (document["components"] is JsonObject c2 && c2["schemas"] is JsonObject schemas)
            {
                foreach (var s in schemas.ToList()) Schema(s.Value, "/components/schemas/" + Reading.SourceLocator.Escape(s.Key));
            }
            FindSchemas(document, string.Empty, isRoot: true);

            void FindSchemas(JsonNode? node, string pointer, bool isRoot)
            {
                if (node is JsonObject o)
                {
                    foreach (var p in o.ToList())
                    {
                        if (p.Key.StartsWith("x-", StringComparison.Ordinal) || p.Key is "example" or "examples" or "default" or "enum" or "value") continue;
                        if (isRoot && p.Key == "components" && p.Value is JsonObject comp)
                        {
                            foreach (var cp in comp.ToList())
                            {
                                if (cp.Key != "schemas") FindSchemas(cp.Value, "/components/" + Reading.SourceLocator.Escape(cp.Key), false);
                            }
                            continue;
                        }
                        string child = JsonTree.Child(pointer, p.Key);
                        if (p.Key == "schema" && p.Value is JsonObject) Schema(p.Value, child);
                        else FindSchemas(p.Value, child, false);
                    }
                }
                else if (node is JsonArray a)
                {
                    for (int i = 0; i < a.Count; i++) FindSchemas(a[i], JsonTree.Child(pointer, i), false);
                }
            }

            void Schema(JsonNode? node, string pointer)
            {
                if (node is not JsonObject s) return;
                // Children first, so that a wrapper added here is not visited twice.
                foreach (var key in s_subschemaMaps)
                {
                    if (s[key] is JsonObject map)
                    {
                        foreach (var p in map.ToList()) Schema(p.Value, JsonTree.Child(JsonTree.Child(pointer, key), p.Key));
                    }
                }
                foreach (var key in s_subschemaLists)
                {
                    if (s[key] is JsonArray list)
                    {
                        for (int i = 0; i < list.Count; i++) Schema(list[i], JsonTree.Child(JsonTree.Child(pointer, key), i));
                    }
                }
                foreach (var key in s_subschemaSingles)
                {
                    if (s[key] is JsonObject) Schema(s[key], JsonTree.Child(pointer, key));
                }

                if (s["type"] is JsonArray types)
                {
                    var names = types.Select(JsonTree.AsString).Where(t => t is not null).Select(t => t!).ToList();
                    bool nullable = names.Remove("null");
                    s.Remove("type");
                    if (names.Count == 1) s["type"] = names[0];
                    else if (names.Count > 1)
                    {
                        var anyOf = new JsonArray();
                        foreach (var n in names) anyOf.Add(new JsonObject { ["type"] = n });
                        if (s["anyOf"] is null) s["anyOf"] = anyOf;
                        else s["allOf"] = new JsonArray(new JsonObject { ["anyOf"] = anyOf });
                    }
                    if (nullable) s["nullable"] = true;
                    Info("A type list", JsonTree.Child(pointer, "type"), names.Count > 1 ? "several types became anyOf" : "became one type" + (nullable ? " with nullable: true" : string.Empty));
                }
                else if (JsonTree.AsString(s["type"]) == "null")
                {
                    s.Remove("type");
                    s["nullable"] = true;
                    Lost("type: null", JsonTree.Child(pointer, "type"), "OpenAPI 3.0 cannot say 'only null'; the schema now allows any value or null");
                }
                if (s.TryGetPropertyValue("const", out var constant))
                {
                    s.Remove("const");
                    s["enum"] = new JsonArray(constant?.DeepClone());
                    Info("const", JsonTree.Child(pointer, "const"), "became a one-value enum");
                }
                foreach (var (exclusive, bound) in new[] { ("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum") })
                {
                    if (s[exclusive] is JsonValue ev && ev.GetValueKind() == JsonValueKind.Number)
                    {
                        s.Remove(exclusive);
                        s[bound] = ev.DeepClone();
                        s[exclusive] = true;
                        Info(exclusive, JsonTree.Child(pointer, exclusive), "the number became " + bound + " with " + exclusive + ": true");
                    }
                }
                if (s["examples"] is JsonArray examples)
                {
                    s.Remove("examples");
                    if (examples.Count > 0 && s["example"] is null) s["example"] = examples[0]?.DeepClone();
                    Info("examples", JsonTree.Child(pointer, "examples"), examples.Count > 1 ? "the first of " + examples.Count + " became example" : "became example");
                }
                if (JsonTree.AsString(s["contentEncoding"]) == "base64" && s["format"] is null)
                {
                    s["format"] = "byte";
                    s.Remove("contentEncoding");
                    Info("contentEncoding", JsonTree.Child(pointer, "contentEncoding"), "became format: byte");
                }
                if (JsonTree.AsString(s["contentMediaType"]) == "application/octet-stream" && s["format"] is null)
                {
                    s["format"] = "binary";
                    s.Remove("contentMediaType");
                    Info("contentMediaType", JsonTree.Child(pointer, "contentMediaType"), "became format: binary");
                }
                foreach (var key in s_noEquivalent)
                {
                    if (s.Remove(key)) Lost(key, JsonTree.Child(pointer, key), "OpenAPI 3.0 schemas have no such keyword");
                }
                if (s["items"] is JsonArray || s["items"] is JsonValue)
                {
                    s.Remove("items");
                    Lost("items", JsonTree.Child(pointer, "items"), "OpenAPI 3.0 items must be one schema");
                }
                if (s.ContainsKey("$ref") && s.Count > 1 && s.Any(p => p.Key != "$ref" && p.Key != "description" && p.Key != "summary"))
                {
                    var reference = new JsonObject { ["$ref"] = s["$ref"]!.DeepClone() };
                    s.Remove("$ref");
                    if (s["allOf"] is JsonArray allOf) allOf.Insert(0, reference);
                    else s["allOf"] = new JsonArray(reference);
                    Info("$ref with sibling keywords", JsonTree.Child(pointer, "$ref"), "OpenAPI 3.0 ignores siblings of $ref, so the reference moved into allOf");
                }
            }
        }
    }
}
