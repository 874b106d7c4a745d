using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Portico.CodeGeneration.Binding;
using Portico.CodeGeneration.Diagnostics;

namespace Portico.CodeGeneration.Gateway
{
    /// <summary>
    /// The checks API Gateway's import makes (or silently skips) on a document, as located diagnostics PRT4001-PRT4399.
    /// Values that are CloudFormation intrinsics are not checked: their value is only known after deployment tooling runs.
    /// </summary>
    internal static class GatewayRules
    {
        private const string P = GatewayReader.Prefix;

        private static readonly string[] s_restTypes = { "aws", "aws_proxy", "http", "http_proxy", "mock" };
        private static readonly string[] s_httpTypes = { "aws_proxy", "http_proxy" };
        private static readonly string[] s_restOnly = { "request-validators", "request-validator", "api-key-source", "binary-media-types", "documentation", "gateway-responses", "minimum-compression-size", "policy", "security-policy", "endpoint-access-mode" };
        private static readonly string[] s_httpOnly = { "cors", "importexport-version", "integrations", "tag-value" };

        internal static readonly string[] ResponseTypes =
        {
            "ACCESS_DENIED", "API_CONFIGURATION_ERROR", "AUTHORIZER_CONFIGURATION_ERROR", "AUTHORIZER_FAILURE", "BAD_REQUEST_PARAMETERS",
            "BAD_REQUEST_BODY", "DEFAULT_4XX", "DEFAULT_5XX", "EXPIRED_TOKEN", "INTEGRATION_FAILURE", "INTEGRATION_TIMEOUT", "INVALID_API_KEY",
            "INVALID_SIGNATURE", "MISSING_AUTHENTICATION_TOKEN", "QUOTA_EXCEEDED", "REQUEST_TOO_LARGE", "RESOURCE_NOT_FOUND", "THROTTLED",
            "UNAUTHORIZED", "UNSUPPORTED_MEDIA_TYPE", "WAF_FILTERED",
        };

        private static readonly string[] s_securityPolicies =
        {
            "TLS_1_0", "TLS_1_2", "SecurityPolicy_TLS13_1_3_2025_09", "SecurityPolicy_TLS13_1_3_FIPS_2025_09", "SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09",
            "SecurityPolicy_TLS13_1_2_FIPS_PQ_2025_09", "SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09", "SecurityPolicy_TLS13_1_2_PQ_2025_09",
            "SecurityPolicy_TLS13_1_2_2021_06", "SecurityPolicy_TLS13_2025_EDGE", "SecurityPolicy_TLS12_PFS_2025_EDGE", "SecurityPolicy_TLS12_2018_EDGE",
        };

        private static readonly Dictionary<string, string[]> s_subtypes = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["EventBridge-PutEvents"] = new[] { "Detail", "DetailType", "Source" },
            ["SQS-SendMessage"] = new[] { "QueueUrl", "MessageBody" },
            ["SQS-ReceiveMessage"] = new[] { "QueueUrl" },
            ["SQS-DeleteMessage"] = new[] { "ReceiptHandle", "QueueUrl" },
            ["SQS-PurgeQueue"] = new[] { "QueueUrl" },
            ["AppConfig-GetConfiguration"] = new[] { "Application", "Environment", "Configuration", "ClientId" },
            ["Kinesis-PutRecord"] = new[] { "StreamName", "Data", "PartitionKey" },
            ["StepFunctions-StartExecution"] = new[] { "StateMachineArn" },
            ["StepFunctions-StartSyncExecution"] = new[] { "StateMachineArn" },
            ["StepFunctions-StopExecution"] = new[] { "ExecutionArn" },
        };

        // Integration fields where a stage variable has no meaning.
        private static readonly string[] s_noStageVariables = { "type", "httpMethod", "connectionType", "passthroughBehavior", "contentHandling", "timeoutInMillis", "payloadFormatVersion", "integrationSubtype", "cacheKeyParameters", "cacheNamespace", "responseTransferMode" };

        private static readonly Regex s_stageVariableRef = new Regex(@"\$\{stageVariables\.([^}]*)\}|\$\{stageVariables(?![.}])|\$\{stageVariables\.[^}]*$", RegexOptions.Compiled);
        private static readonly Regex s_stageVariableName = new Regex(@"^[A-Za-z0-9_]+$", RegexOptions.Compiled);
        private static readonly Regex s_placeholder = new Regex(@"\$\{[^}]*\}", RegexOptions.Compiled);
        private static readonly Regex s_lambdaUri = new Regex(@"^arn:[a-z0-9-]+:apigateway:[a-z0-9-]+:lambda:path/2015-03-31/functions/.+/invocations$", RegexOptions.Compiled);
        private static readonly Regex s_streamingUri = new Regex(@"^arn:[a-z0-9-]+:apigateway:[a-z0-9-]+:lambda:path/2021-11-15/functions/.+/response-streaming-invocations$", RegexOptions.Compiled);
        private static readonly Regex s_lambdaArn = new Regex(@"^arn:[a-z0-9-]+:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$", RegexOptions.Compiled);
        private static readonly Regex s_serviceUri = new Regex(@"^arn:[a-z0-9-]+:apigateway:[a-z0-9-]+:[A-Za-z0-9.-]+:((path|action)/.+|stagevariable.*)$", RegexOptions.Compiled);
        private static readonly Regex s_mediaType = new Regex(@"^[A-Za-z0-9!#$&^_.+*-]+/[A-Za-z0-9!#$&^_.+*-]+(\s*;.*)?$", RegexOptions.Compiled);
        private static readonly Regex s_pathSegment = new Regex(@"^([A-Za-z0-9_.,:-]+|\{[A-Za-z0-9_.-]+\+?\})$", RegexOptions.Compiled);
        private static readonly Regex s_modelName = new Regex(@"^[A-Za-z0-9]+$", RegexOptions.Compiled);
        private static readonly Regex s_cacheKey = new Regex(@"^method\.request\.(path|querystring|multivaluequerystring|header|multivalueheader)\.(.+)$", RegexOptions.Compiled);

