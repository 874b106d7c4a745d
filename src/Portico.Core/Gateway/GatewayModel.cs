using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Portico.CodeGeneration.Gateway
{
    /// <summary>Which API Gateway product a document is meant for.</summary>
    public enum GatewayApiType
    {
        /// <summary>REST API (API Gateway v1): VTL, validators, API keys, caching, resource policies.</summary>
        Rest,

        /// <summary>HTTP API (API Gateway v2): proxy integrations only, JWT authorizers, CORS.</summary>
        Http,
    }

    /// <summary>Every <c>x-amazon-apigateway-*</c> extension of one document, as written, each value with its JSON pointer.</summary>
    public sealed class GatewayApi
    {
        internal GatewayApi(JsonObject root) => Root = root;

        internal JsonObject Root { get; }

        /// <summary>"2.0", "3.0" or "3.1".</summary>
        public string OpenApiVersion { get; internal set; } = "3.0";

        public bool IsSwagger2 => OpenApiVersion == "2.0";

        public GatewayApiType ApiType { get; internal set; }

        /// <summary>True when <see cref="ApiType"/> came from the OpenApiSpec metadata rather than from the document.</summary>
        public bool ApiTypeStated { get; internal set; }

        /// <summary>An ApiType from the OpenApiSpec metadata that is neither rest nor http (the type is then inferred), or null.</summary>
        public string? UnknownApiType { get; internal set; }

        /// <summary>An EndpointType from the OpenApiSpec metadata that is not EDGE, REGIONAL or PRIVATE (it is then ignored), or null.</summary>
        public string? UnknownEndpointType { get; internal set; }

        /// <summary>Endpoint type from the OpenApiSpec metadata (EDGE, REGIONAL, PRIVATE), or null when not stated.</summary>
        public string? EndpointType { get; internal set; }

        /// <summary>AWS Region from the OpenApiSpec metadata, or null.</summary>
        public string? Region { get; internal set; }

        /// <summary>The custom domain's ACM certificate ARN from the OpenApiSpec metadata, or null.</summary>
        public string? CertificateArn { get; internal set; }

        /// <summary>The document uses at least one <c>x-amazon-apigateway-*</c> extension.</summary>
        public bool UsesExtensions => Extensions.Count > 0;

        /// <summary>Every extension occurrence: its name and where it is.</summary>
        public List<GatewayValueAt> Extensions { get; } = new List<GatewayValueAt>();

        public List<GatewayOperationInfo> Operations { get; } = new List<GatewayOperationInfo>();

        public Dictionary<string, GatewaySecurityScheme> SecuritySchemes { get; } = new Dictionary<string, GatewaySecurityScheme>(StringComparer.Ordinal);

        /// <summary><c>x-amazon-apigateway-request-validators</c>: name → validator.</summary>
        public Dictionary<string, GatewayRequestValidatorInfo> RequestValidators { get; } = new Dictionary<string, GatewayRequestValidatorInfo>(StringComparer.Ordinal);

        public GatewayValue? RequestValidatorsValue { get; internal set; }

        /// <summary>Root <c>x-amazon-apigateway-request-validator</c>: the API's default validator.</summary>
        public GatewayValue? DefaultRequestValidator { get; internal set; }

        /// <summary><c>components.x-amazon-apigateway-integrations</c> (HTTP APIs): name → integration.</summary>
        public Dictionary<string, GatewayIntegrationInfo> ReusableIntegrations { get; } = new Dictionary<string, GatewayIntegrationInfo>(StringComparer.Ordinal);

        public GatewayValue? ApiKeySource { get; internal set; }
        public GatewayValue? BinaryMediaTypes { get; internal set; }
        public GatewayValue? MinimumCompressionSize { get; internal set; }
        public GatewayValue? Policy { get; internal set; }
        public GatewayValue? Documentation { get; internal set; }
        public GatewayValue? GatewayResponses { get; internal set; }
        public GatewayValue? Cors { get; internal set; }
        public GatewayValue? ImportExportVersion { get; internal set; }
        public GatewayValue? SecurityPolicy { get; internal set; }
        public GatewayValue? EndpointAccessMode { get; internal set; }

        /// <summary>Root <c>security</c>.</summary>
        public GatewayValue? RootSecurity { get; internal set; }

        /// <summary><c>x-amazon-apigateway-endpoint-configuration</c> of each server (OpenAPI 3) or of the root (Swagger 2.0).</summary>
        public List<GatewayEndpointConfiguration> EndpointConfigurations { get; } = new List<GatewayEndpointConfiguration>();

        /// <summary><c>x-amazon-apigateway-tag-value</c> of root tags: tag name → value.</summary>
        public List<KeyValuePair<string, GatewayValue>> TagValues { get; } = new List<KeyValuePair<string, GatewayValue>>();

        /// <summary>The named models: OpenAPI 3 <c>components.schemas</c> or Swagger 2.0 <c>definitions</c>.</summary>
        public GatewayValue? Models { get; internal set; }

        /// <summary>Model names (OpenAPI 3 <c>components.schemas</c>, Swagger 2.0 <c>definitions</c>) with their pointers.</summary>
        public List<KeyValuePair<string, string>> ModelNames { get; } = new List<KeyValuePair<string, string>>();

        /// <summary>Path keys with their pointers.</summary>
        public List<KeyValuePair<string, string>> Paths { get; } = new List<KeyValuePair<string, string>>();
    }

    /// <summary>A named value: an extension key and its value.</summary>
    public sealed class GatewayValueAt
    {
        public GatewayValueAt(string name, GatewayValue value)
        {
            Name = name;
            Value = value;
        }

        public string Name { get; }
        public GatewayValue Value { get; }
    }

    /// <summary>One method of a path (or the path's <c>x-amazon-apigateway-any-method</c>).</summary>
    public sealed class GatewayOperationInfo
    {
        public GatewayOperationInfo(string path, string method, string pointer)
        {
            Path = path;
            Method = method;
            Pointer = pointer;
        }

        public string Path { get; }

        /// <summary>Upper-case HTTP method, or <c>ANY</c>.</summary>
        public string Method { get; }

        public string Pointer { get; }
        public string? OperationId { get; internal set; }

        /// <summary>The integration, with a <c>$ref</c> to a reusable integration already followed.</summary>
        public GatewayIntegrationInfo? Integration { get; internal set; }

        /// <summary>The operation's <c>x-amazon-apigateway-integration</c> as written (may be a <c>$ref</c>).</summary>
        public GatewayValue? IntegrationValue { get; internal set; }

        public GatewayValue? Auth { get; internal set; }
        public GatewayValue? RequestValidator { get; internal set; }
        public GatewayValue? Security { get; internal set; }
        public GatewayValue? IsDefaultRoute { get; internal set; }

        /// <summary>Declared parameters as (location, name): path, query, header, cookie.</summary>
        public List<KeyValuePair<string, string>> Parameters { get; } = new List<KeyValuePair<string, string>>();

        /// <summary>Declared response status keys (<c>200</c>, <c>4XX</c>, <c>default</c>).</summary>
        public HashSet<string> ResponseCodes { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        public bool HasResponses => Responses is not null;

        /// <summary>The operation's <c>responses</c> as written.</summary>
        public GatewayValue? Responses { get; internal set; }
    }

    /// <summary><c>x-amazon-apigateway-integration</c>.</summary>
    public sealed class GatewayIntegrationInfo
    {
        public GatewayIntegrationInfo(GatewayValue value) => Value = value;

        /// <summary>The integration object itself.</summary>
        public GatewayValue Value { get; }

        public string Pointer => Value.Pointer;

        public GatewayValue? Type => Value["type"];
        public GatewayValue? Uri => Value["uri"];
        public GatewayValue? HttpMethod => Value["httpMethod"];
        public GatewayValue? Credentials => Value["credentials"];
        public GatewayValue? ConnectionType => Value["connectionType"];
        public GatewayValue? ConnectionId => Value["connectionId"];
        public GatewayValue? IntegrationTarget => Value["integrationTarget"];
        public GatewayValue? RequestParameters => Value["requestParameters"];
        public GatewayValue? RequestTemplates => Value["requestTemplates"];
        public GatewayValue? Responses => Value["responses"];
        public GatewayValue? PassthroughBehavior => Value["passthroughBehavior"];
        public GatewayValue? ContentHandling => Value["contentHandling"];
        public GatewayValue? TimeoutInMillis => Value["timeoutInMillis"];
        public GatewayValue? CacheNamespace => Value["cacheNamespace"];
        public GatewayValue? CacheKeyParameters => Value["cacheKeyParameters"];
        public GatewayValue? PayloadFormatVersion => Value["payloadFormatVersion"];
        public GatewayValue? IntegrationSubtype => Value["integrationSubtype"];
        public GatewayValue? TlsConfig => Value["tlsConfig"];
        public GatewayValue? ResponseParameters => Value["responseParameters"];
        public GatewayValue? ResponseTransferMode => Value["responseTransferMode"];

        /// <summary>The lower-case integration type, or null when absent or unresolved.</summary>
        public string? TypeName => Type?.Text?.Trim().ToLowerInvariant();

        /// <summary>The payload format version as a string (<c>1.0</c> written as a number reads as "1.0").</summary>
        public string? PayloadFormat => Normalize(PayloadFormatVersion);

        internal static string? Normalize(GatewayValue? v)
        {
            if (v?.Text is null) return null;
            string t = v.Text.Trim();
            return v.Kind == GatewayValueKind.Number && t.IndexOf('.') < 0 ? t + ".0" : t;
        }

        public static readonly string[] KnownKeys =
        {
            "type", "uri", "httpMethod", "credentials", "connectionType", "connectionId", "integrationTarget", "requestParameters",
            "requestTemplates", "responses", "passthroughBehavior", "contentHandling", "timeoutInMillis", "cacheNamespace",
            "cacheKeyParameters", "payloadFormatVersion", "integrationSubtype", "tlsConfig", "responseParameters", "responseTransferMode",
            "description",
        };
    }

    /// <summary>A security scheme and its API Gateway extensions.</summary>
    public sealed class GatewaySecurityScheme
    {
        public GatewaySecurityScheme(string name, GatewayValue value)
        {
            Name = name;
            Value = value;
        }

        public string Name { get; }
        public GatewayValue Value { get; }
        public string Pointer => Value.Pointer;
        public string? Type => Value["type"]?.Text;
        public string? In => Value["in"]?.Text;
        public string? ParameterName => Value["name"]?.Text;
        public GatewayValue? AuthType => Value["x-amazon-apigateway-authtype"];
        public GatewayAuthorizerInfo? Authorizer => Value["x-amazon-apigateway-authorizer"] is { } a ? new GatewayAuthorizerInfo(a) : null;

        /// <summary>The scheme is IAM (SigV4) authorization.</summary>
        public bool IsIam => AuthType?.Text is string t && t.StartsWith("aws", StringComparison.OrdinalIgnoreCase);

        /// <summary>The scheme is a plain API key in the <c>x-api-key</c> header (REST: the method requires a key).</summary>
        public bool IsApiKey => string.Equals(Type, "apiKey", StringComparison.OrdinalIgnoreCase) && Authorizer is null && AuthType is null
            && string.Equals(In, "header", StringComparison.OrdinalIgnoreCase) && string.Equals(ParameterName, "x-api-key", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary><c>x-amazon-apigateway-authorizer</c>.</summary>
    public sealed class GatewayAuthorizerInfo
    {
        public GatewayAuthorizerInfo(GatewayValue value) => Value = value;

        public GatewayValue Value { get; }
        public string Pointer => Value.Pointer;
        public GatewayValue? Type => Value["type"];
        public GatewayValue? AuthorizerUri => Value["authorizerUri"];
        public GatewayValue? AuthorizerCredentials => Value["authorizerCredentials"];
        public GatewayValue? IdentitySource => Value["identitySource"];
        public GatewayValue? IdentityValidationExpression => Value["identityValidationExpression"];
        public GatewayValue? ResultTtlInSeconds => Value["authorizerResultTtlInSeconds"];
        public GatewayValue? ProviderArns => Value["providerARNs"];
        public GatewayValue? PayloadFormatVersion => Value["authorizerPayloadFormatVersion"];
        public GatewayValue? EnableSimpleResponses => Value["enableSimpleResponses"];
        public GatewayValue? JwtConfiguration => Value["jwtConfiguration"];

        public string? TypeName => Type?.Text?.Trim().ToLowerInvariant();

        /// <summary>The identity sources: a comma-separated string or (as SAM writes for HTTP APIs) an array.</summary>
        public List<GatewayValue> IdentitySources()
        {
            var list = new List<GatewayValue>();
            var v = IdentitySource;
            if (v is null) return list;
            foreach (var item in v.Items())
            {
                if (item.Text is null) { list.Add(item); continue; }
                foreach (var part in item.Text.Split(','))
                {
                    list.Add(GatewayValue.At(item.Pointer, JsonValue.Create(part.Trim())));
                }
            }
            return list;
        }
    }

    /// <summary>An entry of <c>x-amazon-apigateway-request-validators</c>.</summary>
    public sealed class GatewayRequestValidatorInfo
    {
        public GatewayRequestValidatorInfo(string name, GatewayValue value)
        {
            Name = name;
            Value = value;
        }

        public string Name { get; }
        public GatewayValue Value { get; }
        public bool ValidatesBody => Value["validateRequestBody"]?.Boolean ?? false;
        public bool ValidatesParameters => Value["validateRequestParameters"]?.Boolean ?? false;
    }

    /// <summary><c>x-amazon-apigateway-endpoint-configuration</c>.</summary>
    public sealed class GatewayEndpointConfiguration
    {
        public GatewayEndpointConfiguration(GatewayValue value) => Value = value;

        public GatewayValue Value { get; }
        public GatewayValue? DisableExecuteApiEndpoint => Value["disableExecuteApiEndpoint"];
        public GatewayValue? VpcEndpointIds => Value["vpcEndpointIds"];
        public GatewayValue? IpAddressType => Value["ipAddressType"];
    }
}
