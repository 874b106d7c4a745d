using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using Microsoft.OpenApi;
using Portico.CodeGeneration.Diagnostics;
using Portico.CodeGeneration.Model;
using Portico.CodeGeneration.Reading;

namespace Portico.CodeGeneration.Documents
{
    public enum ExportVersion
    {
        OpenApi30,
        OpenApi31,
        Swagger20,
    }

    public enum ExportFormat
    {
        Json,
        Yaml,
    }

    /// <summary>Which API Gateway extensions an export keeps.</summary>
    public enum ExportProfile
    {
        /// <summary>Extensions REST APIs import; x-portico-* removed.</summary>
        Rest,

        /// <summary>Extensions HTTP APIs import; x-portico-* removed.</summary>
        Http,

        /// <summary>Every x-amazon-apigateway-* and x-portico-* extension removed: a plain OpenAPI document.</summary>
        None,
    }

    /// <summary>How to export. <see cref="Version"/> null means 3.0 for the gateway profiles and the document's own version for <see cref="ExportProfile.None"/>.</summary>
    public sealed record ExportOptions
    {
        public ExportVersion? Version { get; init; }
        public ExportFormat Format { get; init; } = ExportFormat.Json;
        public ExportProfile Profile { get; init; } = ExportProfile.Rest;
        public EquatableArray<SourceFile> Overlays { get; init; } = EquatableArray<SourceFile>.Empty;
        public string? Stage { get; init; }

        /// <summary>The API type for expanding x-portico-integration (rest or http); null infers it from the profile, then the document.</summary>
        public string? ApiType { get; init; }
    }