        public static List<PendingDiagnostic> Check(GatewayApi api)
        {
            var bag = new DiagnosticBag();
            bool rest = api.ApiType == GatewayApiType.Rest;
            string flavour = rest ? "REST" : "HTTP";

            if (api.UnknownApiType is string unknownType)
            {
                bag.Add(DiagnosticCatalog.GatewayUnknownMetadata, string.Empty, "ApiType", unknownType, "rest, http", "the document is checked as the " + flavour + " API its extensions suggest");
            }
            if (api.UnknownEndpointType is string unknownEndpoint)
            {
                bag.Add(DiagnosticCatalog.GatewayUnknownMetadata, string.Empty, "EndpointType", unknownEndpoint, "EDGE, REGIONAL, PRIVATE", "it is ignored");
            }
            if (api.IsSwagger2 && !rest) bag.Add(DiagnosticCatalog.GatewaySwaggerForHttp, "/swagger");
            if (api.OpenApiVersion == "3.1") bag.Add(DiagnosticCatalog.GatewayOpenApi31, "/openapi", api.Root["openapi"]?.ToString() ?? "3.1");

            foreach (var e in api.Extensions)
            {
                string shortName = e.Name.Substring(P.Length);
                if (rest && Array.IndexOf(s_httpOnly, shortName) >= 0) bag.Add(DiagnosticCatalog.GatewayExtensionNotApplicable, e.Value.Pointer, e.Name, "HTTP API", "REST");
                else if (!rest && Array.IndexOf(s_restOnly, shortName) >= 0) bag.Add(DiagnosticCatalog.GatewayExtensionNotApplicable, e.Value.Pointer, e.Name, "REST API", "HTTP");
            }

            if (rest && api.RootSecurity?.Array is { Count: > 0 }) bag.Add(DiagnosticCatalog.GatewayRootSecurityIgnored, api.RootSecurity.Pointer);

            CheckRoot(api, bag, rest);
            CheckEndpoints(api, bag, rest);
            CheckSchemes(api, bag, rest, flavour);
            if (rest)
            {
                foreach (var pair in api.ModelNames)
                {
                    if (!s_modelName.IsMatch(pair.Key)) bag.Add(DiagnosticCatalog.GatewayModelName, pair.Value, pair.Key);
                }
                foreach (var pair in api.Paths) CheckRestPath(pair.Key, pair.Value, bag);
                foreach (var model in api.Models?.Members() ?? Array.Empty<KeyValuePair<string, GatewayValue>>()) CheckModelKeywords(model.Value, bag, 0);
                foreach (var op in api.Operations) CheckRestResponses(api, op, bag);
            }

            foreach (var pair in api.ReusableIntegrations) CheckIntegration(api, pair.Value, null, bag, rest);
            bool anyIntegration = api.Operations.Any(o => o.IntegrationValue is not null);
            foreach (var op in api.Operations) CheckOperation(api, op, bag, rest, anyIntegration);
            return bag.Items;
        }

