using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;

namespace Portico.Resilience
{
    /// <summary>Reads <c>Retry-After</c> in both of its forms (RFC 9110 §10.2.3): delta-seconds and HTTP-date (always UTC).</summary>
    public static class RetryAfter
    {
        private static readonly string[] s_dateFormats = { "r", "ddd, d MMM yyyy HH:mm:ss 'GMT'", "dddd, dd-MMM-yy HH:mm:ss 'GMT'", "ddd MMM d HH:mm:ss yyyy" };

        /// <summary>The delay the response asks for, capped at <paramref name="cap"/>; a date in the past gives zero.</summary>
        public static bool TryGetDelay(HttpResponseMessage response, DateTimeOffset now, TimeSpan cap, out TimeSpan delay)
        {
            delay = TimeSpan.Zero;
            if (!response.Headers.TryGetValues("Retry-After", out var values)) return false;
            return TryParse(values.FirstOrDefault(), now, cap, out delay);
        }

        /// <summary>Parses a header value.</summary>
        public static bool TryParse(string? value, DateTimeOffset now, TimeSpan cap, out TimeSpan delay)
        {
            delay = TimeSpan.Zero;
            if (string.IsNullOrWhiteSpace(value)) return false;
            string v = value!.Trim();
            if (long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds))
            {
                delay = seconds > cap.TotalSeconds ? cap : TimeSpan.FromSeconds(seconds);
                return true;
            }
            if (DateTimeOffset.TryParseExact(v, s_dateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var date))
            {
                var d = date.ToUniversalTime() - now.ToUniversalTime();
                delay = d < TimeSpan.Zero ? TimeSpan.Zero : d > cap ? cap : d;
                return true;
            }
            return false;
        }
    }
}
