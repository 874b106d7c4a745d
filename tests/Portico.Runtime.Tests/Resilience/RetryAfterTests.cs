using System.Globalization;
using Portico.Resilience;
using Xunit;

namespace Portico.Runtime.Tests.Resilience;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("0", 0)]
    [InlineData("7", 7)]
    [InlineData(" 12 ", 12)]
    [InlineData("3600", 60)]
    public void Delta_seconds(string value, int expectedSeconds)
    {
        Assert.True(RetryAfter.TryParse(value, Now, Cap, out var delay));
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), delay);
    }

    [Theory]
    [InlineData("Tue, 24 Nov 2026 12:00:05 GMT", 5)]      // IMF-fixdate
    [InlineData("Tuesday, 24-Nov-26 12:00:09 GMT", 9)]     // obsolete RFC 850
    [InlineData("Tue Nov 24 12:00:30 2026", 30)]           // asctime
    [InlineData("Tue, 24 Nov 2026 11:59:00 GMT", 0)]       // in the past
    [InlineData("Tue, 24 Nov 2026 13:00:00 GMT", 60)]      // capped
    public void Http_date_is_utc_whatever_the_local_zone(string value, int expectedSeconds)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.True(RetryAfter.TryParse(value, Now, Cap, out var delay));
            Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), delay);
            // The same instant seen from another offset gives the same delay.
            Assert.True(RetryAfter.TryParse(value, Now.ToOffset(TimeSpan.FromHours(9)), Cap, out var delay2));
            Assert.Equal(delay, delay2);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("1.5")]
    public void Garbage_is_not_a_delay(string? value) => Assert.False(RetryAfter.TryParse(value, Now, Cap, out _));

    [Theory]
    [InlineData(429, "{\"message\":\"Too Many Requests\"}", ThrottleKind.Throttled)]
    [InlineData(429, "{\"message\":\"Limit Exceeded\"}", ThrottleKind.QuotaExceeded)]
    [InlineData(429, null, ThrottleKind.Throttled)]
    [InlineData(503, "{\"message\":\"Limit Exceeded\"}", ThrottleKind.None)]
    public void Quota_is_told_apart_from_throttling(int status, string? body, ThrottleKind expected)
        => Assert.Equal(expected, ApiGatewayThrottling.Classify(status, body));
}