        private static void CheckRoot(GatewayApi api, DiagnosticBag bag, bool rest)
        {
            if (api.ApiKeySource is { Unresolved: false } aks && !OneOf(aks.Text, true, "HEADER", "AUTHORIZER"))
            {
                bag.Add(DiagnosticCatalog.GatewayApiKeySource, aks.Pointer, aks.ToString());
            }
            if (api.BinaryMediaTypes is { Unresolved: false } bmt)
            {
                if (bmt.Kind != GatewayValueKind.Array) bag.Add(DiagnosticCatalog.GatewayBinaryMediaTypes, bmt.Pointer, "must be an array of media types such as \"image/png\"");
                else
                {
                    foreach (var item in bmt.Items())
                    {
                        if (item.Unresolved) continue;
                        if (item.Kind != GatewayValueKind.String || !s_mediaType.IsMatch(item.Text!.Trim()))
                        {
                            bag.Add(DiagnosticCatalog.GatewayBinaryMediaTypes, item.Pointer, "item '" + item + "' is not a media type (type/subtype, wildcards allowed)");
                        }
                    }
                }
            }
            if (api.MinimumCompressionSize is { Unresolved: false } mcs && mcs.Kind != GatewayValueKind.Null && (mcs.Integer is not long size || size < 0 || size > 10485760))
            {
                bag.Add(DiagnosticCatalog.GatewayInvalidValue, mcs.Pointer, P + "minimum-compression-size", mcs.ToString(), "an integer from 0 to 10485760");
            }
            if (api.Policy is { Unresolved: false } policy)
            {
                if (policy.Kind != GatewayValueKind.Object) bag.Add(DiagnosticCatalog.GatewayPolicy, policy.Pointer, "must be an IAM policy document (a JSON object), not " + policy.Kind.ToString().ToLowerInvariant());
                else if (policy["Statement"] is null) bag.Add(DiagnosticCatalog.GatewayPolicy, policy.Pointer, "has no Statement");
                else if (policy.Node!.ToJsonString().Length > 8192) bag.Add(DiagnosticCatalog.GatewayPolicy, policy.Pointer, "is longer than API Gateway's 8192-character limit");
            }
            if (api.GatewayResponses is { Unresolved: false } responses)
            {
                foreach (var pair in responses.Members())
                {
                    if (Array.IndexOf(ResponseTypes, pair.Key) < 0) bag.Add(DiagnosticCatalog.GatewayResponseType, pair.Value.Pointer, pair.Key);
                    if (pair.Value["statusCode"] is { Unresolved: false, Kind: not GatewayValueKind.Null } status && (status.Integer is not long code || code < 100 || code > 599))
                    {
                        bag.Add(DiagnosticCatalog.GatewayResponseStatus, status.Pointer, status.ToString(), pair.Key);
                    }
                }
            }
            if (api.ImportExportVersion is { Unresolved: false } iev && GatewayIntegrationInfo.Normalize(iev) != "1.0")
            {
                bag.Add(DiagnosticCatalog.GatewayInvalidValue, iev.Pointer, P + "importexport-version", iev.ToString(), "\"1.0\"");
            }
            if (api.SecurityPolicy is { Unresolved: false } sp && !OneOf(sp.Text, false, s_securityPolicies))
            {
                bag.Add(DiagnosticCatalog.GatewayInvalidValue, sp.Pointer, P + "security-policy", sp.ToString(), string.Join(", ", s_securityPolicies));
            }
            if (api.EndpointAccessMode is { Unresolved: false } eam && !OneOf(eam.Text, false, "BASIC", "STRICT"))
            {
                bag.Add(DiagnosticCatalog.GatewayInvalidValue, eam.Pointer, P + "endpoint-access-mode", eam.ToString(), "BASIC, STRICT");
            }
            if (api.Cors?["maxAge"] is { Unresolved: false } maxAge && (maxAge.Integer is not long age || age < -1 || age > 86400))
            {
                bag.Add(DiagnosticCatalog.GatewayInvalidValue, maxAge.Pointer, P + "cors maxAge", maxAge.ToString(), "an integer from -1 to 86400");
            }
            if (rest)
            {
                if (api.DefaultRequestValidator is { Unresolved: false } dv && dv.Text is string name && !api.RequestValidators.ContainsKey(name))
                {
                    bag.Add(DiagnosticCatalog.GatewayUnknownValidator, dv.Pointer, name, Defined(api));
                }
            }
        }

        private static void CheckEndpoints(GatewayApi api, DiagnosticBag bag, bool rest)
        {
            bool statedPrivate = api.EndpointType == "PRIVATE";
            bool isPrivate = rest && statedPrivate;
            string? privatePointer = statedPrivate ? string.Empty : null;
            foreach (var ec in api.EndpointConfigurations)
            {
                if (ec.VpcEndpointIds is { Unresolved: false } ids && ids.Items().Count > 0)
                {
                    if (!rest) bag.Add(DiagnosticCatalog.GatewayVpcEndpoints, ids.Pointer, "an HTTP API (HTTP APIs have no PRIVATE endpoint type)");
                    else if (api.EndpointType is string t && t != "PRIVATE") bag.Add(DiagnosticCatalog.GatewayVpcEndpoints, ids.Pointer, "a " + t + " API (EndpointType metadata)");
                    else if (api.EndpointType is null)
                    {
                        isPrivate = true;
                        privatePointer ??= ids.Pointer;
                    }
                    if (rest && statedPrivate) privatePointer = ids.Pointer;
                }
                if (ec.IpAddressType is { Unresolved: false } ip && !OneOf(ip.Text, true, "ipv4", "dualstack"))
                {
                    bag.Add(DiagnosticCatalog.GatewayInvalidValue, ip.Pointer, "ipAddressType", ip.ToString(), "ipv4, dualstack");
                }
                if (ec.DisableExecuteApiEndpoint is { Unresolved: false } d && d.Boolean is null)
                {
                    bag.Add(DiagnosticCatalog.GatewayInvalidValue, d.Pointer, "disableExecuteApiEndpoint", d.ToString(), "true, false");
                }
            }
            if (api.CertificateArn is string cert)
            {
                // Edge-optimized custom domains take their certificate from us-east-1 (CloudFront); Regional ones from the API's Region.
                var m = Regex.Match(cert, "^arn:aws[a-z-]*:acm:([a-z0-9-]+):");
                string endpoint = api.EndpointType ?? (rest ? "EDGE" : "REGIONAL");
                if (m.Success)
                {
                    string region = m.Groups[1].Value;
                    if (endpoint == "EDGE" && region != "us-east-1")
                    {
                        bag.Add(DiagnosticCatalog.GatewayCertificateRegion, string.Empty, cert, region, "an edge-optimized custom domain needs its ACM certificate in us-east-1");
                    }
                    else if (endpoint != "EDGE" && api.Region is string apiRegion && !string.Equals(region, apiRegion, StringComparison.Ordinal))
                    {
                        bag.Add(DiagnosticCatalog.GatewayCertificateRegion, string.Empty, cert, region, "a " + endpoint + " custom domain needs its ACM certificate in the API's Region " + apiRegion);
                    }
                }
            }
            if (isPrivate && api.Policy is null) bag.Add(DiagnosticCatalog.GatewayPrivateWithoutPolicy, privatePointer ?? string.Empty);
        }

