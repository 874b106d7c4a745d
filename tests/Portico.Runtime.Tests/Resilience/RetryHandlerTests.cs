using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Portico.Resilience;
using Xunit;

namespace Portico.Runtime.Tests.Resilience;

/// <summary>The retry handler on a fake clock: no test sleeps for the delays it checks.</summary>
public sealed class RetryHandlerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    private (HttpClient Client, ScriptedHandler Script) Create(Action<PorticoResilienceOptions>? configure = null)
    {
        var options = new PorticoResilienceOptions { TimeProvider = _time, Random = () => 1.0, Deadline = null };
        configure?.Invoke(options);
        var script = new ScriptedHandler(_time);
        var client = new HttpClient(new RetryHandler(options) { InnerHandler = script }) { BaseAddress = new Uri("http://127.0.0.1:9/") };
        return (client, script);
    }

    /// <summary>Advances the fake clock in small steps until the call completes (bounded).</summary>
    private async Task<T> Drive<T>(Task<T> task, int stepMs = 10, int maxSteps = 20000)
    {
        for (int i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            await Task.Yield();
            if (!task.IsCompleted) _time.Advance(TimeSpan.FromMilliseconds(stepMs));
            await Task.Delay(0);
        }
        return await task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static HttpResponseMessage Status(int code, string? body = null, string? retryAfter = null)
    {
        var r = new HttpResponseMessage((HttpStatusCode)code) { Content = new StringContent(body ?? "{}") };
        if (retryAfter is not null) r.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        return r;
    }

    [Fact]
    public async Task Transient_statuses_are_retried_with_exponential_backoff()
    {
        var (client, script) = Create();
        script.Enqueue(Status(503), Status(502), Status(500), Status(200));
        using var response = await Drive(client.GetAsync("pets"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, script.Attempts.Count);
        // Random = 1.0 makes full jitter hit its ceiling: 200 ms, 400 ms, 800 ms.
        AssertGap(script, 0, 200);
        AssertGap(script, 1, 400);
        AssertGap(script, 2, 800);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    [InlineData(0.999)]
    public async Task Full_jitter_stays_between_zero_and_the_exponential_ceiling(double random)
    {
        var (client, script) = Create(o => { o.Random = () => random; o.MaxRetryAttempts = 5; o.MaxDelay = TimeSpan.FromMilliseconds(1000); });
        script.Enqueue(Status(503), Status(503), Status(503), Status(503), Status(503), Status(200));
        using var response = await Drive(client.GetAsync("pets"));
        Assert.Equal(6, script.Attempts.Count);
        for (int i = 0; i < 5; i++)
        {
            double ceiling = Math.Min(1000, 200 * Math.Pow(2, i));
            double gap = (script.Attempts[i + 1] - script.Attempts[i]).TotalMilliseconds;
            Assert.InRange(gap, ceiling * random - 10, ceiling * random + 10);
        }
    }

    [Fact]
    public async Task Retry_after_in_seconds_is_honoured()
    {
        var (client, script) = Create();
        script.Enqueue(Status(429, "{\"message\":\"Too Many Requests\"}", "3"), Status(200));
        using var response = await Drive(client.GetAsync("pets"), stepMs: 50);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertGap(script, 0, 3000, tolerance: 50);
    }

    [Fact]
    public async Task Retry_after_as_an_http_date_is_honoured_in_utc()
    {
        var (client, script) = Create();
        string date = _time.GetUtcNow().AddSeconds(5).ToString("r");
        script.Enqueue(Status(503, null, date), Status(200));
        using var response = await Drive(client.GetAsync("pets"), stepMs: 50);
        AssertGap(script, 0, 5000, tolerance: 50);
    }

    [Fact]
    public async Task Retry_after_is_capped()
    {
        var (client, script) = Create(o => o.MaxRetryAfter = TimeSpan.FromSeconds(2));
        script.Enqueue(Status(503, null, "86400"), Status(200));
        using var response = await Drive(client.GetAsync("pets"), stepMs: 50);
        AssertGap(script, 0, 2000, tolerance: 50);
    }

    [Fact]
    public async Task Quota_exhaustion_is_not_retried()
    {
        var (client, script) = Create();
        script.Enqueue(Status(429, "{\"message\":\"Limit Exceeded\"}"), Status(200));
        using var response = await Drive(client.GetAsync("pets"));
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Single(script.Attempts);
        Assert.Contains("Limit Exceeded", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(501)]
    public async Task Other_statuses_are_not_retried(int status)
    {
        var (client, script) = Create();
        script.Enqueue(Status(status), Status(200));
        using var response = await Drive(client.GetAsync("pets"));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Single(script.Attempts);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PATCH")]
    public async Task Unsafe_methods_are_not_retried(string method)
    {
        var (client, script) = Create();
        script.Enqueue(Status(503), Status(200));
        using var response = await Drive(client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "pets") { Content = new StringContent("{}") }));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Single(script.Attempts);
    }

    [Fact]
    public async Task Post_with_an_idempotency_key_is_retried_and_replays_the_same_body()
    {
        var (client, script) = Create();
        script.Enqueue(Status(503), Status(504), Status(201));
        var request = new HttpRequestMessage(HttpMethod.Post, "orders") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"petId\":7}")) };
        request.Headers.Add("Idempotency-Key", "k-1");
        using var response = await Drive(client.SendAsync(request));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(3, script.Bodies.Count);
        Assert.All(script.Bodies, b => Assert.Equal("{\"petId\":7}", b));
    }

    [Fact]
    public async Task Post_of_an_operation_marked_idempotent_is_retried()
    {
        var (client, script) = Create();
        script.Enqueue(Status(503), Status(200));
        var request = new HttpRequestMessage(HttpMethod.Post, "search") { Content = new StringContent("{}") };
        request.Options.Set(PorticoRequestOptionKeys.Idempotent, true);
        using var response = await Drive(client.SendAsync(request));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, script.Attempts.Count);
    }

    [Fact]
    public async Task Transport_failures_are_retried()
    {
        var (client, script) = Create();
        script.EnqueueFailure(new HttpRequestException("connection reset"));
        script.Enqueue(Status(200));
        using var response = await Drive(client.GetAsync("pets"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, script.Attempts.Count);
    }

    [Fact]
    public async Task Attempts_stop_after_the_limit_and_the_last_answer_is_returned()
    {
        var (client, script) = Create(o => o.MaxRetryAttempts = 2);
        script.Enqueue(Status(503), Status(503), Status(503), Status(200));
        using var response = await Drive(client.GetAsync("pets"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(3, script.Attempts.Count);
    }

    [Fact]
    public async Task The_retry_budget_stops_retries_when_spent()
    {
        var (client, script) = Create(o => { o.RetryBudgetRatio = 0; o.MinRetriesPerSecond = 1; });
        script.Enqueue(Status(503), Status(503), Status(503), Status(200));
        using var response = await Drive(client.GetAsync("pets"), stepMs: 1);
        // One free retry in this second, then the budget is empty.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(2, script.Attempts.Count);
    }

    [Fact]
    public async Task The_deadline_covers_all_attempts()
    {
        var (client, script) = Create(o => { o.Deadline = TimeSpan.FromSeconds(1); o.MaxRetryAttempts = 10; });
        for (int i = 0; i < 20; i++) script.Enqueue(Status(503));
        var ex = await Assert.ThrowsAsync<TimeoutException>(() => Drive(client.GetAsync("pets"), stepMs: 20));
        Assert.Contains("deadline", ex.Message);
        Assert.InRange(script.Attempts.Count, 2, 6);
    }

    [Fact]
    public async Task The_callers_cancellation_stops_waiting_and_retrying()
    {
        var (client, script) = Create();
        for (int i = 0; i < 5; i++) script.Enqueue(Status(503, null, "30"));
        using var cts = new CancellationTokenSource();
        var call = client.GetAsync("pets", cts.Token);
        await Drive(Task.Run(async () => { while (script.Attempts.Count == 0) await Task.Delay(1); return 0; }), stepMs: 1, maxSteps: 100);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Single(script.Attempts);
    }

    private void AssertGap(ScriptedHandler script, int index, double expectedMs, double tolerance = 15)
    {
        double gap = (script.Attempts[index + 1] - script.Attempts[index]).TotalMilliseconds;
        Assert.InRange(gap, expectedMs - tolerance, expectedMs + tolerance);
    }

    /// <summary>Answers from a script and records when each attempt arrived (on the fake clock) and its body.</summary>
    private sealed class ScriptedHandler(TimeProvider time) : HttpMessageHandler
    {
        private readonly Queue<Func<HttpResponseMessage>> _script = new();
        public List<DateTimeOffset> Attempts { get; } = new();
        public List<string> Bodies { get; } = new();

        public void Enqueue(params HttpResponseMessage[] responses)
        {
            foreach (var r in responses) _script.Enqueue(() => r);
        }

        public void EnqueueFailure(Exception ex) => _script.Enqueue(() => throw ex);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Attempts) Attempts.Add(time.GetUtcNow());
            if (request.Content is not null) Bodies.Add(await request.Content.ReadAsStringAsync(cancellationToken));
            var next = _script.Count > 0 ? _script.Dequeue() : () => new HttpResponseMessage(HttpStatusCode.OK);
            var response = next();
            response.RequestMessage = request;
            return response;
        }
    }
}
