using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Portico.CodeGeneration.Emit;
using Portico.CodeGeneration.Model;

namespace Portico.CodeGeneration.Binding
{
    /// <summary>
    /// What the HTTP pipeline needs from the document: the security schemes (as API Gateway fronts them), each
    /// operation's requirements, idempotency (<c>x-portico-idempotent</c>), cache key headers (the integration's
    /// <c>cacheKeyParameters</c>) and client-side throttle limits (<c>x-portico-throttle</c>).
    /// </summary>
    internal sealed partial class ClientBinder
    {
        private const string Auth = "global::Portico.Auth.";

        /// <summary>The document's security schemes as static data for the client.</summary>
        internal List<SecuritySchemeModel> BindSecuritySchemes()
        {
            var list = new List<SecuritySchemeModel>();
            var schemes = _doc.Components?.SecuritySchemes;
            if (schemes is null) return list;
            foreach (var pair in schemes.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var s = pair.Value;
                if (s is null) continue;
                string kind;
                string? parameter = s.Name;
                string location = "Header";
                string? tokenUrl = null;
                string? authType = ExtensionString(s.Extensions, "x-amazon-apigateway-authtype")?.ToLowerInvariant();
                var authorizer = ExtensionNode(s.Extensions, "x-amazon-apigateway-authorizer") as JsonObject;
                string? authorizerType = authorizer?["type"] is JsonValue tv && tv.TryGetValue(out string? t) ? t?.ToLowerInvariant() : null;
                switch (s.Type)
                {
                    case SecuritySchemeType.ApiKey when authType == "awssigv4":
                        kind = "AwsSigV4";
                        parameter = null;
                        break;
                    case SecuritySchemeType.ApiKey when authorizer is not null || authType == "custom" || authType == "cognito_user_pools" || authType == "oauth2":
                        kind = "LambdaAuthorizer";
                        parameter = IdentityHeader(authorizer) ?? s.Name ?? "Authorization";
                        break;
                    case SecuritySchemeType.ApiKey:
                        kind = "ApiKey";
                        location = s.In switch
                        {
                            ParameterLocation.Query => "Query",
                            ParameterLocation.Cookie => "Cookie",
                            _ => "Header",
                        };
                        break;
                    case SecuritySchemeType.Http when string.Equals(s.Scheme, "basic", StringComparison.OrdinalIgnoreCase):
                        kind = "Basic";
                        parameter = null;
                        break;
                    case SecuritySchemeType.OAuth2 when s.Flows?.ClientCredentials?.TokenUrl is Uri url:
                        kind = "OAuth2ClientCredentials";
                        tokenUrl = url.ToString();
                        parameter = null;
                        break;
                    case SecuritySchemeType.OAuth2 when authorizerType == "request":
                        kind = "LambdaAuthorizer";
                        parameter = IdentityHeader(authorizer) ?? "Authorization";
                        break;
                    default:
                        // http bearer, other OAuth2 flows, OpenID Connect, JWT authorizers: a bearer token.
                        kind = "Bearer";
                        parameter = null;
                        break;
                }
                list.Add(new SecuritySchemeModel(
                    CSharp.Literal(pair.Key),
                    Auth + "SecuritySchemeKind." + kind,
                    parameter is null ? "null" : CSharp.Literal(parameter),
                    Auth + "ApiKeyLocation." + location,
                    tokenUrl is null ? "null" : CSharp.Literal(tokenUrl),
                    CSharp.DocLines(s.Description).ToEquatableArray()));
            }
            return list;
        }