        private static void CheckSchemes(GatewayApi api, DiagnosticBag bag, bool rest, string flavour)
        {
            foreach (var scheme in api.SecuritySchemes.Values)
            {
                if (rest && scheme.Type is string st && !string.Equals(st, "apiKey", StringComparison.OrdinalIgnoreCase))
                {
                    bag.Add(DiagnosticCatalog.GatewayRestSchemeIgnored, scheme.Value["type"]!.Pointer, st, scheme.Name);
                }
                var a = scheme.Authorizer;
                if (a is null || a.Value.Unresolved) continue;
                if (a.Value.Kind != GatewayValueKind.Object) continue;
                string[] allowed = rest ? new[] { "token", "request", "cognito_user_pools" } : new[] { "request", "jwt" };
                string? type = a.TypeName;
                if (a.Type is { Unresolved: true }) continue;
                if (type is null || Array.IndexOf(allowed, type) < 0)
                {
                    bag.Add(DiagnosticCatalog.GatewayAuthorizerType, a.Type?.Pointer ?? a.Pointer, type is null ? "(missing)" : "'" + a.Type!.Text + "'", flavour, string.Join(", ", allowed));
                    continue;
                }
                bool lambda = type == "token" || type == "request";
                if (lambda)
                {
                    if (a.AuthorizerUri is null) bag.Add(DiagnosticCatalog.GatewayAuthorizerField, a.Pointer, type, "authorizerUri (the Lambda invoke URI)");
                    else CheckLambdaUri(a.AuthorizerUri, bag, allowPlainArn: !rest);
                }
                if (type == "cognito_user_pools" && (a.ProviderArns is null || a.ProviderArns.Items().Count == 0))
                {
                    bag.Add(DiagnosticCatalog.GatewayAuthorizerField, a.Pointer, type, "providerARNs (the user pool ARNs)");
                }
                if (type == "jwt")
                {
                    bool oidc = string.Equals(scheme.Type, "openIdConnect", StringComparison.OrdinalIgnoreCase);
                    if (a.JwtConfiguration is null) bag.Add(DiagnosticCatalog.GatewayAuthorizerField, a.Pointer, type, "jwtConfiguration (issuer and audience)");
                    else if (!oidc && a.JwtConfiguration["issuer"] is null && !a.JwtConfiguration.Unresolved) bag.Add(DiagnosticCatalog.GatewayAuthorizerField, a.JwtConfiguration.Pointer, type, "jwtConfiguration.issuer (or an openIdConnect scheme)");
                }
                if (!rest && type == "request")
                {
                    if (a.PayloadFormatVersion is null) bag.Add(DiagnosticCatalog.GatewayAuthorizerField, a.Pointer, type, "authorizerPayloadFormatVersion (\"1.0\" or \"2.0\") in an HTTP API");
                    else if (!a.PayloadFormatVersion.Unresolved && !OneOf(GatewayIntegrationInfo.Normalize(a.PayloadFormatVersion), false, "1.0", "2.0"))
                    {
                        bag.Add(DiagnosticCatalog.GatewayInvalidValue, a.PayloadFormatVersion.Pointer, "authorizerPayloadFormatVersion", a.PayloadFormatVersion.ToString(), "\"1.0\", \"2.0\"");
                    }
                }
                if (a.ResultTtlInSeconds is { Unresolved: false } ttl && (ttl.Integer is not long seconds || seconds < 0 || seconds > 3600))
                {
                    bag.Add(DiagnosticCatalog.GatewayAuthorizerTtl, ttl.Pointer, ttl.ToString());
                }
                foreach (var source in a.IdentitySources())
                {
                    if (source.Unresolved || source.Text is null) continue;
                    string s = source.Text;
                    if (s.Length == 0 && type == "request") continue;
                    string? expected = IdentitySourceProblem(s, type, rest);
                    if (expected is not null) bag.Add(DiagnosticCatalog.GatewayIdentitySource, source.Pointer, s, type, rest ? "REST" : "HTTP", expected);
                }
            }
        }

        private static string? IdentitySourceProblem(string s, string type, bool rest)
        {
            const string name = @"[A-Za-z0-9!#$%&'*+.^_`|~-]+";
            if (rest)
            {
                if (type == "token" || type == "cognito_user_pools")
                {
                    return Regex.IsMatch(s, "^method\\.request\\.header\\." + name + "$") ? null : "one header, method.request.header.Name";
                }
                if (type == "request")
                {
                    return Regex.IsMatch(s, "^(method\\.request\\.(header|querystring)\\." + name + "|stageVariables\\.[A-Za-z0-9_]+|context\\.[A-Za-z0-9_.]+)$") ? null
                        : "method.request.header.Name, method.request.querystring.Name, stageVariables.Name or context.Name (comma-separated)";
                }
                return null;
            }
            return Regex.IsMatch(s, "^(\\$request\\.(header|querystring)\\." + name + "|\\$context\\.[A-Za-z0-9_.]+|\\$stageVariables\\.[A-Za-z0-9_]+)$") ? null
                : "$request.header.Name, $request.querystring.Name, $context.Name or $stageVariables.Name";
        }

