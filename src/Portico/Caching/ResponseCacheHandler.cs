using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Memory;

namespace Portico.Caching
{
    /// <summary>Options of the client-side response cache.</summary>
    public sealed class ResponseCacheOptions
    {
        /// <summary>The most bytes of bodies kept. Default 16 MiB.</summary>
        public long SizeLimitBytes { get; set; } = 16 * 1024 * 1024;

        /// <summary>Bodies larger than this are never cached. Default 1 MiB.</summary>
        public long MaxEntryBytes { get; set; } = 1024 * 1024;

        /// <summary>Time source for freshness.</summary>
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

        private MemoryCache? _store;
        private readonly object _lock = new object();

        /// <summary>The store shared by every handler made from these options.</summary>
        internal MemoryCache Store
        {
            get
            {
                lock (_lock) return _store ??= new MemoryCache(new MemoryCacheOptions { SizeLimit = SizeLimitBytes, Clock = new ResponseCacheHandler.Clock(TimeProvider) });
            }
        }
    }

    /// <summary>Per-request cache facts that generated code and callers set.</summary>
    public static class ResponseCacheRequest
    {
        private const string KeyHeadersName = "Portico.CacheKeyHeaders";
        private const string RefreshName = "Portico.RefreshCache";

        /// <summary>Headers that are part of the cache key (API Gateway's <c>cacheKeyParameters</c> of the form <c>method.request.header.X</c>).</summary>
        public static void SetKeyHeaders(HttpRequestMessage request, string[] headers) => Set(request, KeyHeadersName, headers);

        /// <summary>
        /// Asks for a fresh answer: the local cache is bypassed and <c>Cache-Control: max-age=0</c> tells API Gateway to
        /// refresh its own cache entry (the caller needs <c>execute-api:InvalidateCache</c> when the stage requires it).
        /// </summary>
        public static void RequestRefresh(HttpRequestMessage request) => Set(request, RefreshName, true);

        internal static string[] KeyHeaders(HttpRequestMessage request) => Get<string[]>(request, KeyHeadersName) ?? Array.Empty<string>();

        internal static bool WantsRefresh(HttpRequestMessage request) => Get<object>(request, RefreshName) is true;

        private static void Set<T>(HttpRequestMessage request, string name, T value)
        {
#if NET8_0_OR_GREATER
            request.Options.Set(new HttpRequestOptionsKey<T>(name), value);
#else
            request.Properties[name] = value;
#endif
        }

        private static T? Get<T>(HttpRequestMessage request, string name) where T : class
        {
#if NET8_0_OR_GREATER
            return ((IDictionary<string, object?>)request.Options).TryGetValue(name, out var v) ? v as T : null;
#else
            return request.Properties.TryGetValue(name, out var v) ? v as T : null;
#endif
        }
    }

    /// <summary>
    /// A private HTTP cache for GET (RFC 9111 semantics a client needs): honours <c>Cache-Control</c> (max-age, no-store,
    /// no-cache, must-revalidate), <c>Expires</c>, and revalidates with <c>ETag</c>/<c>If-None-Match</c> and
    /// <c>Last-Modified</c>/<c>If-Modified-Since</c>. The key is the URL plus <c>Vary</c> headers plus the headers
    /// API Gateway's <c>cacheKeyParameters</c> name. Entries live in a size-bounded <see cref="MemoryCache"/>.
    /// </summary>
    public sealed class ResponseCacheHandler : DelegatingHandler
    {
        private readonly MemoryCache _cache;
        private readonly ResponseCacheOptions _options;

        /// <summary>Creates the handler.</summary>
        public ResponseCacheHandler(ResponseCacheOptions? options = null)
        {
            _options = options ?? new ResponseCacheOptions();
            _cache = _options.Store;
        }

