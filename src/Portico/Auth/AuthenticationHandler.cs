using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Portico.Auth
{
    /// <summary>
    /// Applies the credentials an operation's <c>security</c> asks for. The generated code puts the operation's
    /// requirements on each request (alternatives of scheme names; an empty list means <c>security: []</c>, which sends
    /// nothing); the first alternative whose credentials are all configured is used. SigV4 signs last, so it covers
    /// the other credentials' headers. A request marked for another host (a redirect) gets no credentials at all.
    /// </summary>
    public sealed class AuthenticationHandler : DelegatingHandler
    {
        private readonly IReadOnlyDictionary<string, SecuritySchemeInfo> _schemes;
        private readonly PorticoCredentials _credentials;
        private readonly TimeProvider _time;
        private readonly OAuth2TokenCache _tokens;

        /// <summary>Creates the handler over the document's schemes.</summary>
        public AuthenticationHandler(IEnumerable<SecuritySchemeInfo> schemes, PorticoCredentials credentials, TimeProvider? timeProvider = null)
        {
            _schemes = schemes.ToDictionary(s => s.Name, StringComparer.Ordinal);
            _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
            _time = timeProvider ?? TimeProvider.System;
            _tokens = credentials.Tokens(_time);
        }

        /// <inheritdoc/>
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // A retried request still carries what the last attempt added.
            foreach (var n in new[] { "Authorization", "X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Content-Sha256" }) request.Headers.Remove(n);
            var alternatives = SecurityRequirements.Get(request);
            if (alternatives is not null && alternatives.Count > 0 && !SecurityRequirements.IsCredentialFree(request))
            {
                var chosen = alternatives.FirstOrDefault(alt => alt.All(name => _schemes.TryGetValue(name, out var s) && _credentials.Has(s)));
                if (chosen is not null)
                {
                    var schemes = chosen.Select(n => _schemes[n]).ToList();
                    foreach (var scheme in schemes.Where(s => s.Kind != SecuritySchemeKind.AwsSigV4))
                    {
                        await ApplyAsync(request, scheme, cancellationToken).ConfigureAwait(false);
                    }
                    if (schemes.Any(s => s.Kind == SecuritySchemeKind.AwsSigV4))
                    {
                        await SignAsync(request, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        private async Task ApplyAsync(HttpRequestMessage request, SecuritySchemeInfo scheme, CancellationToken ct)
        {
            switch (scheme.Kind)
            {
                case SecuritySchemeKind.ApiKey:
                    {
                        string key = _credentials.ApiKeyFor(scheme.Name)!;
                        string name = scheme.ParameterName ?? "x-api-key";
                        switch (scheme.Location)
                        {
                            case ApiKeyLocation.Query:
                                var uri = request.RequestUri!;
                                string sep = string.IsNullOrEmpty(uri.Query) ? "?" : "&";
                                request.RequestUri = new Uri(uri.AbsoluteUri + sep + Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(key));
                                break;
                            case ApiKeyLocation.Cookie:
                                string cookie = name + "=" + Uri.EscapeDataString(key);
                                if (request.Headers.TryGetValues("Cookie", out var existing))
                                {
                                    cookie = string.Join("; ", existing) + "; " + cookie;
                                    request.Headers.Remove("Cookie");
                                }
                                request.Headers.TryAddWithoutValidation("Cookie", cookie);
                                break;
                            default:
                                request.Headers.Remove(name);
                                request.Headers.TryAddWithoutValidation(name, key);
                                break;
                        }
                        break;
                    }
                case SecuritySchemeKind.Bearer:
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _credentials.BearerTokenProvider!(ct).ConfigureAwait(false));
                    break;
                case SecuritySchemeKind.Basic:
                    {
                        var (user, password) = _credentials.Basic!.Value;
                        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
                        break;
                    }
                case SecuritySchemeKind.OAuth2ClientCredentials:
                    {
                        string tokenUrl = _credentials.TokenUrl ?? scheme.TokenUrl!;
                        string token = await _tokens.GetAsync(tokenUrl, _credentials, (r, c) => base.SendAsync(r, c), ct).ConfigureAwait(false);
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                        break;
                    }
                case SecuritySchemeKind.LambdaAuthorizer:
                    {
                        string token = await _credentials.AuthorizerTokenProvider!(ct).ConfigureAwait(false);
                        string header = scheme.ParameterName ?? "Authorization";
                        request.Headers.Remove(header);
                        request.Headers.TryAddWithoutValidation(header, token);
                        break;
                    }
            }
        }

        private async Task SignAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var uri = request.RequestUri!;
            string region = _credentials.AwsRegion ?? AwsSigV4Handler.RegionFromHost(uri.Host)
                ?? throw new InvalidOperationException("No AWS region for SigV4: set PorticoCredentials.AwsRegion, or call an execute-api.{region}.amazonaws.com host.");
            var credentials = await _credentials.Aws!.GetCredentialsAsync(ct).ConfigureAwait(false);
            await AwsSigV4Handler.SignRequestAsync(request, credentials, region, "execute-api", _time.GetUtcNow(), ct).ConfigureAwait(false);
        }
    }

    /// <summary>How generated code tells the handlers which credentials an operation takes.</summary>
    public static class SecurityRequirements
    {
        private const string Key = "Portico.Security";
        private const string FreeKey = "Portico.CredentialFree";

        /// <summary>Records the operation's alternatives (each a set of scheme names); an empty array means none.</summary>
        public static void Set(HttpRequestMessage request, string[][] alternatives)
        {
#if NET8_0_OR_GREATER
            request.Options.Set(new HttpRequestOptionsKey<string[][]>(Key), alternatives);
#else
            request.Properties[Key] = alternatives;
#endif
        }

        /// <summary>The operation's alternatives, or <c>null</c> when not set.</summary>
        public static IReadOnlyList<string[]>? Get(HttpRequestMessage request)
        {
#if NET8_0_OR_GREATER
            return request.Options.TryGetValue(new HttpRequestOptionsKey<string[][]>(Key), out var v) ? v : null;
#else
            return request.Properties.TryGetValue(Key, out var v) ? v as string[][] : null;
#endif
        }

        /// <summary>Marks a request (a redirect to another host) as one that must not carry credentials.</summary>
        public static void MarkCredentialFree(HttpRequestMessage request)
        {
#if NET8_0_OR_GREATER
            request.Options.Set(new HttpRequestOptionsKey<bool>(FreeKey), true);
#else
            request.Properties[FreeKey] = true;
#endif
        }

        internal static bool IsCredentialFree(HttpRequestMessage request)
        {
#if NET8_0_OR_GREATER
            return request.Options.TryGetValue(new HttpRequestOptionsKey<bool>(FreeKey), out bool v) && v;
#else
            return request.Properties.TryGetValue(FreeKey, out var v) && v is true;
#endif
        }
    }

    /// <summary>OAuth2 client-credentials tokens: fetched once, shared, refreshed a minute before they expire.</summary>
    internal sealed class OAuth2TokenCache
    {
        private readonly TimeProvider _time;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private string? _token;
        private DateTimeOffset _expires;

        public OAuth2TokenCache(TimeProvider time) => _time = time;

        public static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(60);

        public async Task<string> GetAsync(string tokenUrl, PorticoCredentials credentials, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send, CancellationToken ct)
        {
            if (_token is not null && _time.GetUtcNow() < _expires - RefreshMargin) return _token;
            await _gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                if (_token is not null && _time.GetUtcNow() < _expires - RefreshMargin) return _token;
                var form = new List<KeyValuePair<string, string>> { new KeyValuePair<string, string>("grant_type", "client_credentials") };
                if (credentials.Scopes.Count > 0) form.Add(new KeyValuePair<string, string>("scope", string.Join(" ", credentials.Scopes)));
                using var request = new HttpRequestMessage(HttpMethod.Post, tokenUrl) { Content = new FormUrlEncodedContent(form) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(credentials.ClientId!) + ":" + Uri.EscapeDataString(credentials.ClientSecret!))));
                using var response = await send(request, ct).ConfigureAwait(false);
                string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    // The body of a token error names the problem (invalid_client...) and holds no secret of ours.
                    throw new HttpRequestException("The token endpoint answered " + (int)response.StatusCode + ": " + Truncate(body));
                }
                using var doc = JsonDocument.Parse(body);
                var root = doc.RootElement;
                _token = root.GetProperty("access_token").GetString() ?? throw new HttpRequestException("The token endpoint gave no access_token.");
                long expiresIn = root.TryGetProperty("expires_in", out var e) && e.TryGetInt64(out long s) ? s : 3600;
                _expires = _time.GetUtcNow().AddSeconds(expiresIn);
                return _token;
            }
            finally
            {
                _gate.Release();
            }
        }

        private static string Truncate(string s) => s.Length > 200 ? s.Substring(0, 200) + "…" : s;
    }
}