        private static readonly string[] s_droppedKeywords = { "discriminator", "example", "exclusiveMinimum", "readOnly", "default" };

        /// <summary>Walks a model schema structurally (properties, items, compositions), so a property named like a keyword is not one.</summary>
        private static void CheckModelKeywords(GatewayValue schema, DiagnosticBag bag, int depth)
        {
            if (depth > 32 || schema.Kind != GatewayValueKind.Object || schema["$ref"] is not null) return;
            foreach (var keyword in s_droppedKeywords)
            {
                if (schema[keyword] is { } v) bag.Add(DiagnosticCatalog.GatewaySchemaKeyword, v.Pointer, "'" + keyword + "'");
            }
            if (schema["format"]?.Text is string format)
            {
                if (format == "decimal" || (format == "int32" || format == "int64") && schema["type"]?.Text == "number")
                {
                    bag.Add(DiagnosticCatalog.GatewaySchemaKeyword, schema["format"]!.Pointer, "format '" + format + "'" + (format == "decimal" ? string.Empty : " with type number"));
                }
            }
            foreach (var property in schema["properties"]?.Members() ?? Array.Empty<KeyValuePair<string, GatewayValue>>()) CheckModelKeywords(property.Value, bag, depth + 1);
            foreach (var key in new[] { "items", "additionalProperties", "not" })
            {
                if (schema[key] is { Kind: GatewayValueKind.Object } child) CheckModelKeywords(child, bag, depth + 1);
            }
            foreach (var key in new[] { "allOf", "anyOf", "oneOf" })
            {
                foreach (var item in schema[key]?.Items() ?? Array.Empty<GatewayValue>()) CheckModelKeywords(item, bag, depth + 1);
            }
        }

        private static void CheckRestResponses(GatewayApi api, GatewayOperationInfo op, DiagnosticBag bag)
        {
            foreach (var response in op.Responses?.Members() ?? Array.Empty<KeyValuePair<string, GatewayValue>>())
            {
                if (response.Value["$ref"] is { Text: string reference } refValue)
                {
                    bag.Add(DiagnosticCatalog.GatewayResponseRef, refValue.Pointer, reference);
                    continue;
                }
                var schemas = new List<GatewayValue>();
                if (api.IsSwagger2)
                {
                    if (response.Value["schema"] is { } s) schemas.Add(s);
                }
                else
                {
                    foreach (var media in response.Value["content"]?.Members() ?? Array.Empty<KeyValuePair<string, GatewayValue>>())
                    {
                        if (media.Key.IndexOf("json", StringComparison.OrdinalIgnoreCase) >= 0 && media.Value["schema"] is { } s) schemas.Add(s);
                    }
                }
                foreach (var schema in schemas)
                {
                    if (schema["$ref"] is null && schema["type"]?.Text is "string" or "integer" or "number" or "boolean")
                    {
                        bag.Add(DiagnosticCatalog.GatewayPrimitiveResponse, schema.Pointer, schema["type"]!.Text!, response.Key);
                    }
                }
            }
        }

        private static void CheckRestPath(string path, string pointer, DiagnosticBag bag)
        {
            if (path.Length == 0 || path[0] != '/')
            {
                bag.Add(DiagnosticCatalog.GatewayRestPath, pointer, path, "it must start with '/'");
                return;
            }
            var segments = path.Substring(1).Split('/');
            for (int i = 0; i < segments.Length; i++)
            {
                string seg = segments[i];
                if (seg.Length == 0)
                {
                    if (i == segments.Length - 1 && segments.Length == 1) return;
                    bag.Add(DiagnosticCatalog.GatewayRestPath, pointer, path, "it has an empty segment");
                    return;
                }
                if (!s_pathSegment.IsMatch(seg))
                {
                    bag.Add(DiagnosticCatalog.GatewayRestPath, pointer, path, "segment '" + seg + "' may only hold letters, digits, _ - . , : or be one whole {parameter}");
                    return;
                }
                if (seg.EndsWith("+}", StringComparison.Ordinal) && i != segments.Length - 1)
                {
                    bag.Add(DiagnosticCatalog.GatewayRestPath, pointer, path, "the greedy parameter '" + seg + "' must be the last segment");
                    return;
                }
            }
        }

