using Microsoft.Extensions.Configuration;
using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portico.Auth;
using Portico.Runtime.Tests.Gateway;
using Xunit;

namespace Portico.Runtime.Tests.EndToEnd;

/// <summary>
/// The generated client, configured only through <c>AddGatewayClient(o => ...)</c>, against a loopback server that
/// behaves like API Gateway: API keys (403 Forbidden), IAM signatures (verified from the wire), a token bucket
/// answering 429 Too Many Requests, a usage-plan quota answering 429 Limit Exceeded, and deliberate 503s.
/// </summary>
public sealed class GeneratedClientPipelineTests : IAsyncLifetime
{
    private const string Key = "k-0123456789abcdefghij";
    private const string QuotaKey = "k-quota-0123456789abcd";
    private static readonly AwsCredentials Aws = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private readonly ConcurrentQueue<(string Path, string? ApiKey, bool Signed)> _seen = new();
    private WebApplication? _app;
    private string _address = "";
    private int _searchCalls, _createCalls, _throttled;
    private readonly object _bucketLock = new();
    private double _tokens = 5;
    private long _last = System.Diagnostics.Stopwatch.GetTimestamp();

    public async Task InitializeAsync()
    {
        (_app, _address) = await Loopback.StartAsync(async context =>
        {
            var req = context.Request;
            var res = context.Response;
            string path = req.Path.Value!;
            string? key = req.Headers["x-api-key"].FirstOrDefault();
            bool signed = req.Headers.Authorization.ToString().StartsWith("AWS4-HMAC-SHA256", StringComparison.Ordinal);
            _seen.Enqueue((path, key, signed));
            res.ContentType = "application/json";
            if (path != "/prod/public/health" && key != Key && key != QuotaKey)
            {
                res.StatusCode = 403;
                await res.WriteAsync("{\"message\":\"Forbidden\"}");
                return;
            }
            if (key == QuotaKey)
            {
                res.StatusCode = 429;
                await res.WriteAsync("{\"message\":\"Limit Exceeded\"}");
                return;
            }
            if (!TakeToken())
            {
                Interlocked.Increment(ref _throttled);
                res.StatusCode = 429;
                await res.WriteAsync("{\"message\":\"Too Many Requests\"}");
                return;
            }
            switch (path)
            {
                case "/prod/public/health":
                    res.ContentType = "text/plain";
                    await res.WriteAsync("up");
                    return;
                case "/prod/items" when req.Method == "GET":
                    await res.WriteAsync("[{\"id\":1,\"name\":\"a\"}]");
                    return;
                case "/prod/items":
                    Interlocked.Increment(ref _createCalls);
                    res.StatusCode = 503;
                    await res.WriteAsync("{\"message\":\"Service Unavailable\"}");
                    return;
                case "/prod/items/search":
                    if (Interlocked.Increment(ref _searchCalls) < 3)
                    {
                        res.StatusCode = 503;
                        await res.WriteAsync("{\"message\":\"Service Unavailable\"}");
                        return;
                    }
                    await res.WriteAsync("[{\"id\":2,\"name\":\"found\"}]");
                    return;
                case "/prod/admin/items":
                    if (!await VerifySignatureAsync(req, context.Features.Get<IHttpRequestFeature>()!.RawTarget))
                    {
                        res.StatusCode = 403;
                        await res.WriteAsync("{\"message\":\"The request signature we calculated does not match the signature you provided.\"}");
                        return;
                    }
                    await res.WriteAsync("[{\"id\":3,\"name\":\"secret\"}]");
                    return;
            }
            res.StatusCode = 404;
        });
    }

    private bool TakeToken()
    {
        lock (_bucketLock)
        {
            long now = System.Diagnostics.Stopwatch.GetTimestamp();
            _tokens = Math.Min(5, _tokens + (now - _last) * 50.0 / System.Diagnostics.Stopwatch.Frequency);
            _last = now;
            if (_tokens < 1) return false;
            _tokens -= 1;
            return true;
        }
    }

