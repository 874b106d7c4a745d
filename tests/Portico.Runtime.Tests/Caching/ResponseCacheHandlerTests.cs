using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Portico.Caching;
using Xunit;

namespace Portico.Runtime.Tests.Caching;

public sealed class ResponseCacheHandlerTests : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, int> _hits = new();
    private readonly ConcurrentQueue<IHeaderDictionary> _requests = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private WebApplication? _app;
    private string _address = "";
    private int _version = 1;

    public async Task InitializeAsync()
    {
        (_app, _address) = await Loopback.StartAsync(async context =>
        {
            var req = context.Request;
            var res = context.Response;
            _requests.Enqueue(new HeaderDictionary(req.Headers.ToDictionary(h => h.Key, h => h.Value)));
            int n = _hits.AddOrUpdate(req.Path, 1, (_, v) => v + 1);
            switch (req.Path.Value)
            {
                case "/fresh":
                    res.Headers.CacheControl = req.Headers.CacheControl == "max-age=0" ? "max-age=60" : "max-age=60";
                    await res.WriteAsync("fresh-" + n + (req.Headers.CacheControl == "max-age=0" ? "-refreshed" : ""));
                    return;
                case "/etag":
                    res.Headers.ETag = "\"v" + _version + "\"";
                    res.Headers.CacheControl = "no-cache";
                    if (req.Headers.IfNoneMatch == "\"v" + _version + "\"") { res.StatusCode = 304; return; }
                    await res.WriteAsync("etag-body-v" + _version);
                    return;
                case "/lastmod":
                    res.Headers.LastModified = "Tue, 24 Nov 2026 10:00:00 GMT";
                    if (req.Headers.IfModifiedSince == "Tue, 24 Nov 2026 10:00:00 GMT") { res.StatusCode = 304; return; }
                    await res.WriteAsync("lastmod-body");
                    return;
                case "/nostore":
                    res.Headers.CacheControl = "no-store";
                    await res.WriteAsync("nostore-" + n);
                    return;
                case "/keyed":
                    res.Headers.CacheControl = "max-age=60";
                    await res.WriteAsync("tenant " + req.Headers["X-Tenant"] + " #" + n);
                    return;
            }
            res.StatusCode = 404;
        });
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private HttpClient Client() => new(new ResponseCacheHandler(new ResponseCacheOptions { TimeProvider = _time }) { InnerHandler = new HttpClientHandler() }) { BaseAddress = new Uri(_address) };

    private static async Task<string> Body(HttpClient c, string path, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        configure?.Invoke(request);
        using var response = await c.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Fresh_answers_come_from_the_cache_until_max_age_passes()
    {
        using var c = Client();
        Assert.Equal("fresh-1", await Body(c, "/fresh"));
        Assert.Equal("fresh-1", await Body(c, "/fresh"));
        Assert.Equal(1, _hits["/fresh"]);
        _time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal("fresh-2", await Body(c, "/fresh"));
    }

    [Fact]
    public async Task Etags_revalidate_with_if_none_match_and_304_serves_the_cached_body()
    {
        using var c = Client();
        Assert.Equal("etag-body-v1", await Body(c, "/etag"));
        Assert.Equal("etag-body-v1", await Body(c, "/etag"));
        Assert.Equal("\"v1\"", _requests.Last()["If-None-Match"]);
        _version = 2;
        Assert.Equal("etag-body-v2", await Body(c, "/etag"));
        Assert.Equal(3, _hits["/etag"]);
    }

    [Fact]
    public async Task Last_modified_revalidates_with_if_modified_since()
    {
        using var c = Client();
        Assert.Equal("lastmod-body", await Body(c, "/lastmod"));
        Assert.Equal("lastmod-body", await Body(c, "/lastmod"));
        Assert.Equal("Tue, 24 Nov 2026 10:00:00 GMT", _requests.Last()["If-Modified-Since"]);
    }

    [Fact]
    public async Task No_store_is_never_cached()
    {
        using var c = Client();
        Assert.Equal("nostore-1", await Body(c, "/nostore"));
        Assert.Equal("nostore-2", await Body(c, "/nostore"));
    }

    [Fact]
    public async Task Cache_key_parameters_keep_tenants_apart()
    {
        using var c = Client();
        void Tenant(HttpRequestMessage r, string t) { r.Headers.Add("X-Tenant", t); ResponseCacheRequest.SetKeyHeaders(r, ["X-Tenant"]); }
        Assert.Equal("tenant a #1", await Body(c, "/keyed", r => Tenant(r, "a")));
        Assert.Equal("tenant b #2", await Body(c, "/keyed", r => Tenant(r, "b")));
        Assert.Equal("tenant a #1", await Body(c, "/keyed", r => Tenant(r, "a")));
        Assert.Equal(2, _hits["/keyed"]);
    }

    [Fact]
    public async Task A_refresh_bypasses_the_cache_and_asks_the_gateway_to_refresh_too()
    {
        using var c = Client();
        Assert.Equal("fresh-1", await Body(c, "/fresh"));
        Assert.Equal("fresh-2-refreshed", await Body(c, "/fresh", ResponseCacheRequest.RequestRefresh));
        Assert.Equal("max-age=0", _requests.Last()["Cache-Control"]);
        Assert.Equal("fresh-2-refreshed", await Body(c, "/fresh"));
    }

    [Fact]
    public async Task Only_get_is_cached()
    {
        using var c = Client();
        using var r1 = await c.PostAsync("/fresh", new StringContent(""));
        using var r2 = await c.PostAsync("/fresh", new StringContent(""));
        Assert.Equal(2, _hits["/fresh"]);
    }
}
