using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Portico.CodeGeneration.Gateway
{
    /// <summary>Reads the API Gateway extensions of a document's JSON tree into a <see cref="GatewayApi"/>.</summary>
    public static class GatewayReader
    {
        public const string Prefix = "x-amazon-apigateway-";

        private static readonly string[] s_methods = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

        /// <summary>Whether a text may hold API Gateway extensions (cheap test before parsing anything).</summary>
        public static bool Mentions(string text) => text.IndexOf(Prefix, StringComparison.Ordinal) >= 0;

        /// <summary>Parses the text and reads it; null when it does not parse as an object.</summary>
        public static GatewayApi? Read(string text, string? apiType, string? endpointType)
        {
            var root = RawDocument.Parse(text);
            return root is null ? null : Read(root, apiType, endpointType);
        }

        public static GatewayApi Read(JsonObject root, string? apiType, string? endpointType)
        {
            var api = new GatewayApi(root);
            var r = GatewayValue.At(string.Empty, root);
            if (r["swagger"] is not null) api.OpenApiVersion = "2.0";
            else if (r["openapi"]?.Text is string v && v.StartsWith("3.1", StringComparison.Ordinal)) api.OpenApiVersion = "3.1";

            CollectExtensions(r, api.Extensions, 0);

            api.RequestValidatorsValue = r[Prefix + "request-validators"];
            foreach (var pair in api.RequestValidatorsValue?.Members() ?? Array.Empty<KeyValuePair<string, GatewayValue>>())
            {
                api.RequestValidators[pair.Key] = new GatewayRequestValidatorInfo(pair.Key, pair.Value);
            }
            api.DefaultRequestValidator = r[Prefix + "request-validator"];
            api.ApiKeySource = r[Prefix + "api-key-source"];
            api.BinaryMediaTypes = r[Prefix + "binary-media-types"];
            api.MinimumCompressionSize = r[Prefix + "minimum-compression-size"];
            api.Policy = r[Prefix + "policy"];
            api.Documentation = r[Prefix + "documentation"];
            api.GatewayResponses = r[Prefix + "gateway-responses"];
            api.Cors = r[Prefix + "cors"];
            api.ImportExportVersion = r[Prefix + "importexport-version"];
            api.SecurityPolicy = r[Prefix + "security-policy"];
            api.EndpointAccessMode = r[Prefix + "endpoint-access-mode"];
            api.RootSecurity = r["security"];

            if (api.IsSwagger2)
            {
                if (r[Prefix + "endpoint-configuration"] is { } ec) api.EndpointConfigurations.Add(new GatewayEndpointConfiguration(ec));
            }
            else
            {
                foreach (var server in r["servers"]?.Items() ?? Array.Empty<GatewayValue>())
                {
                    if (server[Prefix + "endpoint-configuration"] is { } ec) api.EndpointConfigurations.Add(new GatewayEndpointConfiguration(ec));
                }
                // Also tolerated at the root of an OpenAPI 3 file (some generators put it there).
                if (r[Prefix + "endpoint-configuration"] is { } rootEc) api.EndpointConfigurations.Add(new GatewayEndpointConfiguration(rootEc));
            }

            foreach (var tag in r["tags"]?.Items() ?? Array.Empty<GatewayValue>())
            {
                if (tag[Prefix + "tag-value"] is { } tv) api.TagValues.Add(new KeyValuePair<string, GatewayValue>(tag["name"]?.Text ?? string.Empty, tv));
            }

            // Security schemes: OpenAPI 3 components, Swagger 2.0 securityDefinitions (also seen at the root of OpenAPI 3 files).
            foreach (var holder in new[] { r["components"]?["securitySchemes"], r["securityDefinitions"] })
            {
                foreach (var pair in holder?.Members() ?? Array.Empty<KeyValuePair<string, GatewayValue>>())
                {
                    if (!api.SecuritySchemes.ContainsKey(pair.Key)) api.SecuritySchemes[pair.Key] = new GatewaySecurityScheme(pair.Key, pair.Value);
                }
            }

            foreach (var pair in r["components"]?[Prefix + "integrations"]?.Members() ?? Array.Empty<KeyValuePair<string, GatewayValue>>())
            {
                api.ReusableIntegrations[pair.Key] = new GatewayIntegrationInfo(pair.Value);
            }

            api.Models = r["components"]?["schemas"] ?? r["definitions"];
            foreach (var holder in new[] { r["components"]?["schemas"], r["definitions"] })
            {
                foreach (var pair in holder?.Members() ?? Array.Empty<KeyValuePair<string, GatewayValue>>())
                {
                    api.ModelNames.Add(new KeyValuePair<string, string>(pair.Key, pair.Value.Pointer));
                }
            }

            foreach (var path in r["paths"]?.Members() ?? Array.Empty<KeyValuePair<string, GatewayValue>>())
            {
                api.Paths.Add(new KeyValuePair<string, string>(path.Key, path.Value.Pointer));
                var common = path.Value["parameters"];
                foreach (var member in path.Value.Members())
                {
                    string key = member.Key;
                    string? method = Array.IndexOf(s_methods, key.ToLowerInvariant()) >= 0 ? key.ToUpperInvariant()
                        : key == Prefix + "any-method" ? "ANY" : null;
                    if (method is null || member.Value.Object is null) continue;
                    var op = new GatewayOperationInfo(path.Key, method, member.Value.Pointer);
                    ReadOperation(api, r, op, member.Value, common);
                    api.Operations.Add(op);
                }
            }

            string? stated = apiType?.Trim();
            if (string.Equals(stated, "http", StringComparison.OrdinalIgnoreCase) || string.Equals(stated, "rest", StringComparison.OrdinalIgnoreCase))
            {
                api.ApiTypeStated = true;
                api.ApiType = string.Equals(stated, "http", StringComparison.OrdinalIgnoreCase) ? GatewayApiType.Http : GatewayApiType.Rest;
            }
            else
            {
                // A value that names neither is reported (PRT4045) and the type is inferred as if none were given.
                if (stated is { Length: > 0 }) api.UnknownApiType = stated;
                api.ApiType = Infer(api);
            }
            string? endpoint = endpointType?.Trim().ToUpperInvariant();
            if (endpoint is "EDGE" or "REGIONAL" or "PRIVATE") api.EndpointType = endpoint;
            else if (endpoint is { Length: > 0 }) api.UnknownEndpointType = endpointType!.Trim();
            return api;
        }

        private static void ReadOperation(GatewayApi api, GatewayValue root, GatewayOperationInfo op, GatewayValue value, GatewayValue? common)
        {
            op.OperationId = value["operationId"]?.Text;
            op.Auth = value[Prefix + "auth"];
            op.RequestValidator = value[Prefix + "request-validator"];
            op.Security = value["security"];
            op.IsDefaultRoute = value["isDefaultRoute"];
            op.IntegrationValue = value[Prefix + "integration"];
            if (op.IntegrationValue is { } iv)
            {
                if (iv["$ref"]?.Text is string reference)
                {
                    const string local = "#/components/" + Prefix + "integrations/";
                    if (reference.StartsWith(local, StringComparison.Ordinal)
                        && api.ReusableIntegrations.TryGetValue(Unescape(reference.Substring(local.Length)), out var shared))
                    {
                        op.Integration = shared;
                    }
                }
                else if (iv.Object is not null)
                {
                    op.Integration = new GatewayIntegrationInfo(iv);
                }
            }
            foreach (var list in new[] { common, value["parameters"] })
            {
                foreach (var p in list?.Items() ?? Array.Empty<GatewayValue>())
                {
                    var param = p["$ref"]?.Text is string pr ? Resolve(root, pr) : p;
                    if (param?["name"]?.Text is string name && param["in"]?.Text is string location)
                    {
                        op.Parameters.Add(new KeyValuePair<string, string>(location.ToLowerInvariant(), name));
                    }
                }
            }
            if (value["responses"] is { } responses)
            {
                op.Responses = responses;
                foreach (var pair in responses.Members()) op.ResponseCodes.Add(pair.Key);
            }
        }

        private static string Unescape(string segment) => segment.Replace("~1", "/").Replace("~0", "~");

        /// <summary>Follows a local <c>#/...</c> reference in the raw tree.</summary>
        internal static GatewayValue? Resolve(GatewayValue root, string reference)
        {
            if (!reference.StartsWith("#/", StringComparison.Ordinal)) return null;
            var current = root;
            foreach (var segment in reference.Substring(2).Split('/'))
            {
                current = current[Unescape(Uri.UnescapeDataString(segment))]!;
                if (current is null) return null;
            }
            return current;
        }

        private static void CollectExtensions(GatewayValue value, List<GatewayValueAt> found, int depth)
        {
            if (depth > 64) return;
            foreach (var pair in value.Members())
            {
                if (pair.Key.StartsWith(Prefix, StringComparison.Ordinal))
                {
                    found.Add(new GatewayValueAt(pair.Key, pair.Value));
                    if (pair.Key != Prefix + "any-method") continue;
                }
                if (pair.Value.Kind == GatewayValueKind.Object) CollectExtensions(pair.Value, found, depth + 1);
                else if (pair.Value.Kind == GatewayValueKind.Array)
                {
                    foreach (var item in pair.Value.Items())
                    {
                        if (item.Kind == GatewayValueKind.Object) CollectExtensions(item, found, depth + 1);
                    }
                }
            }
        }

        /// <summary>
        /// REST or HTTP API, from what the document uses: extensions and values only one product knows. Ties (and
        /// documents that say nothing either way) are REST, API Gateway's default product.
        /// </summary>
        public static GatewayApiType Infer(GatewayApi api)
        {
            int rest = 0, http = 0;
            if (api.IsSwagger2) rest += 2;
            foreach (var e in api.Extensions)
            {
                switch (e.Name.Substring(Prefix.Length))
                {
                    case "cors":
                    case "importexport-version":
                    case "integrations":
                    case "tag-value":
                        http++;
                        break;
                    case "request-validators":
                    case "request-validator":
                    case "api-key-source":
                    case "binary-media-types":
                    case "gateway-responses":
                    case "minimum-compression-size":
                    case "policy":
                    case "documentation":
                        rest++;
                        break;
                }
            }
            foreach (var op in api.Operations)
            {
                var i = op.Integration;
                if (i is null) continue;
                switch (i.TypeName)
                {
                    case "aws":
                    case "http":
                    case "mock":
                        rest++;
                        break;
                }
                if (i.PayloadFormatVersion is not null || i.IntegrationSubtype is not null) http++;
                if (i.RequestTemplates is not null || i.Responses is not null || i.PassthroughBehavior is not null || i.CacheKeyParameters is not null) rest++;
                if (op.IsDefaultRoute is not null) http++;
            }
            foreach (var s in api.SecuritySchemes.Values)
            {
                switch (s.Authorizer?.TypeName)
                {
                    case "jwt":
                        http++;
                        break;
                    case "token":
                    case "cognito_user_pools":
                        rest++;
                        break;
                }
                if (s.Authorizer?.PayloadFormatVersion is not null || s.Authorizer?.EnableSimpleResponses is not null) http++;
                // Identity sources are written differently: REST "method.request.header.X", HTTP "$request.header.X".
                foreach (var source in s.Authorizer?.IdentitySources() ?? new List<GatewayValue>())
                {
                    if (source.Text is not string text) continue;
                    if (text.StartsWith("method.request.", StringComparison.Ordinal) || text.StartsWith("stageVariables.", StringComparison.Ordinal) || text.StartsWith("context.", StringComparison.Ordinal)) rest += 2;
                    else if (text.StartsWith("$", StringComparison.Ordinal)) http += 2;
                    break;
                }
                if (s.AuthType?.Text is string authType && !s.IsIam) rest++;
            }
            return http > rest ? GatewayApiType.Http : GatewayApiType.Rest;
        }
    }
}
