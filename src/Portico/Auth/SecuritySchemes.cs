using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Portico.Auth
{
    /// <summary>The kinds of security scheme API Gateway fronts.</summary>
    public enum SecuritySchemeKind
    {
        /// <summary><c>type: apiKey</c> (API Gateway's <c>x-api-key</c> header among others).</summary>
        ApiKey,
        /// <summary><c>type: http, scheme: bearer</c> (Cognito ID/access tokens, any JWT); also <c>openIdConnect</c>.</summary>
        Bearer,
        /// <summary><c>type: http, scheme: basic</c>.</summary>
        Basic,
        /// <summary><c>type: oauth2</c> with the client credentials flow: a token is fetched, cached and refreshed.</summary>
        OAuth2ClientCredentials,
        /// <summary><c>x-amazon-apigateway-authtype: awsSigv4</c>: AWS Signature Version 4 for <c>execute-api</c>.</summary>
        AwsSigV4,
        /// <summary>A Lambda authorizer (<c>x-amazon-apigateway-authorizer</c> of type token/request): a token in the header its identity source names.</summary>
        LambdaAuthorizer,
    }

    /// <summary>Where an API key travels.</summary>
    public enum ApiKeyLocation
    {
        /// <summary>A request header.</summary>
        Header,
        /// <summary>A query parameter.</summary>
        Query,
        /// <summary>A cookie.</summary>
        Cookie,
    }

    /// <summary>A security scheme as the document declares it (generated code emits these as static data).</summary>
    public sealed class SecuritySchemeInfo
    {
        /// <summary>Creates a scheme description.</summary>
        public SecuritySchemeInfo(string name, SecuritySchemeKind kind, string? parameterName = null, ApiKeyLocation location = ApiKeyLocation.Header, string? tokenUrl = null)
        {
            Name = name;
            Kind = kind;
            ParameterName = parameterName;
            Location = location;
            TokenUrl = tokenUrl;
        }

        /// <summary>The scheme's key in <c>components.securitySchemes</c>.</summary>
        public string Name { get; }
        /// <summary>What kind of credential it takes.</summary>
        public SecuritySchemeKind Kind { get; }
        /// <summary>The header, query or cookie name (API keys, Lambda authorizer tokens).</summary>
        public string? ParameterName { get; }
        /// <summary>Where an API key goes.</summary>
        public ApiKeyLocation Location { get; }
        /// <summary>The token endpoint of an OAuth2 client-credentials flow.</summary>
        public string? TokenUrl { get; }
    }

    /// <summary>
    /// The credentials a client holds, by kind (and optionally by scheme name). Nothing here is ever written to a log
    /// or an exception message.
    /// </summary>
    public sealed class PorticoCredentials
    {
        /// <summary>The API key for every apiKey scheme (API Gateway: the usage plan key).</summary>
        public string? ApiKey { get; set; }

        /// <summary>API keys by scheme name, when a document has several.</summary>
        public IDictionary<string, string> ApiKeys { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Supplies bearer tokens (Cognito, any JWT, OpenID Connect); called per request, so it may refresh.</summary>
        public Func<CancellationToken, ValueTask<string>>? BearerTokenProvider { get; set; }

        /// <summary>User name and password for HTTP basic.</summary>
        public (string User, string Password)? Basic { get; set; }

        /// <summary>The client id of the OAuth2 client-credentials flow.</summary>
        public string? ClientId { get; set; }

        /// <summary>The client secret of the OAuth2 client-credentials flow.</summary>
        public string? ClientSecret { get; set; }

        /// <summary>Scopes to ask for in the client-credentials flow.</summary>
        public IList<string> Scopes { get; } = new List<string>();

        /// <summary>Overrides the document's token URL.</summary>
        public string? TokenUrl { get; set; }

        /// <summary>AWS credentials for IAM (SigV4) schemes.</summary>
        public IAwsCredentialsProvider? Aws { get; set; }

        /// <summary>The AWS region; when null it is read from an <c>execute-api.{region}.amazonaws.com</c> host.</summary>
        public string? AwsRegion { get; set; }

        /// <summary>Supplies the token a Lambda authorizer expects.</summary>
        public Func<CancellationToken, ValueTask<string>>? AuthorizerTokenProvider { get; set; }

        private OAuth2TokenCache? _tokens;
        private readonly object _lock = new object();

        /// <summary>OAuth2 tokens, shared by every handler that uses these credentials.</summary>
        internal OAuth2TokenCache Tokens(TimeProvider time)
        {
            lock (_lock) return _tokens ??= new OAuth2TokenCache(time);
        }

        internal string? ApiKeyFor(string scheme) => ApiKeys.TryGetValue(scheme, out var k) ? k : ApiKey;

        internal bool Has(SecuritySchemeInfo scheme) => scheme.Kind switch
        {
            SecuritySchemeKind.ApiKey => ApiKeyFor(scheme.Name) is not null,
            SecuritySchemeKind.Bearer => BearerTokenProvider is not null,
            SecuritySchemeKind.Basic => Basic is not null,
            SecuritySchemeKind.OAuth2ClientCredentials => ClientId is not null && ClientSecret is not null && (TokenUrl ?? scheme.TokenUrl) is not null,
            SecuritySchemeKind.AwsSigV4 => Aws is not null,
            SecuritySchemeKind.LambdaAuthorizer => AuthorizerTokenProvider is not null,
            _ => false,
        };

        /// <summary>Never shows secrets.</summary>
        public override string ToString() => "PorticoCredentials";
    }
}
