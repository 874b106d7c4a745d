using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Portico.Auth
{
    /// <summary>Supplies AWS credentials, for example from the environment, a profile or an STS session.</summary>
    public interface IAwsCredentialsProvider
    {
        /// <summary>Gets current credentials (refreshing temporary ones as needed).</summary>
        ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken);
    }

    /// <summary>Fixed credentials.</summary>
    public sealed class StaticAwsCredentialsProvider : IAwsCredentialsProvider
    {
        private readonly AwsCredentials _credentials;

        /// <summary>Wraps credentials.</summary>
        public StaticAwsCredentialsProvider(AwsCredentials credentials) => _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));

        /// <inheritdoc/>
        public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken) => new ValueTask<AwsCredentials>(_credentials);
    }

    /// <summary>
    /// Signs every request with AWS Signature Version 4 for API Gateway's IAM authorization (service <c>execute-api</c>).
    /// The region comes from the options or, when not set, from an <c>execute-api.{region}.amazonaws.com</c> host.
    /// The body is buffered and hashed; the path is signed as sent (API Gateway re-encodes it, as SigV4 does for all services but S3).
    /// </summary>
    public sealed class AwsSigV4Handler : DelegatingHandler
    {
        private readonly IAwsCredentialsProvider _credentials;
        private readonly string? _region;
        private readonly string _service;
        private readonly TimeProvider _time;

        /// <summary>Creates the handler.</summary>
        public AwsSigV4Handler(IAwsCredentialsProvider credentials, string? region = null, string service = "execute-api", TimeProvider? timeProvider = null)
        {
            _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
            _region = region;
            _service = service;
            _time = timeProvider ?? TimeProvider.System;
        }

        /// <summary>The region of an API Gateway host name (<c>abc123.execute-api.eu-west-1.amazonaws.com</c>), or <c>null</c>.</summary>
        public static string? RegionFromHost(string host)
        {
            var parts = host.Split('.');
            for (int i = 0; i + 2 < parts.Length; i++)
            {
                if (parts[i] == "execute-api" && parts[i + 2].StartsWith("amazonaws", StringComparison.Ordinal)) return parts[i + 1];
            }
            return null;
        }

        /// <summary>Signs a request in place (replacing the headers a previous signing added).</summary>
        public static async Task SignRequestAsync(HttpRequestMessage request, AwsCredentials credentials, string region, string service, DateTimeOffset time, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
            foreach (var name in new[] { "Authorization", "X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Content-Sha256" }) request.Headers.Remove(name);
            byte[] body = request.Content is null ? Array.Empty<byte>() :
#if NET8_0_OR_GREATER
                await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
#else
                await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
#endif
            var headers = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("Host", uri.IsDefaultPort ? uri.Host : uri.Host + ":" + uri.Port),
            };
            if (request.Content?.Headers.ContentType is { } ct) headers.Add(new KeyValuePair<string, string>("Content-Type", ct.ToString()));
            foreach (var h in request.Headers)
            {
                // Headers a gateway must see unchanged (API keys, authorizer tokens) are signed too.
                if (h.Key.StartsWith("x-", StringComparison.OrdinalIgnoreCase)) headers.Add(new KeyValuePair<string, string>(h.Key, string.Join(",", h.Value)));
            }
            var query = new List<KeyValuePair<string, string>>();
            foreach (var pair in uri.Query.TrimStart('?').Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = pair.IndexOf('=');
                string k = eq >= 0 ? pair.Substring(0, eq) : pair;
                string v = eq >= 0 ? pair.Substring(eq + 1) : string.Empty;
                query.Add(new KeyValuePair<string, string>(Uri.UnescapeDataString(k.Replace('+', ' ')), Uri.UnescapeDataString(v.Replace('+', ' '))));
            }
            var toSign = new SigV4Request(request.Method.Method, uri.AbsolutePath, query, headers, body);
            var result = SigV4Signer.Sign(toSign, credentials, region, service, time, new SigV4Options { SignBody = true });
            foreach (var h in result.HeadersToAdd) request.Headers.TryAddWithoutValidation(h.Key, h.Value);
        }

        /// <inheritdoc/>
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
            string region = _region ?? RegionFromHost(uri.Host)
                ?? throw new InvalidOperationException("No AWS region: set it in the options, or call an execute-api.{region}.amazonaws.com host.");
            var credentials = await _credentials.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);

            await SignRequestAsync(request, credentials, region, _service, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}