        /// <summary>The header an authorizer reads its token from: <c>method.request.header.X</c> or <c>$request.header.X</c>.</summary>
        private static string? IdentityHeader(JsonObject? authorizer)
        {
            if (authorizer is null) return null;
            var source = authorizer["identitySource"];
            var values = new List<string>();
            if (source is JsonValue v && v.TryGetValue(out string? text) && text is not null) values.AddRange(text.Split(','));
            else if (source is JsonArray a) values.AddRange(a.Select(x => x is JsonValue xv && xv.TryGetValue(out string? xs) ? xs ?? string.Empty : string.Empty));
            foreach (var raw in values)
            {
                string s = raw.Trim();
                foreach (var prefix in new[] { "method.request.header.", "$request.header." })
                {
                    if (s.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return s.Substring(prefix.Length);
                }
            }
            return null;
        }

        /// <summary>Statements that hand the operation's pipeline facts to the request builder.</summary>
        internal List<string> PipelineStatements(OpenApiOperation operation, IOpenApiPathItem pathItem)
        {
            var lines = new List<string>();
            var requirements = operation.Security ?? _doc.Security;
            if (requirements is not null)
            {
                var alternatives = new List<string>();
                foreach (var requirement in requirements)
                {
                    var names = requirement.Keys.Select(k => SchemeName(k)).Where(n => n is not null).Select(n => CSharp.Literal(n!)).ToList();
                    alternatives.Add(names.Count == 0 ? "global::System.Array.Empty<string>()" : "new string[] { " + string.Join(", ", names) + " }");
                }
                // security: [] and security: [{}] both mean that the operation takes no credentials.
                lines.Add(alternatives.Count == 0 || alternatives.All(a => a.StartsWith("global::System.Array.Empty", StringComparison.Ordinal))
                    ? "builder_.Security = global::System.Array.Empty<string[]>();"
                    : "builder_.Security = new string[][] { " + string.Join(", ", alternatives) + " };");
            }
            if (ExtensionNode(operation.Extensions, "x-portico-idempotent") is JsonValue idem && string.Equals(idem.ToJsonString().Trim('"'), "true", StringComparison.OrdinalIgnoreCase))
            {
                lines.Add("builder_.Idempotent = true;");
            }
            var integration = ExtensionNode(operation.Extensions, "x-amazon-apigateway-integration") as JsonObject;
            if (integration?["cacheKeyParameters"] is JsonArray keys)
            {
                var headers = keys.Select(k => k is JsonValue kv && kv.TryGetValue(out string? ks) ? ks : null)
                    .Where(k => k is not null && k.StartsWith("method.request.header.", StringComparison.OrdinalIgnoreCase))
                    .Select(k => CSharp.Literal(k!.Substring("method.request.header.".Length)))
                    .ToList();
                if (headers.Count > 0) lines.Add("builder_.CacheKeyHeaders = new string[] { " + string.Join(", ", headers) + " };");
            }
            if (Throttle(operation.Extensions) is (string rate, string burst))
            {
                lines.Add("builder_.Throttle = (" + rate + ", " + burst + ");");
            }
            return lines;
        }

        /// <summary>Root-level <c>x-portico-throttle</c>: the client's default limits.</summary>
        internal (string Rate, string Burst)? DocumentThrottle() => Throttle(_doc.Extensions);

        private static (string Rate, string Burst)? Throttle(IDictionary<string, IOpenApiExtension>? extensions)
        {
            if (ExtensionNode(extensions, "x-portico-throttle") is not JsonObject o) return null;
            double? rate = Number(o["rateLimit"]);
            double? burst = Number(o["burstLimit"]);
            if (rate is not > 0) return null;
            int b = burst is > 0 ? (int)Math.Ceiling(burst.Value) : (int)Math.Ceiling(rate.Value);
            return (rate.Value.ToString("R", CultureInfo.InvariantCulture) + "d", b.ToString(CultureInfo.InvariantCulture));
        }

        private static double? Number(JsonNode? node)
        {
            // YAML readers give JSON values whose CLR type varies: read their JSON text.
            if (node is not JsonValue v) return null;
            string text = v.ToJsonString().Trim('"');
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : null;
        }

        private static string? SchemeName(OpenApiSecuritySchemeReference reference)
        {
            try
            {
                return reference.Reference?.Id;
            }
            catch (Exception)
            {
                return null;
            }
        }

        internal static JsonNode? ExtensionNode(IDictionary<string, IOpenApiExtension>? extensions, string key)
            => extensions is not null && extensions.TryGetValue(key, out var ext) && ext is JsonNodeExtension jn ? jn.Node : null;

        private static string? ExtensionString(IDictionary<string, IOpenApiExtension>? extensions, string key)
            => ExtensionNode(extensions, key) is JsonValue v && v.TryGetValue(out string? s) ? s : null;
    }
}
