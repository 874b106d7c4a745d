using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portico.Cli.Tests;

/// <summary>
/// Pairs of documents made by editing real specs from the shared corpus: <c>base = setup(spec)</c>,
/// <c>revision = change(setup(spec))</c> (or the other way round with <see cref="Pair.Swap"/>). Each pair makes one
/// change and names the rule <c>portico diff</c> must report for it.
/// </summary>
public static class DiffPairs
{
    public const string Petstore = "real/oai-v3.0-petstore-expanded.json";
    public const string Petstore2 = "real/oai-v2.0-petstore-with-external-docs.json";

    /// <param name="Name">Stable id of the pair.</param>
    /// <param name="Change">What the edit does, in words (for the comparison table).</param>
    /// <param name="Rule">The rule portico must report.</param>
    /// <param name="OpticCovers">Whether optic's breaking-changes ruleset has a check for this kind of change.</param>
    public sealed record Pair(string Name, string Change, string Spec, Action<JsonNode>? Setup, Action<JsonNode> Edit, string Rule, bool Swap = false, bool OpticCovers = true)
    {
        public override string ToString() => Name;

        /// <summary>Writes base.json and revision.json into <paramref name="dir"/>; returns their paths.</summary>
        public (string Base, string Revision) Write(string dir)
        {
            Directory.CreateDirectory(dir);
            var original = JsonNode.Parse(File.ReadAllText(Path.Combine(PorticoProcess.Specs, Spec)))!;
            Setup?.Invoke(original);
            var changed = original.DeepClone();
            Edit(changed);
            var (b, r) = Swap ? (changed, original) : (original, changed);
            string bPath = Path.Combine(dir, "base.json"), rPath = Path.Combine(dir, "revision.json");
            var options = new JsonSerializerOptions { WriteIndented = true };
            File.WriteAllText(bPath, b.ToJsonString(options));
            File.WriteAllText(rPath, r.ToJsonString(options));
            return (bPath, rPath);
        }
    }

    /// <summary>Walks down objects (by key) and arrays (by index).</summary>
    public static JsonNode At(this JsonNode node, params object[] path)
    {
        var n = node;
        foreach (var step in path)
        {
            n = step is int i ? n[i]! : n[(string)step]!;
        }
        return n;
    }

    private static JsonObject Obj(JsonNode n) => n.AsObject();

    // Petstore shorthands.
    private static JsonObject Op(JsonNode d, string path, string method) => Obj(d.At("paths", path, method));
    private static JsonObject Limit(JsonNode d) => Obj(d.At("paths", "/pets", "get", "parameters", 1));
    private static JsonObject Tags(JsonNode d) => Obj(d.At("paths", "/pets", "get", "parameters", 0));
    private static JsonObject NewPet(JsonNode d) => Obj(d.At("components", "schemas", "NewPet"));
    private static JsonObject Error(JsonNode d) => Obj(d.At("components", "schemas", "Error"));

    /// <summary>Pet stops borrowing NewPet through allOf (an inline copy), so NewPet is only a request schema and Pet only a response one.</summary>
    private static void Split(JsonNode d)
    {
        var pet = Obj(d.At("components", "schemas", "Pet"));
        pet["allOf"]![0] = NewPet(d).DeepClone();
    }

    private static JsonObject PetOwn(JsonNode d) => Obj(d.At("components", "schemas", "Pet", "allOf", 0));

    private static void Security(JsonNode d)
    {
        d["components"]!["securitySchemes"] = JsonNode.Parse("""
            {
              "apiKey": { "type": "apiKey", "in": "header", "name": "X-API-Key" },
              "oauth": { "type": "oauth2", "flows": { "clientCredentials": { "tokenUrl": "https://auth.example.com/token", "scopes": { "read": "read pets", "write": "write pets" } } } }
            }
            """);
        d["security"] = JsonNode.Parse("""[ { "apiKey": [] }, { "oauth": ["read"] } ]""");
    }

    private static void Combine(JsonNode d, params Action<JsonNode>[] steps)
    {
        foreach (var s in steps) s(d);
    }