        /// <inheritdoc/>
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method != HttpMethod.Get) return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (ResponseCacheRequest.WantsRefresh(request))
            {
                request.Headers.CacheControl = new CacheControlHeaderValue { MaxAge = TimeSpan.Zero };
                var refreshed = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                return await StoreAsync(request, refreshed, cancellationToken).ConfigureAwait(false);
            }
            var cc = request.Headers.CacheControl;
            if (cc is { NoStore: true }) return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);

            string baseKey = BaseKey(request);
            if (_cache.TryGetValue(baseKey, out Entry? entry) && entry is not null && entry.Matches(request))
            {
                var now = _options.TimeProvider.GetUtcNow();
                bool fresh = now < entry.FreshUntil && !(cc is { NoCache: true }) && !(cc?.MaxAge is TimeSpan ma && now - entry.StoredAt > ma);
                if (fresh) return entry.ToResponse(request, now);
                if (entry.ETag is not null) request.Headers.TryAddWithoutValidation("If-None-Match", entry.ETag);
                if (entry.LastModified is not null) request.Headers.TryAddWithoutValidation("If-Modified-Since", entry.LastModified);
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.NotModified)
                {
                    var updated = entry.Refreshed(response, now);
                    response.Dispose();
                    Put(baseKey, updated);
                    return updated.ToResponse(request, now);
                }
                return await StoreAsync(request, response, cancellationToken).ConfigureAwait(false);
            }
            var fromServer = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return await StoreAsync(request, fromServer, cancellationToken).ConfigureAwait(false);
        }

        private async Task<HttpResponseMessage> StoreAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken ct)
        {
            if (response.StatusCode != HttpStatusCode.OK || response.Content is null) return response;
            var cc = response.Headers.CacheControl;
            if (cc is { NoStore: true }) return response;
            var now = _options.TimeProvider.GetUtcNow();
            TimeSpan? lifetime = cc?.MaxAge;
            if (lifetime is null && response.Content.Headers.Expires is DateTimeOffset expires)
            {
                var date = response.Headers.Date ?? now;
                lifetime = expires - date;
            }
            string? etag = response.Headers.ETag?.ToString();
            string? lastModified = response.Content.Headers.LastModified?.ToString("r");
            if (lifetime is null && etag is null && lastModified is null) return response;
            if (cc is { NoCache: true } || cc is { MustRevalidate: true } && lifetime is null) lifetime = TimeSpan.Zero;
            long? length = response.Content.Headers.ContentLength;
            if (length > _options.MaxEntryBytes) return response;
            await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
            byte[] body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            if (body.Length > _options.MaxEntryBytes) return response;
            var vary = response.Headers.Vary.ToArray();
            var entry = new Entry(body, response, now, now + (lifetime ?? TimeSpan.Zero), etag, lastModified, KeyValues(request, vary));
            Put(BaseKey(request), entry);
            return response;
        }

        private void Put(string key, Entry entry)
            => _cache.Set(key, entry, new MemoryCacheEntryOptions { Size = entry.Body.Length + 256, SlidingExpiration = TimeSpan.FromHours(1) });

        private static string BaseKey(HttpRequestMessage request)
        {
            var sb = new StringBuilder(request.RequestUri!.AbsoluteUri);
            foreach (var h in ResponseCacheRequest.KeyHeaders(request).OrderBy(h => h, StringComparer.OrdinalIgnoreCase))
            {
                sb.Append('\n').Append(h.ToLowerInvariant()).Append(':');
                if (request.Headers.TryGetValues(h, out var values)) sb.Append(string.Join(",", values));
            }
            return sb.ToString();
        }

        private static Dictionary<string, string> KeyValues(HttpRequestMessage request, IEnumerable<string> names)
        {
            var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var n in names) map[n] = request.Headers.TryGetValues(n, out var v) ? string.Join(",", v) : string.Empty;
            return map;
        }


        private sealed class Entry
        {
            private readonly List<KeyValuePair<string, string[]>> _headers;
            private readonly List<KeyValuePair<string, string[]>> _contentHeaders;
            private readonly Dictionary<string, string> _vary;

            public Entry(byte[] body, HttpResponseMessage response, DateTimeOffset storedAt, DateTimeOffset freshUntil, string? etag, string? lastModified, Dictionary<string, string> vary)
            {
                Body = body;
                _headers = response.Headers.Select(h => new KeyValuePair<string, string[]>(h.Key, h.Value.ToArray())).ToList();
                _contentHeaders = response.Content.Headers.Select(h => new KeyValuePair<string, string[]>(h.Key, h.Value.ToArray())).ToList();
                StoredAt = storedAt;
                FreshUntil = freshUntil;
                ETag = etag;
                LastModified = lastModified;
                _vary = vary;
            }

            private Entry(Entry old, DateTimeOffset storedAt, DateTimeOffset freshUntil)
            {
                Body = old.Body;
                _headers = old._headers;
                _contentHeaders = old._contentHeaders;
                _vary = old._vary;
                ETag = old.ETag;
                LastModified = old.LastModified;
                StoredAt = storedAt;
                FreshUntil = freshUntil;
            }

            public byte[] Body { get; }
            public DateTimeOffset StoredAt { get; }
            public DateTimeOffset FreshUntil { get; }
            public string? ETag { get; }
            public string? LastModified { get; }

            public bool Matches(HttpRequestMessage request)
            {
                foreach (var v in _vary)
                {
                    string actual = request.Headers.TryGetValues(v.Key, out var values) ? string.Join(",", values) : string.Empty;
                    if (!string.Equals(actual, v.Value, StringComparison.Ordinal)) return false;
                }
                return true;
            }

            public Entry Refreshed(HttpResponseMessage notModified, DateTimeOffset now)
            {
                TimeSpan lifetime = notModified.Headers.CacheControl?.MaxAge ?? (FreshUntil - StoredAt);
                return new Entry(this, now, now + lifetime);
            }

            public HttpResponseMessage ToResponse(HttpRequestMessage request, DateTimeOffset now)
            {
                var response = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new ByteArrayContent(Body) };
                foreach (var h in _headers) response.Headers.TryAddWithoutValidation(h.Key, h.Value);
                foreach (var h in _contentHeaders) response.Content.Headers.TryAddWithoutValidation(h.Key, h.Value);
                response.Headers.Age = now - StoredAt;
                return response;
            }
        }

        internal sealed class Clock : Microsoft.Extensions.Internal.ISystemClock
        {
            private readonly TimeProvider _time;
            public Clock(TimeProvider time) => _time = time;
            public DateTimeOffset UtcNow => _time.GetUtcNow();
        }
    }
}
