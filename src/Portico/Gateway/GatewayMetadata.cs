using System;
using System.Collections.Generic;

namespace Portico.Gateway
{
    /// <summary>Which API Gateway product the document describes.</summary>
    public enum GatewayApiType
    {
        /// <summary>REST API (API Gateway v1).</summary>
        Rest,

        /// <summary>HTTP API (API Gateway v2).</summary>
        Http,
    }

    /// <summary>How API Gateway authorizes calls to a method (REST <c>authorizationType</c>, HTTP route <c>authorizationType</c>).</summary>
    public enum GatewayAuthorizationType
    {
        /// <summary>Open: no authorization.</summary>
        None,

        /// <summary>IAM: requests are signed with SigV4 for the <c>execute-api</c> service.</summary>
        AwsIam,

        /// <summary>A Lambda authorizer (TOKEN or REQUEST).</summary>
        Custom,

        /// <summary>An Amazon Cognito user pool authorizer (REST).</summary>
        CognitoUserPools,

        /// <summary>A JWT authorizer (HTTP APIs).</summary>
        Jwt,
    }

    /// <summary>An operation's <c>x-amazon-apigateway-integration</c>: where API Gateway sends the request.</summary>
    public sealed class GatewayIntegration
    {
        /// <summary>Creates the metadata of one integration (generated code calls this).</summary>
        public GatewayIntegration(string type, string? uri, string? httpMethod, int? timeoutInMillis, string connectionType, string? payloadFormatVersion, string? integrationSubtype, IReadOnlyList<string>? cacheKeyParameters, string? cacheNamespace)
        {
            Type = type ?? throw new ArgumentNullException(nameof(type));
            Uri = uri;
            HttpMethod = httpMethod;
            TimeoutInMillis = timeoutInMillis;
            ConnectionType = connectionType ?? "INTERNET";
            PayloadFormatVersion = payloadFormatVersion;
            IntegrationSubtype = integrationSubtype;
            CacheKeyParameters = cacheKeyParameters ?? Array.Empty<string>();
            CacheNamespace = cacheNamespace;
        }

        /// <summary>Lower case: <c>aws</c>, <c>aws_proxy</c>, <c>http</c>, <c>http_proxy</c> or <c>mock</c>.</summary>
        public string Type { get; }

        /// <summary>The backend URI as written, or null when absent or a CloudFormation intrinsic.</summary>
        public string? Uri { get; }

        /// <summary>The method API Gateway uses towards the backend.</summary>
        public string? HttpMethod { get; }

        /// <summary>The integration timeout; null when the document leaves API Gateway's default.</summary>
        public int? TimeoutInMillis { get; }

        /// <summary><c>INTERNET</c> or <c>VPC_LINK</c>.</summary>
        public string ConnectionType { get; }

        /// <summary>HTTP APIs: <c>1.0</c> or <c>2.0</c>.</summary>
        public string? PayloadFormatVersion { get; }

        /// <summary>HTTP APIs: the first-class AWS service action (<c>SQS-SendMessage</c>...).</summary>
        public string? IntegrationSubtype { get; }

        /// <summary>REST: method request parameters added to the cache key (<c>method.request.path.id</c>...).</summary>
        public IReadOnlyList<string> CacheKeyParameters { get; }

        /// <summary>REST: the cache namespace, or null for the resource's own.</summary>
        public string? CacheNamespace { get; }

        /// <summary>A Lambda proxy integration (<c>aws_proxy</c> without a service subtype).</summary>
        public bool IsLambdaProxy => Type == "aws_proxy" && IntegrationSubtype is null;
    }

    /// <summary>The authorizer an operation's security names (<c>x-amazon-apigateway-authorizer</c>).</summary>
    public sealed class GatewayAuthorizer
    {
        /// <summary>Creates the metadata of one authorizer (generated code calls this).</summary>
        public GatewayAuthorizer(string name, string type, IReadOnlyList<string>? identitySource, int? resultTtlInSeconds)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Type = type ?? throw new ArgumentNullException(nameof(type));
            IdentitySource = identitySource ?? Array.Empty<string>();
            ResultTtlInSeconds = resultTtlInSeconds;
        }