    private static async Task<bool> VerifySignatureAsync(HttpRequest request, string rawTarget)
    {
        string auth = request.Headers.Authorization.ToString();
        var parts = auth["AWS4-HMAC-SHA256 ".Length..].Split(", ").Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var scope = parts["Credential"].Split('/');
        var names = parts["SignedHeaders"].Split(';');
        var headers = names.Where(n => n is not ("x-amz-date" or "x-amz-content-sha256" or "x-amz-security-token"))
            .Select(n => new KeyValuePair<string, string>(n, request.Headers[n].ToString())).ToList();
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        int q = rawTarget.IndexOf('?');
        var time = DateTimeOffset.ParseExact(request.Headers["X-Amz-Date"].ToString(), "yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
        var expected = SigV4Signer.Sign(new SigV4Request(request.Method, q >= 0 ? rawTarget[..q] : rawTarget, [], headers, body.ToArray()), Aws, scope[2], "execute-api", time, new SigV4Options { SignBody = true });
        return scope[3] == "execute-api" && expected.Signature == parts["Signature"];
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private GatewayClient Client(string apiKey = Key, Action<PorticoClientOptions>? more = null)
    {
        var services = new ServiceCollection();
        services.AddGatewayClient(o =>
        {
            o.BaseAddress = new Uri(_address + "/prod/");
            o.Credentials.ApiKey = apiKey;
            o.Credentials.Aws = new StaticAwsCredentialsProvider(Aws);
            o.Credentials.AwsRegion = "eu-west-1";
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(10);
            more?.Invoke(o);
        });
        return services.BuildServiceProvider().GetRequiredService<GatewayClient>();
    }

    [Fact]
    public void The_description_is_exposed_as_static_data()
    {
        Assert.Equal(["api_key", "iam"], GatewayClient.SecuritySchemes.Select(s => s.Name));
        Assert.Equal(SecuritySchemeKind.ApiKey, GatewayClient.SecuritySchemes[0].Kind);
        Assert.Equal("x-api-key", GatewayClient.SecuritySchemes[0].ParameterName);
        Assert.Equal(SecuritySchemeKind.AwsSigV4, GatewayClient.SecuritySchemes[1].Kind);
        var options = new PorticoClientOptions();
        GatewayClient.ApplyDescriptionDefaults(options);
        Assert.Equal(50, options.Resilience.RateLimit);
        Assert.Equal(5, options.Resilience.BurstLimit);
    }

    [Fact]
    public async Task The_api_key_goes_on_every_operation_that_requires_it_and_never_on_public_ones()
    {
        var client = Client();
        Assert.Single(await client.ListItemsAsync());
        Assert.Equal("up", await client.HealthAsync());
        var seen = _seen.ToList();
        Assert.Equal(Key, seen.Single(s => s.Path == "/prod/items").ApiKey);
        Assert.Null(seen.Single(s => s.Path == "/prod/public/health").ApiKey);
    }

    [Fact]
    public async Task A_burst_of_calls_stays_under_the_gateway_limit_and_all_succeed()
    {
        var client = Client();
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => client.ListItemsAsync()));
        Assert.All(results, r => Assert.Single(r));
        // The client's bucket comes from x-portico-throttle (50/s, burst 5), the server's is the same: only stray 429s
        // (scheduling jitter on a busy machine), each retried. Without the bucket, 40 concurrent calls meet about 35.
        Assert.InRange(_throttled, 0, 10);
    }

    [Fact]
    public async Task An_idempotent_post_is_retried_through_transient_failures()
    {
        var client = Client();
        var found = await client.SearchItemsAsync(new Item { Name = "x" });
        Assert.Equal("found", Assert.Single(found).Name);
        Assert.Equal(3, _searchCalls);
    }

    [Fact]
    public async Task A_plain_post_is_not_retried()
    {
        var client = Client();
        var ex = await Assert.ThrowsAsync<ApiException>(() => client.CreateItemAsync(new Item { Name = "x" }));
        Assert.Equal(503, ex.StatusCode);
        Assert.Equal(1, _createCalls);
    }

    [Fact]
    public async Task Iam_operations_are_signed_and_carry_the_api_key()
    {
        var client = Client();
        var items = await client.AdminItemsAsync();
        Assert.Equal("secret", Assert.Single(items).Name);
        var admin = _seen.Single(s => s.Path == "/prod/admin/items");
        Assert.True(admin.Signed);
        Assert.Equal(Key, admin.ApiKey);
        Assert.False(_seen.Single(s => s.Path == "/prod/admin/items").ApiKey is null);
    }

    [Fact]
    public async Task An_exhausted_quota_surfaces_as_its_own_exception_after_one_request()
    {
        var client = Client(QuotaKey);
        var ex = await Assert.ThrowsAsync<QuotaExceededException>(() => client.ListItemsAsync());
        Assert.Equal(429, ex.StatusCode);
        Assert.Single(_seen, s => s.Path == "/prod/items");
        Assert.DoesNotContain(QuotaKey, ex.Message);
    }

    [Fact]
    public async Task A_wrong_key_is_a_403_without_the_key_in_the_message()
    {
        var client = Client("k-wrong-wrong-wrong-wrong");
        var ex = await Assert.ThrowsAsync<ApiException>(() => client.ListItemsAsync());
        Assert.Equal(403, ex.StatusCode);
        Assert.DoesNotContain("k-wrong", ex.Message);
        Assert.Contains("Forbidden", ex.Content);
    }
}

public sealed class ConfigurationBindingTests
{
    [Fact]
    public void Options_bind_from_configuration_and_bad_values_name_their_key()
    {
        var config = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Clients:Gateway:BaseAddress"] = "https://abc123.execute-api.eu-west-1.amazonaws.com/prod",
            ["Clients:Gateway:ApiKey"] = "k-1",
            ["Clients:Gateway:RateLimit"] = "12.5",
            ["Clients:Gateway:BurstLimit"] = "4",
            ["Clients:Gateway:MaxRetryAttempts"] = "5",
            ["Clients:Gateway:Deadline"] = "00:00:30",
            ["Clients:Gateway:EnableResponseCache"] = "true",
        }).Build();
        var options = new PorticoClientOptions().Bind(config.GetSection("Clients:Gateway"));
        Assert.Equal(new Uri("https://abc123.execute-api.eu-west-1.amazonaws.com/prod/"), options.BaseAddress);
        Assert.Equal("k-1", options.Credentials.ApiKey);
        Assert.Equal(12.5, options.Resilience.RateLimit);
        Assert.Equal(4, options.Resilience.BurstLimit);
        Assert.Equal(5, options.Resilience.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Resilience.Deadline);
        Assert.True(options.EnableResponseCache);

        var bad = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["RateLimit"] = "fast" }).Build();
        var ex = Assert.Throws<FormatException>(() => new PorticoClientOptions().Bind(bad));
        Assert.Contains("RateLimit", ex.Message);
    }

    [Fact]
    public void The_generated_registration_reads_a_configuration_section()
    {
        var config = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BaseAddress"] = "http://127.0.0.1:9/prod/",
            ["ApiKey"] = "k-2",
        }).Build();
        var services = new ServiceCollection();
        services.AddGatewayClient(config);
        var client = services.BuildServiceProvider().GetRequiredService<GatewayClient>();
        Assert.NotNull(client);
    }
}
