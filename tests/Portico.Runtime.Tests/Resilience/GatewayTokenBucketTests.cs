using Microsoft.Extensions.Time.Testing;
using Portico.Resilience;
using Xunit;

namespace Portico.Runtime.Tests.Resilience;

public sealed class GatewayTokenBucketTests
{
    [Fact]
    public void A_full_bucket_grants_the_burst_at_once_then_refuses()
    {
        var time = new FakeTimeProvider();
        using var bucket = new GatewayTokenBucket(rate: 10, burst: 3, time);
        for (int i = 0; i < 3; i++) Assert.True(bucket.AttemptAcquire().IsAcquired);
        using var refused = bucket.AttemptAcquire();
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromMilliseconds(100), retryAfter);
    }

    [Fact]
    public void Refill_is_continuous_and_capped_at_the_burst()
    {
        var time = new FakeTimeProvider();
        using var bucket = new GatewayTokenBucket(rate: 10, burst: 3, time);
        for (int i = 0; i < 3; i++) bucket.AttemptAcquire();
        time.Advance(TimeSpan.FromMilliseconds(250)); // 2.5 tokens
        Assert.True(bucket.AttemptAcquire().IsAcquired);
        Assert.True(bucket.AttemptAcquire().IsAcquired);
        Assert.False(bucket.AttemptAcquire().IsAcquired);
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(3, bucket.GetStatistics()!.CurrentAvailablePermits);
    }

    [Fact]
    public async Task Waiters_get_their_token_exactly_when_it_exists_in_arrival_order()
    {
        var time = new FakeTimeProvider();
        using var bucket = new GatewayTokenBucket(rate: 4, burst: 1, time);
        Assert.True((await bucket.AcquireAsync()).IsAcquired);
        var order = new List<int>();
        var waiters = Enumerable.Range(1, 3).Select(async i => { using var lease = await bucket.AcquireAsync(); lock (order) order.Add(i); }).ToList();
        await Task.Yield();
        Assert.Empty(order);
        for (int step = 0; step < 100 && order.Count < 3; step++)
        {
            time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Delay(1);
        }
        await Task.WhenAll(waiters).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3, order.Count);
        // Three tokens at 4 per second take 750 ms of fake time (in 10 ms steps).
        Assert.InRange(time.GetUtcNow() - new FakeTimeProvider().GetUtcNow(), TimeSpan.FromMilliseconds(740), TimeSpan.FromMilliseconds(800));
    }

    [Fact]
    public async Task Cancellation_releases_a_waiter()
    {
        var time = new FakeTimeProvider();
        using var bucket = new GatewayTokenBucket(rate: 1, burst: 1, time);
        await bucket.AcquireAsync();
        using var cts = new CancellationTokenSource();
        var waiting = bucket.AcquireAsync(1, cts.Token).AsTask();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