        private static void CheckOperation(GatewayApi api, GatewayOperationInfo op, DiagnosticBag bag, bool rest, bool anyIntegration)
        {
            if (op.Security is { Unresolved: false } security)
            {
                var requirements = security.Items();
                if (!rest && requirements.Count > 1) bag.Add(DiagnosticCatalog.GatewayManyRequirements, security.Pointer, requirements.Count.ToString(CultureInfo.InvariantCulture) + " requirements");
                foreach (var requirement in requirements)
                {
                    var members = requirement.Members();
                    if (!rest && members.Count > 1) bag.Add(DiagnosticCatalog.GatewayManyRequirements, requirement.Pointer, "a requirement naming " + members.Count.ToString(CultureInfo.InvariantCulture) + " schemes");
                    foreach (var pair in members)
                    {
                        if (!api.SecuritySchemes.ContainsKey(pair.Key))
                        {
                            bag.Add(DiagnosticCatalog.GatewayUnknownScheme, pair.Value.Pointer, pair.Key, api.IsSwagger2 ? " under securityDefinitions" : " under components.securitySchemes");
                        }
                    }
                }
            }
            if (rest && op.RequestValidator is { Unresolved: false } rv && rv.Text is string name && !api.RequestValidators.ContainsKey(name))
            {
                bag.Add(DiagnosticCatalog.GatewayUnknownValidator, rv.Pointer, name, Defined(api));
            }
            if (op.Auth?["type"] is { Unresolved: false } auth && !OneOf(auth.Text, true, "NONE", "AWS_IAM"))
            {
                bag.Add(DiagnosticCatalog.GatewayInvalidValue, auth.Pointer, P + "auth type", auth.ToString(), "NONE, AWS_IAM");
            }
            if (op.IntegrationValue is { } iv)
            {
                if (iv["$ref"] is { } reference)
                {
                    if (op.Integration is null) bag.Add(DiagnosticCatalog.GatewayIntegrationRef, reference.Pointer, reference.ToString());
                }
                else if (op.Integration is not null)
                {
                    CheckIntegration(api, op.Integration, op, bag, rest);
                }
            }
            else if (rest && anyIntegration)
            {
                bag.Add(DiagnosticCatalog.GatewayNoIntegration, op.Pointer, op.Method, op.Path);
            }
        }

        private static void CheckIntegration(GatewayApi api, GatewayIntegrationInfo i, GatewayOperationInfo? op, DiagnosticBag bag, bool rest)
        {
            if (i.Value.Unresolved) return;
            foreach (var pair in i.Value.Members())
            {
                if (Array.IndexOf(GatewayIntegrationInfo.KnownKeys, pair.Key) < 0 && !pair.Key.StartsWith("x-", StringComparison.Ordinal))
                {
                    bag.Add(DiagnosticCatalog.GatewayUnknownIntegrationKey, pair.Value.Pointer, pair.Key, pair.Key == "integrationResponses" ? " (integration responses go under 'responses')" : string.Empty);
                }
                if (Array.IndexOf(s_noStageVariables, pair.Key) >= 0 && pair.Value.Node?.ToJsonString().IndexOf("stageVariables", StringComparison.Ordinal) >= 0)
                {
                    bag.Add(DiagnosticCatalog.GatewayStageVariablePlace, pair.Value.Pointer, "the integration's " + pair.Key, string.Empty);
                }
            }

            string? type = i.TypeName;
            string[] types = rest ? s_restTypes : s_httpTypes;
            if (i.Type is { Unresolved: true }) type = null;
            else if (type is null || Array.IndexOf(s_restTypes, type) < 0)
            {
                bag.Add(DiagnosticCatalog.GatewayIntegrationType, i.Type?.Pointer ?? i.Pointer, type is null ? "(missing)" : "'" + i.Type!.Text + "'", string.Join(", ", types));
                return;
            }
            else if (Array.IndexOf(types, type) < 0)
            {
                bag.Add(DiagnosticCatalog.GatewayIntegrationTypeIgnored, i.Type!.Pointer, i.Type.Text!);
                return;
            }

            bool lambda = false;
            string? subtype = i.IntegrationSubtype?.Text;
            if (type == "aws" || type == "aws_proxy")
            {
                var uri = i.Uri;
                bool needsUri = !(!rest && i.IntegrationSubtype is not null);
                if (uri is null)
                {
                    if (needsUri) bag.Add(DiagnosticCatalog.GatewayAwsUri, i.Pointer, string.Empty, "present: " + type + " integrations need a uri");
                }
                else if (!uri.Unresolved && uri.Text is string u)
                {
                    string s = Substitute(u);
                    lambda = s.Contains(":lambda:path/") || s.StartsWith("arn:", StringComparison.Ordinal) && s.Contains(":lambda:") && s.Contains(":function:");
                    if (type == "aws_proxy")
                    {
                        lambda = true;
                        CheckLambdaUri(uri, bag, allowPlainArn: !rest, allowStreaming: rest);
                    }
                    else if (lambda) CheckLambdaUri(uri, bag, allowPlainArn: false);
                    else if (!s_serviceUri.IsMatch(s)) bag.Add(DiagnosticCatalog.GatewayAwsUri, uri.Pointer, u, "an AWS service URI arn:aws:apigateway:{region}:{service}:action/{Action} or :path/{path}");
                }
                else if (uri.Unresolved) lambda = type == "aws_proxy" && i.IntegrationSubtype is null;
                if (lambda && i.HttpMethod is { Unresolved: false } hm && hm.Text is string method && !string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase))
                {
                    bag.Add(DiagnosticCatalog.GatewayLambdaMethod, hm.Pointer, method);
                }
            }
            else if (type == "http" || type == "http_proxy")
            {
                bool vpcLinkV2Http = !rest && string.Equals(i.ConnectionType?.Text, "VPC_LINK", StringComparison.OrdinalIgnoreCase);
                var uri = i.Uri;
                if (uri is null) bag.Add(DiagnosticCatalog.GatewayHttpUri, i.Pointer, string.Empty, type);
                else if (!uri.Unresolved && uri.Text is string u && !vpcLinkV2Http && !IsHttpUrl(u))
                {
                    bag.Add(DiagnosticCatalog.GatewayHttpUri, uri.Pointer, u, type);
                }
            }