    /// <summary>The exported text (null when an error stopped the export) and what was found on the way.</summary>
    public sealed record ExportResult(string? Text, EquatableArray<DiagnosticInfo> Diagnostics)
    {
        public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);
    }

    /// <summary>
    /// Writes a document back out as OpenAPI 3.0, 3.1 or Swagger 2.0 (JSON or YAML) with Microsoft.OpenApi's serializers,
    /// after overlays, the stage and x-portico-integration expansion, keeping the API Gateway extensions the chosen
    /// product imports and downgrading what it cannot import. Pure: no disk, no network.
    /// </summary>
    public static class DocumentExporter
    {
        private static readonly string[] s_restOnlyRoot =
        {
            "x-amazon-apigateway-request-validators", "x-amazon-apigateway-request-validator", "x-amazon-apigateway-api-key-source",
            "x-amazon-apigateway-binary-media-types", "x-amazon-apigateway-documentation", "x-amazon-apigateway-gateway-responses",
            "x-amazon-apigateway-minimum-compression-size", "x-amazon-apigateway-policy", "x-amazon-apigateway-security-policy",
            "x-amazon-apigateway-endpoint-access-mode",
        };

        private static readonly string[] s_httpOnlyRoot = { "x-amazon-apigateway-cors", "x-amazon-apigateway-importexport-version" };

        private static readonly string[] s_restOnlyIntegrationFields =
        {
            "requestTemplates", "passthroughBehavior", "contentHandling", "cacheNamespace", "cacheKeyParameters", "responses", "responseTransferMode", "integrationTarget",
        };

        private static readonly string[] s_httpOnlyIntegrationFields = { "payloadFormatVersion", "integrationSubtype", "responseParameters" };

        public static ExportResult Export(SpecInput input, ExportOptions options, CancellationToken cancellationToken = default)
        {
            try
            {
                return ExportCore(input, options, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var d = DiagnosticInfo.Create(DiagnosticCatalog.InternalError, SourceSpan.FileStart(input.Path), "exporting the document", ex.GetType().Name + ": " + ex.Message);
                return new ExportResult(null, new[] { d }.ToEquatableArray());
            }
        }

        private static ExportResult ExportCore(SpecInput input, ExportOptions options, CancellationToken ct)
        {
            string? apiType = options.ApiType ?? (options.Profile == ExportProfile.Http ? "http" : options.Profile == ExportProfile.Rest ? "rest" : null);
            var prepared = DocumentPreparer.Prepare(input.Path, input.Text, options.Overlays.ToList(), options.Stage, apiType, forceTree: true);
            var diagnostics = new List<DiagnosticInfo>(prepared.Diagnostics);
            if (prepared.Tree is not JsonObject tree)
            {
                // Not parseable: let the reader say why, at the right place.
                var model = PorticoEngine.Parse(input, ct);
                diagnostics.AddRange(model.Diagnostics);
                if (!diagnostics.Any(d => d.Severity == Severity.Error)) diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.SyntaxError, SourceSpan.FileStart(input.Path), "the document cannot be read"));
                return new ExportResult(null, diagnostics.ToEquatableArray());
            }

            string sourceVersion = JsonTree.AsString(tree["openapi"]) ?? (tree["swagger"] is not null ? "2.0" : string.Empty);
            var target = options.Version ?? (options.Profile != ExportProfile.None ? ExportVersion.OpenApi30
                : sourceVersion.StartsWith("2", StringComparison.Ordinal) ? ExportVersion.Swagger20
                : sourceVersion.StartsWith("3.0", StringComparison.Ordinal) ? ExportVersion.OpenApi30 : ExportVersion.OpenApi31);
            var pending = new List<Located.Pending>();
            if (options.Profile == ExportProfile.Http && target == ExportVersion.Swagger20)
            {
                pending.Add(new Located.Pending(DiagnosticCatalog.ExportTargetUnsupported, string.Empty, "HTTP APIs import OpenAPI 3.0 only; a Swagger 2.0 document is rejected"));
            }
            if (options.Profile != ExportProfile.None && target == ExportVersion.OpenApi31)
            {
                pending.Add(new Located.Pending(DiagnosticCatalog.ExportTargetUnsupported, string.Empty, "API Gateway imports OpenAPI 2.0 and 3.0, not 3.1; export with version 3.0 to import this document"));
            }

            Filter(tree, options.Profile);
            FixForWriting(tree, sourceVersion, pending);
            bool from31 = sourceVersion.StartsWith("3.1", StringComparison.Ordinal) || sourceVersion.StartsWith("3.2", StringComparison.Ordinal);
            if (from31 && target != ExportVersion.OpenApi31)
            {
                SchemaDowngrader.Downgrade(tree, target == ExportVersion.Swagger20 ? "2.0" : "3.0", pending);
                tree["openapi"] = "3.0.4";
            }
            diagnostics.AddRange(Located.Resolve(input.Path, input.Text, pending));

            // The prepared tree is read as the document (paths, referenced files and options as they were).
            var read = SpecReader.Read(input with { Text = JsonTree.ToJson(tree) }, ct);
            var readDiagnostics = PorticoEngine.Locate(input, read.Diagnostics);
            diagnostics.AddRange(readDiagnostics);
            if (read.Fatal || read.Document is null)
            {
                return new ExportResult(null, diagnostics.ToEquatableArray());
            }
            FixServers(read.Document);
            var version = target switch
            {
                ExportVersion.Swagger20 => OpenApiSpecVersion.OpenApi2_0,
                ExportVersion.OpenApi31 => OpenApiSpecVersion.OpenApi3_1,
                _ => OpenApiSpecVersion.OpenApi3_0,
            };
            string text = Serialize(read.Document, version, options.Format);
            if (JsonTree.Parse(text, out var error, out int line, out int column) is null)
            {
                // Never hand on a document the serializer got wrong.
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.InternalError, SourceSpan.FileStart(input.Path), "writing the export",
                    "the written document does not parse at line " + line.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", column " + column.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": " + error));
                return new ExportResult(null, diagnostics.ToEquatableArray());
            }
            return new ExportResult(text, diagnostics.ToEquatableArray());
        }

        /// <summary>
        /// Rewrites what Microsoft.OpenApi's writers cannot write back faithfully: 3.0 keywords in a 3.1 document (a boolean
        /// <c>exclusiveMinimum</c>/<c>exclusiveMaximum</c> becomes the numeric form, <c>nullable</c> a "null" in the type list), and an oauth2
        /// security scheme without <c>flows</c> (as SAM writes for HTTP API JWT authorizers) gets an empty <c>flows</c>.
        /// Each rewrite is reported (PRT4420).
        /// </summary>
        internal static void FixForWriting(JsonObject tree, string sourceVersion, List<Located.Pending> pending)
        {
            bool is31 = sourceVersion.StartsWith("3.1", StringComparison.Ordinal) || sourceVersion.StartsWith("3.2", StringComparison.Ordinal);
            string shown = is31 ? "3.1" : sourceVersion.StartsWith("3", StringComparison.Ordinal) ? "3.0" : "2.0";
            if (is31) Visit(tree, string.Empty);
            if (sourceVersion.StartsWith("3", StringComparison.Ordinal) && tree["components"] is JsonObject components && components["securitySchemes"] is JsonObject schemes)
            {
                foreach (var scheme in schemes)
                {
                    if (scheme.Value is JsonObject so && JsonTree.AsString(so["type"]) == "oauth2" && so["flows"] is null)
                    {
                        so["flows"] = new JsonObject();
                        string pointer = "/components/securitySchemes/" + SourceLocator.Escape(scheme.Key);
                        pending.Add(new Located.Pending(DiagnosticCatalog.ExportDowngraded, pointer, "An oauth2 security scheme without flows", pointer, shown, "an empty 'flows' object was added, as the specification requires"));
                    }
                }
            }

            void Visit(JsonNode? node, string pointer)
            {
                if (node is JsonObject o)
                {
                    foreach (var (exclusive, bound) in new[] { ("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum") })
                    {
                        if (o[exclusive] is JsonValue ev && ev.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)
                        {
                            bool on = ev.GetValueKind() == System.Text.Json.JsonValueKind.True;
                            o.Remove(exclusive);
                            if (on && o[bound] is JsonValue bv && bv.GetValueKind() == System.Text.Json.JsonValueKind.Number)
                            {
                                o[exclusive] = bv.DeepClone();
                                o.Remove(bound);
                            }
                            pending.Add(new Located.Pending(DiagnosticCatalog.ExportDowngraded, JsonTree.Child(pointer, exclusive), exclusive, JsonTree.Child(pointer, exclusive), shown,
                                "the 3.0 boolean form became the 3.1 numeric form"));
                        }
                    }
                    if (o["nullable"] is JsonValue nv && nv.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False && !o.ContainsKey("$ref"))
                    {
                        bool nullable = nv.GetValueKind() == System.Text.Json.JsonValueKind.True;
                        o.Remove("nullable");
                        if (nullable && JsonTree.AsString(o["type"]) is string single) o["type"] = new JsonArray(single, "null");
                        else if (nullable && o["type"] is JsonArray list && !list.Any(t => JsonTree.AsString(t) == "null")) list.Add("null");
                        pending.Add(new Located.Pending(DiagnosticCatalog.ExportDowngraded, JsonTree.Child(pointer, "nullable"), "nullable", JsonTree.Child(pointer, "nullable"), shown,
                            nullable && o["type"] is JsonArray ? "the 3.0 keyword became 'null' in the type list" : "the 3.0 keyword has no 3.1 meaning and was removed"));
                    }
                    foreach (var p in o.ToList())
                    {
                        if (p.Key.StartsWith("x-", StringComparison.Ordinal) || p.Key is "example" or "examples" or "default" or "enum" or "const") continue;
                        Visit(p.Value, JsonTree.Child(pointer, p.Key));
                    }
                }
                else if (node is JsonArray a)
                {
                    for (int i = 0; i < a.Count; i++) Visit(a[i], JsonTree.Child(pointer, i));
                }
            }
        }

        /// <summary>A Swagger 2.0 document without <c>host</c> reads as servers like <c>https:///v1</c>; they become the relative <c>/v1</c>.</summary>
        private static void FixServers(OpenApiDocument document)
        {
            if (document.Servers is not { Count: > 0 } servers) return;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < servers.Count; i++)
            {
                string? url = servers[i].Url;
                if (url is null) continue;
                int scheme = url.IndexOf(":///", StringComparison.Ordinal);
                if (scheme > 0) servers[i].Url = url = url.Substring(scheme + 3);
                if (!seen.Add(url))
                {
                    servers.RemoveAt(i);
                    i--;
                }
            }
        }

        /// <summary>Serializes with Microsoft.OpenApi's writers (references kept as $ref).</summary>
        public static string Serialize(OpenApiDocument document, OpenApiSpecVersion version, ExportFormat format)
        {
            string result = Write(document, version, format);
            // Microsoft.OpenApi writes schema keywords it does not know under an "unrecognizedKeywords" object; they
            // belong in the schema itself, so they are moved back there.
            if (result.IndexOf("\"unrecognizedKeywords\"", StringComparison.Ordinal) >= 0 || result.IndexOf("unrecognizedKeywords:", StringComparison.Ordinal) >= 0)
            {
                var tree = JsonNode.Parse(format == ExportFormat.Json ? result : Write(document, version, ExportFormat.Json))!;
                HoistUnrecognized(tree);
                if (format == ExportFormat.Json)
                {
                    result = JsonTree.ToJson(tree);
                }
                else
                {
                    using var yaml = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
                    new SharpYaml.Serialization.YamlStream(new SharpYaml.Serialization.YamlDocument(ToYaml(tree))).Save(yaml, false);
                    result = yaml.ToString();
                }
            }
            result = result.Replace("\r\n", "\n");
            return result.EndsWith("\n", StringComparison.Ordinal) ? result : result + "\n";
        }

        private static string Write(OpenApiDocument document, OpenApiSpecVersion version, ExportFormat format)
        {
            using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            IOpenApiWriter writer = format == ExportFormat.Yaml ? new OpenApiYamlWriter(text) : new OpenApiJsonWriter(text);
            document.SerializeAs(version, writer);
            return text.ToString();
        }

        /// <summary>A JSON tree as YAML nodes: strings that would read as another type are quoted.</summary>
        private static SharpYaml.Serialization.YamlNode ToYaml(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    var map = new SharpYaml.Serialization.YamlMappingNode();
                    foreach (var p in o) map.Add(Scalar(p.Key), ToYaml(p.Value));
                    return map;
                case JsonArray a:
                    var list = new SharpYaml.Serialization.YamlSequenceNode();
                    foreach (var item in a) list.Add(ToYaml(item));
                    return list;
                case null:
                    return new SharpYaml.Serialization.YamlScalarNode("null") { Style = SharpYaml.ScalarStyle.Plain };
                default:
                    var kind = node.GetValueKind();
                    if (kind == System.Text.Json.JsonValueKind.String) return Scalar(node.GetValue<string>());
                    return new SharpYaml.Serialization.YamlScalarNode(node.ToJsonString()) { Style = SharpYaml.ScalarStyle.Plain };
            }
        }

        private static SharpYaml.Serialization.YamlScalarNode Scalar(string text)
        {
            bool plain = text.Length > 0
                && System.Text.RegularExpressions.Regex.IsMatch(text, @"^[A-Za-z_/$][A-Za-z0-9_./$ -]*$")
                && !System.Text.RegularExpressions.Regex.IsMatch(text, @"^(true|false|null|yes|no|on|off|y|n|~)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)
                && !text.EndsWith(" ", StringComparison.Ordinal);
            return new SharpYaml.Serialization.YamlScalarNode(text) { Style = plain ? SharpYaml.ScalarStyle.Plain : SharpYaml.ScalarStyle.DoubleQuoted };
        }

        private static void HoistUnrecognized(JsonNode? node)
        {
            if (node is JsonObject o)
            {
                if (o["unrecognizedKeywords"] is JsonObject unknown)
                {
                    o.Remove("unrecognizedKeywords");
                    foreach (var p in unknown.ToList())
                    {
                        if (!o.ContainsKey(p.Key)) o[p.Key] = p.Value?.DeepClone();
                    }
                }
                foreach (var p in o.ToList()) HoistUnrecognized(p.Value);
            }
            else if (node is JsonArray a)
            {
                foreach (var item in a) HoistUnrecognized(item);
            }
        }

        /// <summary>Removes the extensions the profile does not keep, everywhere in the tree.</summary>
        internal static void Filter(JsonObject document, ExportProfile profile)
        {
            if (profile == ExportProfile.Rest)
            {
                foreach (var k in s_httpOnlyRoot) document.Remove(k);
                if (document["components"] is JsonObject c) c.Remove("x-amazon-apigateway-integrations");
            }
            else if (profile == ExportProfile.Http)
            {
                foreach (var k in s_restOnlyRoot) document.Remove(k);
            }
            Visit(document);

            void Visit(JsonNode? node)
            {
                if (node is JsonObject o)
                {
                    foreach (var p in o.ToList())
                    {
                        bool portico = p.Key.StartsWith("x-portico-", StringComparison.Ordinal);
                        bool gateway = p.Key.StartsWith("x-amazon-apigateway-", StringComparison.Ordinal);
                        if (portico || gateway && profile == ExportProfile.None
                            || profile == ExportProfile.Http && p.Key == "x-amazon-apigateway-request-validator"
                            || profile == ExportProfile.Rest && p.Key == "x-amazon-apigateway-tag-value")
                        {
                            o.Remove(p.Key);
                            continue;
                        }
                        if (p.Key == IntegrationExpander.FullForm && p.Value is JsonObject integration)
                        {
                            foreach (var f in profile == ExportProfile.Rest ? s_httpOnlyIntegrationFields : profile == ExportProfile.Http ? s_restOnlyIntegrationFields : Array.Empty<string>())
                            {
                                integration.Remove(f);
                            }
                        }
                        if (p.Key == "x-amazon-apigateway-endpoint-configuration" && profile == ExportProfile.Http && p.Value is JsonObject endpoint)
                        {
                            endpoint.Remove("vpcEndpointIds");
                        }
                        Visit(p.Value);
                    }
                }
                else if (node is JsonArray a)
                {
                    foreach (var item in a) Visit(item);
                }
            }
        }
    }
}