    public static IReadOnlyList<Pair> All { get; } = new List<Pair>
    {
        // Paths and operations.
        new("operation-removed", "DELETE /pets/{id} removed", Petstore, null, d => Obj(d.At("paths", "/pets/{id}")).Remove("delete"), "api-removed-without-deprecation"),
        new("operation-added", "DELETE /pets/{id} added", Petstore, null, d => Obj(d.At("paths", "/pets/{id}")).Remove("delete"), "endpoint-added", Swap: true),
        new("path-removed", "/pets/{id} removed", Petstore, null, d => Obj(d["paths"]!).Remove("/pets/{id}"), "api-path-removed-without-deprecation"),
        new("deprecated-operation-removed", "deprecated DELETE /pets/{id} removed", Petstore, d => Op(d, "/pets/{id}", "delete")["deprecated"] = true, d => Obj(d.At("paths", "/pets/{id}")).Remove("delete"), "api-removed-with-deprecation"),
        new("operation-deprecated", "GET /pets deprecated", Petstore, null, d => Op(d, "/pets", "get")["deprecated"] = true, "endpoint-deprecated"),
        new("operation-id-changed", "operationId findPets -> listPets", Petstore, null, d => Op(d, "/pets", "get")["operationId"] = "listPets", "api-operation-id-changed", OpticCovers: false),
        new("path-parameter-renamed", "/pets/{id} -> /pets/{petId} (same URL shape)", Petstore, null, d =>
        {
            var paths = Obj(d["paths"]!);
            var item = paths["/pets/{id}"]!;
            paths.Remove("/pets/{id}");
            foreach (var m in new[] { "get", "delete" }) item.At(m, "parameters", 0)["name"] = "petId";
            paths["/pets/{petId}"] = item;
        }, "", OpticCovers: true),

        // Parameters.
        new("new-required-parameter", "required query parameter 'owner' added", Petstore, null, d => Op(d, "/pets", "get")["parameters"]!.AsArray().Add(JsonNode.Parse("""{ "name": "owner", "in": "query", "required": true, "schema": { "type": "string" } }""")), "new-required-request-parameter"),
        new("required-parameter-removed", "required query parameter 'owner' removed", Petstore, null, d => Op(d, "/pets", "get")["parameters"]!.AsArray().Add(JsonNode.Parse("""{ "name": "owner", "in": "query", "required": true, "schema": { "type": "string" } }""")), "request-parameter-removed", Swap: true),
        new("new-optional-parameter", "optional query parameter 'owner' added", Petstore, null, d => Op(d, "/pets", "get")["parameters"]!.AsArray().Add(JsonNode.Parse("""{ "name": "owner", "in": "query", "schema": { "type": "string" } }""")), "new-optional-request-parameter"),
        new("parameter-became-required", "query parameter 'limit' made required", Petstore, null, d => Limit(d)["required"] = true, "request-parameter-became-required"),
        new("parameter-became-optional", "query parameter 'limit' made optional", Petstore, null, d => Limit(d)["required"] = true, "request-parameter-became-optional", Swap: true),
        new("parameter-location-changed", "'limit' moved from query to header", Petstore, null, d => Limit(d)["in"] = "header", "request-parameter-location-changed", OpticCovers: false),
        new("parameter-style-changed", "'tags' style form -> pipeDelimited", Petstore, null, d => Tags(d)["style"] = "pipeDelimited", "request-parameter-style-changed", OpticCovers: false),
        new("parameter-explode-changed", "'tags' explode true -> false", Petstore, null, d => Tags(d)["explode"] = false, "request-parameter-explode-changed", OpticCovers: false),
        new("parameter-type-changed", "'limit' integer -> boolean", Petstore, null, d => { Limit(d)["schema"] = JsonNode.Parse("""{ "type": "boolean" }"""); }, "request-parameter-type-changed"),
        new("parameter-type-to-string", "'limit' integer -> string", Petstore, null, d => { Limit(d)["schema"] = JsonNode.Parse("""{ "type": "string" }"""); }, "request-parameter-type-generalized"),
        new("parameter-type-generalized", "'limit' integer -> number", Petstore, null, d => { Limit(d)["schema"] = JsonNode.Parse("""{ "type": "number" }"""); }, "request-parameter-type-generalized"),
        new("parameter-format-narrowed", "path 'id' int64 -> int32", Petstore, null, d => d.At("paths", "/pets/{id}", "get", "parameters", 0, "schema")["format"] = "int32", "request-parameter-format-changed", OpticCovers: false),
        new("parameter-enum-value-removed", "'tags' items enum loses 'bird'", Petstore, d => Tags(d)["schema"]!["items"]!["enum"] = new JsonArray("dog", "cat", "bird"), d => Tags(d)["schema"]!["items"]!["enum"] = new JsonArray("dog", "cat"), "request-parameter-enum-value-removed", OpticCovers: false),
        new("parameter-enum-value-added", "'tags' items enum gains 'fish'", Petstore, d => Tags(d)["schema"]!["items"]!["enum"] = new JsonArray("dog", "cat"), d => Tags(d)["schema"]!["items"]!["enum"] = new JsonArray("dog", "cat", "fish"), "request-parameter-enum-value-added", OpticCovers: false),
        new("parameter-max-decreased", "'limit' maximum 100 -> 50", Petstore, d => Limit(d)["schema"]!["maximum"] = 100, d => Limit(d)["schema"]!["maximum"] = 50, "request-parameter-max-decreased", OpticCovers: false),
        new("parameter-max-set", "'limit' maximum 100 set", Petstore, null, d => Limit(d)["schema"]!["maximum"] = 100, "request-parameter-max-set", OpticCovers: false),
        new("parameter-min-increased", "'limit' minimum 1 -> 5", Petstore, d => Limit(d)["schema"]!["minimum"] = 1, d => Limit(d)["schema"]!["minimum"] = 5, "request-parameter-min-increased", OpticCovers: false),
        new("parameter-max-items-decreased", "'tags' maxItems 10 -> 5", Petstore, d => Tags(d)["schema"]!["maxItems"] = 10, d => Tags(d)["schema"]!["maxItems"] = 5, "request-parameter-max-items-decreased", OpticCovers: false),

        // Request bodies.
        new("new-required-request-property", "NewPet gains required 'species'", Petstore, Split, d => { NewPet(d)["properties"]!["species"] = JsonNode.Parse("""{ "type": "string" }"""); NewPet(d)["required"]!.AsArray().Add("species"); }, "new-required-request-property"),
        new("new-optional-request-property", "NewPet gains optional 'species'", Petstore, Split, d => NewPet(d)["properties"]!["species"] = JsonNode.Parse("""{ "type": "string" }"""), "new-optional-request-property"),
        new("request-property-became-required", "NewPet.tag made required", Petstore, Split, d => NewPet(d)["required"]!.AsArray().Add("tag"), "request-property-became-required"),
        new("request-property-became-optional", "NewPet.tag made optional", Petstore, Split, d => NewPet(d)["required"]!.AsArray().Add("tag"), "request-property-became-optional", Swap: true),
        new("request-property-removed", "NewPet.tag removed", Petstore, Split, d => Obj(NewPet(d)["properties"]!).Remove("tag"), "request-property-removed"),
        new("request-property-type-changed", "NewPet.tag string -> integer", Petstore, Split, d => NewPet(d)["properties"]!["tag"]!["type"] = "integer", "request-property-type-changed"),
        new("request-property-enum-value-removed", "NewPet.tag enum loses 'bird'", Petstore, d => { Split(d); NewPet(d)["properties"]!["tag"]!["enum"] = new JsonArray("dog", "cat", "bird"); }, d => NewPet(d)["properties"]!["tag"]!["enum"] = new JsonArray("dog", "cat"), "request-property-enum-value-removed"),
        new("request-property-max-length-decreased", "NewPet.name maxLength 100 -> 50", Petstore, d => { Split(d); NewPet(d)["properties"]!["name"]!["maxLength"] = 100; }, d => NewPet(d)["properties"]!["name"]!["maxLength"] = 50, "request-property-max-length-decreased", OpticCovers: false),
        new("request-property-max-length-set", "NewPet.name maxLength 50 set", Petstore, Split, d => NewPet(d)["properties"]!["name"]!["maxLength"] = 50, "request-property-max-length-set", OpticCovers: false),
        new("request-property-min-length-increased", "NewPet.name minLength 1 -> 3", Petstore, d => { Split(d); NewPet(d)["properties"]!["name"]!["minLength"] = 1; }, d => NewPet(d)["properties"]!["name"]!["minLength"] = 3, "request-property-min-length-increased", OpticCovers: false),
        new("request-property-pattern-added", "NewPet.name pattern added", Petstore, Split, d => NewPet(d)["properties"]!["name"]!["pattern"] = "^[a-z]+$", "request-property-pattern-added", OpticCovers: false),
        new("request-property-pattern-changed", "NewPet.name pattern changed", Petstore, d => { Split(d); NewPet(d)["properties"]!["name"]!["pattern"] = "^[a-z]+$"; }, d => NewPet(d)["properties"]!["name"]!["pattern"] = "^[a-z]{2,}$", "request-property-pattern-changed", OpticCovers: false),
        new("request-property-became-not-nullable", "NewPet.tag no longer nullable", Petstore, d => { Split(d); NewPet(d)["properties"]!["tag"]!["nullable"] = true; }, d => Obj(NewPet(d)["properties"]!["tag"]!).Remove("nullable"), "request-property-became-not-nullable"),
        new("request-body-became-required", "POST /pets body made required", Petstore, d => Op(d, "/pets", "post")["requestBody"]!["required"] = false, d => Op(d, "/pets", "post")["requestBody"]!["required"] = true, "request-body-became-required", OpticCovers: false),
        new("request-body-added-required", "DELETE /pets/{id} gains a required body", Petstore, null, d => Op(d, "/pets/{id}", "delete")["requestBody"] = JsonNode.Parse("""{ "required": true, "content": { "application/json": { "schema": { "type": "object" } } } }"""), "request-body-added-required", OpticCovers: false),
        new("request-media-type-removed", "POST /pets no longer takes form data", Petstore, d => Op(d, "/pets", "post")["requestBody"]!["content"]!["application/x-www-form-urlencoded"] = JsonNode.Parse("""{ "schema": { "$ref": "#/components/schemas/NewPet" } }"""), d => Obj(Op(d, "/pets", "post")["requestBody"]!["content"]!).Remove("application/x-www-form-urlencoded"), "request-body-media-type-removed", OpticCovers: false),

        // Responses.
        new("response-required-property-removed", "Error.message removed", Petstore, null, d => { Obj(Error(d)["properties"]!).Remove("message"); Error(d)["required"] = new JsonArray("code"); }, "response-required-property-removed"),
        new("response-optional-property-removed", "Pet.tag removed", Petstore, Split, d => Obj(PetOwn(d)["properties"]!).Remove("tag"), "response-optional-property-removed"),
        new("response-property-became-optional", "Pet.id no longer required", Petstore, null, d => Obj(d.At("components", "schemas", "Pet", "allOf", 1)).Remove("required"), "response-property-became-optional"),
        new("response-property-added", "Error gains 'details'", Petstore, null, d => Error(d)["properties"]!["details"] = JsonNode.Parse("""{ "type": "string" }"""), "response-property-added"),
        new("response-property-type-changed", "Error.code integer -> string", Petstore, null, d => Error(d)["properties"]!["code"] = JsonNode.Parse("""{ "type": "string" }"""), "response-property-type-changed"),
        new("response-property-format-widened", "Error.code int32 -> int64", Petstore, null, d => Error(d)["properties"]!["code"]!["format"] = "int64", "response-property-format-changed", OpticCovers: false),
        new("response-property-type-narrowed", "Error.code number -> integer", Petstore, d => Error(d)["properties"]!["code"] = JsonNode.Parse("""{ "type": "number" }"""), d => Error(d)["properties"]!["code"] = JsonNode.Parse("""{ "type": "integer" }"""), "response-property-type-generalized"),
        new("response-property-became-nullable", "Error.message may be null", Petstore, null, d => Error(d)["properties"]!["message"]!["nullable"] = true, "response-property-became-nullable"),
        new("response-enum-value-added", "Error.kind enum gains 'conflict'", Petstore, d => Error(d)["properties"]!["kind"] = JsonNode.Parse("""{ "type": "string", "enum": ["invalid", "missing"] }"""), d => Error(d)["properties"]!["kind"]!["enum"]!.AsArray().Add("conflict"), "response-property-enum-value-added"),
        new("response-enum-value-removed", "Error.kind enum loses 'missing'", Petstore, d => Error(d)["properties"]!["kind"] = JsonNode.Parse("""{ "type": "string", "enum": ["invalid", "missing"] }"""), d => Error(d)["properties"]!["kind"]!["enum"] = new JsonArray("invalid"), "response-property-enum-value-removed"),
        new("success-status-removed", "DELETE /pets/{id} no longer answers 204", Petstore, null, d => { var r = Obj(Op(d, "/pets/{id}", "delete")["responses"]!); r.Remove("204"); r["200"] = JsonNode.Parse("""{ "description": "deleted" }"""); }, "response-success-status-removed"),
        new("error-status-removed", "GET /pets no longer documents its default error", Petstore, null, d => Obj(Op(d, "/pets", "get")["responses"]!).Remove("default"), "response-non-success-status-removed"),
        new("response-media-type-removed", "GET /pets 200 no longer returns XML", Petstore, d => d.At("paths", "/pets", "get", "responses", "200", "content")["application/xml"] = d.At("paths", "/pets", "get", "responses", "200", "content", "application/json").DeepClone(), d => Obj(d.At("paths", "/pets", "get", "responses", "200", "content")).Remove("application/xml"), "response-media-type-removed"),

        // Security and servers.
        new("security-added", "every operation now requires an API key", Petstore, d => { Security(d); Obj(d.AsObject()).Remove("security"); }, d => d["security"] = JsonNode.Parse("""[ { "apiKey": [] } ]"""), "api-security-added", OpticCovers: false),
        new("security-removed", "operations no longer require credentials", Petstore, d => { Security(d); Obj(d.AsObject()).Remove("security"); }, d => d["security"] = JsonNode.Parse("""[ { "apiKey": [] } ]"""), "api-security-removed", Swap: true, OpticCovers: false),
        new("security-scheme-removed", "API keys no longer accepted (OAuth only)", Petstore, Security, d => d["security"] = JsonNode.Parse("""[ { "oauth": ["read"] } ]"""), "api-security-scheme-removed", OpticCovers: false),
        new("security-scope-added", "OAuth now needs scope 'write' too", Petstore, Security, d => d["security"] = JsonNode.Parse("""[ { "apiKey": [] }, { "oauth": ["read", "write"] } ]"""), "api-security-scope-added", OpticCovers: false),
        new("security-requirement-added", "API-key callers now also need OAuth", Petstore, Security, d => d["security"] = JsonNode.Parse("""[ { "apiKey": [], "oauth": [] }, { "oauth": ["read"] } ]"""), "api-security-added", OpticCovers: false),
        new("security-scheme-changed", "API key header X-API-Key -> X-Key", Petstore, Security, d => d.At("components", "securitySchemes", "apiKey")["name"] = "X-Key", "security-scheme-changed", OpticCovers: false),
        new("server-base-path-changed", "server /api -> /v2", Petstore, null, d => d.At("servers", 0)["url"] = "http://petstore.swagger.io/v2", "server-base-path-changed", OpticCovers: false),

        // OpenAPI 2.0.
        new("swagger2-operation-removed", "2.0: POST /pets removed", Petstore2, null, d => Obj(d.At("paths", "/pets")).Remove("post"), "api-removed-without-deprecation", OpticCovers: false),
        new("swagger2-new-required-parameter", "2.0: required query parameter 'owner' added", Petstore2, null, d => d.At("paths", "/pets", "get")["parameters"]!.AsArray().Add(JsonNode.Parse("""{ "name": "owner", "in": "query", "required": true, "type": "string" }""")), "new-required-request-parameter", OpticCovers: false),
        new("swagger2-base-path-changed", "2.0: basePath /api -> /v2", Petstore2, null, d => d["basePath"] = "/v2", "server-base-path-changed", OpticCovers: false),
        new("swagger2-response-property-removed", "2.0: ErrorModel.message (required) removed", Petstore2, null, d => { Obj(d.At("definitions", "ErrorModel", "properties")).Remove("message"); d.At("definitions", "ErrorModel")["required"] = new JsonArray("code"); }, "response-required-property-removed", OpticCovers: false),

        // OpenAPI 3.1: nullability through type arrays.
        new("openapi31-response-became-nullable", "3.1: Error.message type [string, null]", Petstore, d => d["openapi"] = "3.1.0", d => Error(d)["properties"]!["message"]!["type"] = new JsonArray("string", "null"), "response-property-became-nullable"),
    };
}
