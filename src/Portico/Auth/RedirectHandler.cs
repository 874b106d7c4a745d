using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Portico.Auth
{
    /// <summary>
    /// Follows redirects itself (the primary handler must not), so that credentials never reach another host: a hop to a
    /// different scheme, host or port drops every credential header and is marked so that
    /// <see cref="AuthenticationHandler"/> adds none.
    /// </summary>
    public sealed class RedirectHandler : DelegatingHandler
    {
        private static readonly string[] s_credentialHeaders = { "Authorization", "Proxy-Authorization", "Cookie", "X-Api-Key", "X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Content-Sha256" };
        private readonly int _maxRedirects;

        /// <summary>Creates the handler.</summary>
        public RedirectHandler(int maxRedirects = 10) => _maxRedirects = maxRedirects;

        /// <inheritdoc/>
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var current = request;
            var origin = request.RequestUri!;
            for (int hop = 0; ; hop++)
            {
                var response = await base.SendAsync(current, cancellationToken).ConfigureAwait(false);
                int status = (int)response.StatusCode;
                bool redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
                if (!redirect || response.Headers.Location is null || hop >= _maxRedirects) return response;
                var target = response.Headers.Location.IsAbsoluteUri ? response.Headers.Location : new Uri(current.RequestUri!, response.Headers.Location);
                if (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps) return response;
                bool keepMethod = status == 307 || status == 308 || (current.Method != HttpMethod.Post && status != 303);
                var next = new HttpRequestMessage(keepMethod ? current.Method : HttpMethod.Get, target)
                {
                    Content = keepMethod ? current.Content : null,
                    Version = current.Version,
                };
                bool sameOrigin = Uri.Compare(origin, target, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
                foreach (var h in current.Headers)
                {
                    if (!sameOrigin && s_credentialHeaders.Contains(h.Key, StringComparer.OrdinalIgnoreCase)) continue;
                    next.Headers.TryAddWithoutValidation(h.Key, h.Value);
                }
#if NET8_0_OR_GREATER
                foreach (var option in current.Options) ((System.Collections.Generic.IDictionary<string, object?>)next.Options)[option.Key] = option.Value;
#else
                foreach (var p in current.Properties) next.Properties[p.Key] = p.Value;
#endif
                if (!sameOrigin) SecurityRequirements.MarkCredentialFree(next);
                response.Dispose();
                current = next;
            }
        }
    }
}
