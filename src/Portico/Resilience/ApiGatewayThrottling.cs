using System;

namespace Portico.Resilience
{
    /// <summary>What a 429 from API Gateway means.</summary>
    public enum ThrottleKind
    {
        /// <summary>Not a throttling answer.</summary>
        None,
        /// <summary>Rate or burst exceeded (<c>{"message":"Too Many Requests"}</c>): worth retrying after a pause.</summary>
        Throttled,
        /// <summary>The usage plan's quota is used up (<c>{"message":"Limit Exceeded"}</c>): retrying cannot help until the period ends.</summary>
        QuotaExceeded,
    }

    /// <summary>Tells API Gateway's throttling (retry) from quota exhaustion (do not retry) by status and body.</summary>
    public static class ApiGatewayThrottling
    {
        /// <summary>Classifies a response.</summary>
        public static ThrottleKind Classify(int statusCode, string? body)
        {
            if (statusCode != 429) return ThrottleKind.None;
            if (body is not null && body.IndexOf("Limit Exceeded", StringComparison.OrdinalIgnoreCase) >= 0) return ThrottleKind.QuotaExceeded;
            return ThrottleKind.Throttled;
        }
    }
}
