using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portico.Resilience;
using Xunit;

namespace Portico.Runtime.Tests.Resilience;

/// <summary>
/// A loopback server that throttles like API Gateway (token bucket, 429 with the gateway's exact bodies, a usage-plan
/// quota) against the client pipeline and against a plain HttpClient. Bounded: a fixed number of calls, each test
/// well under ten seconds.
/// </summary>
public sealed class ThrottlingEndToEndTests : IAsyncLifetime
{
    private const double Rate = 40;
    private const int Burst = 5;
    private WebApplication? _app;
    private string _address = "";
    private PreciseBucket? _serverBucket;
    private int _served, _throttled, _quotaLeft = int.MaxValue;

    public async Task InitializeAsync()
    {
        _serverBucket = new PreciseBucket(Rate, Burst);
        (_app, _address) = await Loopback.StartAsync(async context =>
        {
            if (Interlocked.Decrement(ref _quotaLeft) < 0)
            {
                context.Response.StatusCode = 429;
                await context.Response.WriteAsync("{\"message\":\"Limit Exceeded\"}");
                return;
            }
            if (!_serverBucket!.TryTake())
            {
                Interlocked.Increment(ref _throttled);
                context.Response.StatusCode = 429;
                await context.Response.WriteAsync("{\"message\":\"Too Many Requests\"}");
                return;
            }
            Interlocked.Increment(ref _served);
            await context.Response.WriteAsync("{}");
        });
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    /// <summary>API Gateway's bucket as the service describes it: continuous refill at the rate, capped at the burst.</summary>
    private sealed class PreciseBucket(double rate, int burst)
    {
        private readonly object _lock = new();
        private double _tokens = burst;
        private long _last = System.Diagnostics.Stopwatch.GetTimestamp();

        public bool TryTake()
        {
            lock (_lock)
            {
                long now = System.Diagnostics.Stopwatch.GetTimestamp();
                _tokens = Math.Min(burst, _tokens + (now - _last) * rate / System.Diagnostics.Stopwatch.Frequency);
                _last = now;
                if (_tokens < 1) return false;
                _tokens -= 1;
                return true;
            }
        }
    }

    private HttpClient Pipeline() => new(new RetryHandler(new PorticoResilienceOptions { BaseDelay = TimeSpan.FromMilliseconds(20), MaxRetryAttempts = 5 })
    {
        InnerHandler = new ClientThrottleHandler(new PorticoResilienceOptions { RateLimit = Rate, BurstLimit = Burst, MaxQueueTime = TimeSpan.FromSeconds(10) })
        {
            InnerHandler = new HttpClientHandler(),
        },
    }) { BaseAddress = new Uri(_address + "/") };

    [Fact]
    public async Task The_pipeline_completes_every_call_near_the_allowed_rate()
    {
        using var client = Pipeline();
        const int calls = 60;
        var started = System.Diagnostics.Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, calls).Select(_ => client.GetAsync("pets")));
        started.Stop();
        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        // The bucket allows Burst at once, then Rate per second: the run cannot be faster than that. (How close it gets
        // is measured by the benchmark on a quiet machine; here the bound only catches a stalled bucket.)
        double floor = (calls - Burst) / Rate;
        Assert.InRange(started.Elapsed.TotalSeconds, floor * 0.9, floor * 4 + 2);
        Assert.Equal(calls, _served);
        Console.WriteLine($"{calls} calls in {started.Elapsed.TotalSeconds:F2} s, server throttled {_throttled}");
    }

    [Fact]
    public async Task A_plain_client_is_throttled_by_the_same_server()
    {
        using var plain = new HttpClient { BaseAddress = new Uri(_address + "/") };
        var results = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => plain.GetAsync("pets")));
        Assert.Contains(results, r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.True(_throttled > 0);
    }

    [Fact]
    public async Task Quota_exhaustion_reaches_the_caller_unretried()
    {
        _quotaLeft = 3;
        using var client = Pipeline();
        var results = new List<HttpResponseMessage>();
        for (int i = 0; i < 5; i++) results.Add(await client.GetAsync("pets"));
        Assert.Equal(3, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(2, results.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        // Each quota answer cost exactly one request: nothing was retried.
        Assert.Equal(-2, _quotaLeft);
    }

    [Fact]
    public async Task Queueing_time_is_recorded_on_the_request()
    {
        using var client = Pipeline();
        var requests = Enumerable.Range(0, Burst + 4).Select(_ => new HttpRequestMessage(HttpMethod.Get, "pets")).ToList();
        await Task.WhenAll(requests.Select(r => client.SendAsync(r)));
        var waits = requests.Select(r => r.Options.TryGetValue(PorticoRequestOptionKeys.QueueTime, out var t) ? t : TimeSpan.MinValue).ToList();
        Assert.All(waits, w => Assert.True(w >= TimeSpan.Zero));
        Assert.Contains(waits, w => w > TimeSpan.FromMilliseconds(40));
    }
}
