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
            var version = target switch
            {
                ExportVersion.Swagger20 => OpenApiSpecVersion.OpenApi2_0,
                ExportVersion.OpenApi31 => OpenApiSpecVersion.OpenApi3_1,
                _ => OpenApiSpecVersion.OpenApi3_0,
            };
            return new ExportResult(Serialize(read.Document, version, options.Format), diagnostics.ToEquatableArray());
        }

        /// <summary>Serializes with Microsoft.OpenApi's writers (references kept as $ref).</summary>
        public static string Serialize(OpenApiDocument document, OpenApiSpecVersion version, ExportFormat format)
        {
            using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            IOpenApiWriter writer = format == ExportFormat.Yaml ? new OpenApiYamlWriter(text) : new OpenApiJsonWriter(text);
            document.SerializeAs(version, writer);
            string result = text.ToString().Replace("\r\n", "\n");
            return result.EndsWith("\n", StringComparison.Ordinal) ? result : result + "\n";
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