            if (i.TimeoutInMillis is { Unresolved: false } timeout && timeout.Kind != GatewayValueKind.Null)
            {
                long max = rest ? 29000 : 30000;
                if (timeout.Integer is not long ms || ms < 50 || ms > (rest ? 300000 : max))
                {
                    bag.Add(DiagnosticCatalog.GatewayTimeout, timeout.Pointer, timeout.ToString(), rest ? "50..29000 ms (up to 300000 with a quota increase)" : "50..30000 ms");
                }
                else if (rest && ms > max)
                {
                    bag.Add(DiagnosticCatalog.GatewayTimeoutQuota, timeout.Pointer, timeout.ToString());
                }
            }

            if (i.ConnectionType is { Unresolved: false } ct)
            {
                if (!OneOf(ct.Text, true, "INTERNET", "VPC_LINK")) bag.Add(DiagnosticCatalog.GatewayInvalidValue, ct.Pointer, "connectionType", ct.ToString(), "INTERNET, VPC_LINK");
                else if (string.Equals(ct.Text, "VPC_LINK", StringComparison.OrdinalIgnoreCase) && i.ConnectionId is null) bag.Add(DiagnosticCatalog.GatewayVpcLinkId, ct.Pointer);
            }
            if (i.PassthroughBehavior is { Unresolved: false } pb && !OneOf(pb.Text, true, "when_no_match", "when_no_templates", "never"))
            {
                bag.Add(DiagnosticCatalog.GatewayInvalidValue, pb.Pointer, "passthroughBehavior", pb.ToString(), "when_no_match, when_no_templates, never");
            }
            CheckContentHandling(i.ContentHandling, bag);
            foreach (var response in i.Responses?.Members() ?? Array.Empty<KeyValuePair<string, GatewayValue>>())
            {
                CheckContentHandling(response.Value["contentHandling"], bag);
                if (rest && op is not null && type is "aws" or "http" or "mock" && response.Value["statusCode"] is { Unresolved: false } sc && sc.Text is string code && !op.ResponseCodes.Contains(code))
                {
                    bag.Add(DiagnosticCatalog.GatewayResponseStatusUndeclared, sc.Pointer, code);
                }
            }
            if (i.ResponseTransferMode is { Unresolved: false } rtm)
            {
                if (!OneOf(rtm.Text, true, "BUFFERED", "STREAM")) bag.Add(DiagnosticCatalog.GatewayInvalidValue, rtm.Pointer, "responseTransferMode", rtm.ToString(), "BUFFERED, STREAM");
                else if (string.Equals(rtm.Text, "STREAM", StringComparison.OrdinalIgnoreCase) && type is not null && type != "aws_proxy" && type != "http_proxy")
                {
                    bag.Add(DiagnosticCatalog.GatewayStreaming, rtm.Pointer, type);
                }
            }

            if (!rest)
            {
                var pfv = i.PayloadFormatVersion;
                if (pfv is null) bag.Add(DiagnosticCatalog.GatewayPayloadFormat, i.Pointer, "HTTP API integrations require payloadFormatVersion (\"1.0\", or \"2.0\" for Lambda proxy)");
                else if (!pfv.Unresolved)
                {
                    string? v = i.PayloadFormat;
                    if (v != "1.0" && v != "2.0") bag.Add(DiagnosticCatalog.GatewayPayloadFormat, pfv.Pointer, "payloadFormatVersion '" + pfv + "' is neither \"1.0\" nor \"2.0\"");
                    else if (v == "2.0" && (type == "http_proxy" || subtype is not null)) bag.Add(DiagnosticCatalog.GatewayPayloadFormat, pfv.Pointer, "payloadFormatVersion 2.0 applies only to Lambda proxy integrations; this one needs \"1.0\"");
                }
                if (i.IntegrationSubtype is { Unresolved: false } ist && subtype is not null)
                {
                    if (!s_subtypes.TryGetValue(subtype, out var required))
                    {
                        bag.Add(DiagnosticCatalog.GatewaySubtype, ist.Pointer, "'" + subtype + "' is not an integrationSubtype; expected one of " + string.Join(", ", s_subtypes.Keys));
                    }
                    else
                    {
                        var parameters = i.RequestParameters;
                        if (parameters is null || !parameters.Unresolved)
                        {
                            var missing = required.Where(r => parameters?[r] is null).ToList();
                            if (missing.Count > 0) bag.Add(DiagnosticCatalog.GatewaySubtype, parameters?.Pointer ?? ist.Pointer, subtype + " needs requestParameters " + string.Join(", ", missing));
                        }
                        if (i.Credentials is null) bag.Add(DiagnosticCatalog.GatewaySubtype, ist.Pointer, subtype + " needs credentials: the role API Gateway assumes to call the service");
                    }
                }
            }