        /// <summary>The security scheme's name.</summary>
        public string Name { get; }

        /// <summary>Lower case: <c>token</c>, <c>request</c>, <c>cognito_user_pools</c> or <c>jwt</c>.</summary>
        public string Type { get; }

        /// <summary>Where the caller's identity is read (<c>method.request.header.Authorization</c>, <c>$request.header.Authorization</c>...).</summary>
        public IReadOnlyList<string> IdentitySource { get; }

        /// <summary>How long API Gateway caches the authorizer's answer; null for the default.</summary>
        public int? ResultTtlInSeconds { get; }
    }

    /// <summary>The REST request validator that applies to an operation.</summary>
    public sealed class GatewayRequestValidator
    {
        /// <summary>Creates the metadata of one request validator (generated code calls this).</summary>
        public GatewayRequestValidator(string name, bool validatesBody, bool validatesParameters)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            ValidatesBody = validatesBody;
            ValidatesParameters = validatesParameters;
        }

        /// <summary>The validator's name (a key of x-amazon-apigateway-request-validators).</summary>
        public string Name { get; }

        /// <summary>API Gateway checks the body against the operation's model before calling the integration.</summary>
        public bool ValidatesBody { get; }

        /// <summary>API Gateway checks that required query strings and headers are present and non-empty.</summary>
        public bool ValidatesParameters { get; }
    }

    /// <summary>What API Gateway does with one operation: integration, authorization, API key, validation.</summary>
    public sealed class GatewayOperation
    {
        /// <summary>Creates the metadata of one operation (generated code calls this).</summary>
        public GatewayOperation(string? operationId, string method, string path, GatewayAuthorizationType authorizationType, bool apiKeyRequired, GatewayIntegration? integration, GatewayAuthorizer? authorizer, GatewayRequestValidator? requestValidator, IReadOnlyList<string>? authorizationScopes)
        {
            OperationId = operationId;
            Method = method ?? throw new ArgumentNullException(nameof(method));
            Path = path ?? throw new ArgumentNullException(nameof(path));
            AuthorizationType = authorizationType;
            ApiKeyRequired = apiKeyRequired;
            Integration = integration;
            Authorizer = authorizer;
            RequestValidator = requestValidator;
            AuthorizationScopes = authorizationScopes ?? Array.Empty<string>();
        }

        /// <summary>The document's operationId, when it has one.</summary>
        public string? OperationId { get; }

        /// <summary>Upper case HTTP method, or <c>ANY</c> for <c>x-amazon-apigateway-any-method</c>.</summary>
        public string Method { get; }

        /// <summary>The path template as written in the document.</summary>
        public string Path { get; }

        /// <summary>How API Gateway authorizes calls.</summary>
        public GatewayAuthorizationType AuthorizationType { get; }

        /// <summary>REST: callers must send an API key (<c>x-api-key</c>).</summary>
        public bool ApiKeyRequired { get; }

        /// <summary>The integration, or null when the document gives none.</summary>
        public GatewayIntegration? Integration { get; }

        /// <summary>The authorizer of the operation's security requirement, if any.</summary>
        public GatewayAuthorizer? Authorizer { get; }

        /// <summary>The REST request validator in force (the operation's, else the API default), if any.</summary>
        public GatewayRequestValidator? RequestValidator { get; }

        /// <summary>Scopes the operation's security requirement asks for (Cognito or JWT).</summary>
        public IReadOnlyList<string> AuthorizationScopes { get; }

        /// <summary>Whether this entry serves a request with the given method and path template.</summary>
        public bool Matches(string method, string path)
            => string.Equals(Path, path, StringComparison.Ordinal)
               && (string.Equals(Method, method, StringComparison.OrdinalIgnoreCase) || Method == "ANY");
    }
}