            if (rest && op is not null && i.CacheKeyParameters is { Unresolved: false } keys)
            {
                foreach (var key in keys.Items())
                {
                    if (key.Unresolved || key.Text is null) continue;
                    var m = s_cacheKey.Match(key.Text);
                    if (!m.Success)
                    {
                        bag.Add(DiagnosticCatalog.GatewayCacheKey, key.Pointer, key.Text, "is not method.request.{path|querystring|header}.name");
                        continue;
                    }
                    string location = m.Groups[1].Value switch { "path" => "path", "header" or "multivalueheader" => "header", _ => "query" };
                    string pname = m.Groups[2].Value;
                    bool declared = op.Parameters.Any(p => p.Key == location && (location == "header" ? string.Equals(p.Value, pname, StringComparison.OrdinalIgnoreCase) : p.Value == pname))
                        || location == "path" && op.Path.Contains("{" + pname + "}") || location == "path" && op.Path.Contains("{" + pname + "+}");
                    if (!declared) bag.Add(DiagnosticCatalog.GatewayCacheKey, key.Pointer, key.Text, "names no " + location + " parameter the operation declares");
                }
            }

            if (rest && i.RequestParameters is { Unresolved: false } rp)
            {
                foreach (var pair in rp.Members())
                {
                    if (pair.Value.Text is string value && value.IndexOf("${stageVariables", StringComparison.Ordinal) >= 0)
                    {
                        bag.Add(DiagnosticCatalog.GatewayStageVariablePlace, pair.Value.Pointer, "the ${...} form inside REST requestParameters", "; write stageVariables.name (no $, no braces)");
                    }
                }
            }
            CheckStageVariableSyntax(i.Value, bag, 0);
        }

        private static void CheckContentHandling(GatewayValue? value, DiagnosticBag bag)
        {
            if (value is { Unresolved: false } ch && !OneOf(ch.Text, false, "CONVERT_TO_TEXT", "CONVERT_TO_BINARY"))
            {
                bag.Add(DiagnosticCatalog.GatewayInvalidValue, ch.Pointer, "contentHandling", ch.ToString(), "CONVERT_TO_TEXT, CONVERT_TO_BINARY");
            }
        }

        private static void CheckLambdaUri(GatewayValue uri, DiagnosticBag bag, bool allowPlainArn, bool allowStreaming = false)
        {
            if (uri.Unresolved || uri.Text is null)
            {
                return;
            }
            string s = Substitute(uri.Text);
            if (s_lambdaUri.IsMatch(s) || allowStreaming && s_streamingUri.IsMatch(s) || allowPlainArn && (s_lambdaArn.IsMatch(s) || s.StartsWith("arn:", StringComparison.Ordinal) && s.Contains(":lambda:") && s.Contains(":function:placeholder")))
            {
                CheckStageVariableSyntax(uri, bag, 0);
                return;
            }
            bag.Add(DiagnosticCatalog.GatewayAwsUri, uri.Pointer, uri.Text, "a Lambda invoke URI arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function-arn}/invocations"
                + (allowPlainArn ? " or a function ARN" : string.Empty));
        }

        private static void CheckStageVariableSyntax(GatewayValue value, DiagnosticBag bag, int depth)
        {
            if (depth > 16) return;
            if (value.Kind == GatewayValueKind.String)
            {
                foreach (Match m in s_stageVariableRef.Matches(value.Text!))
                {
                    if (!m.Groups[1].Success || !s_stageVariableName.IsMatch(m.Groups[1].Value))
                    {
                        bag.Add(DiagnosticCatalog.GatewayStageVariableSyntax, value.Pointer, m.Value, "${stageVariables.name}");
                    }
                }
                return;
            }
            foreach (var item in value.Kind == GatewayValueKind.Array ? value.Items() : value.Members().Select(p => p.Value).ToList())
            {
                CheckStageVariableSyntax(item, bag, depth + 1);
            }
        }

        /// <summary>Stands in for import-time variables, stage variables and CloudFormation substitutions, so a URI's shape can be checked.</summary>
        private static string Substitute(string text)
        {
            if (text.IndexOf("${", StringComparison.Ordinal) < 0) return text;
            return s_placeholder.Replace(text, m => m.Value switch
            {
                "${AWS::Partition}" => "aws",
                "${AWS::Region}" => "us-east-1",
                "${AWS::AccountId}" => "123456789012",
                _ when m.Value.StartsWith("${stageVariables.", StringComparison.Ordinal) => "stagevariable",
                _ => "placeholder",
            });
        }

        private static bool IsHttpUrl(string text)
        {
            string s = Regex.Replace(Substitute(text), @"\{[^}]*\}", "x");
            return System.Uri.TryCreate(s, UriKind.Absolute, out var uri) && (uri.Scheme == "http" || uri.Scheme == "https") && uri.Host.Length > 0;
        }

        private static bool OneOf(string? text, bool ignoreCase, params string[] allowed)
        {
            if (text is null) return false;
            foreach (var a in allowed)
            {
                if (string.Equals(text, a, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)) return true;
            }
            return false;
        }

        private static string Defined(GatewayApi api)
            => api.RequestValidators.Count == 0 ? " (the document defines none)" : " (" + string.Join(", ", api.RequestValidators.Keys.Select(k => "'" + k + "'")) + ")";
    }
}
