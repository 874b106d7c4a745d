using System;
using System.ComponentModel.DataAnnotations;

namespace Portico.Resilience
{
    /// <summary>Retries, throttling and deadlines of a generated client. Defaults suit API Gateway.</summary>
    public sealed class PorticoResilienceOptions
    {
        /// <summary>Retries after the first attempt (0 turns retries off). Default 3.</summary>
        [Range(0, 20)]
        public int MaxRetryAttempts { get; set; } = 3;

        /// <summary>The first backoff step; step n is <c>BaseDelay * 2^n</c>, capped at <see cref="MaxDelay"/>, with full jitter. Default 200 ms.</summary>
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

        /// <summary>The largest backoff step. Default 20 s.</summary>
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);

        /// <summary>The longest wait a <c>Retry-After</c> header may impose; longer ones are capped. Default 60 s.</summary>
        public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Overall deadline for a call, all attempts and waits included (<c>null</c>: none). Default 100 s.</summary>
        public TimeSpan? Deadline { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>
        /// Retry budget: retries may add at most this fraction of the calls made (plus <see cref="MinRetriesPerSecond"/>),
        /// so a struggling service is not hammered. Default 0.2 (20%).
        /// </summary>
        [Range(0.0, 10.0)]
        public double RetryBudgetRatio { get; set; } = 0.2;

        /// <summary>Retries always allowed per second regardless of the ratio. Default 10.</summary>
        public int MinRetriesPerSecond { get; set; } = 10;

        /// <summary>The header whose presence makes a POST or PATCH safe to retry. Default <c>Idempotency-Key</c>.</summary>
        public string IdempotencyKeyHeader { get; set; } = "Idempotency-Key";

        /// <summary>Client-side steady rate (requests per second), as in a usage plan; <c>null</c>: no client-side throttling.</summary>
        public double? RateLimit { get; set; }

        /// <summary>Client-side bucket size (burst). Default: the rate rounded up.</summary>
        public int? BurstLimit { get; set; }

        /// <summary>How long a request may queue for a token before <see cref="ClientThrottledException"/>. Default 30 s.</summary>
        public TimeSpan MaxQueueTime { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Source of randomness for jitter, in [0, 1). Tests replace it.</summary>
        public Func<double>? Random { get; set; }

        /// <summary>Time source for delays, deadlines and the bucket. Tests use a fake one.</summary>
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

        private RetryBudget? _budget;
        private System.Threading.RateLimiting.RateLimiter? _bucket;
        private readonly object _lock = new object();

        /// <summary>The retry budget shared by every handler made from these options.</summary>
        internal RetryBudget Budget
        {
            get
            {
                lock (_lock) return _budget ??= new RetryBudget(RetryBudgetRatio, MinRetriesPerSecond, TimeProvider);
            }
        }

        /// <summary>The client-side bucket shared by every handler made from these options.</summary>
        internal System.Threading.RateLimiting.RateLimiter Bucket
        {
            get
            {
                lock (_lock) return _bucket ??= new GatewayTokenBucket(RateLimit ?? throw new InvalidOperationException("RateLimit is not set."), BurstLimit ?? (int)Math.Ceiling(RateLimit.Value), TimeProvider);
            }
        }

        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, System.Threading.RateLimiting.RateLimiter> _operationBuckets = new System.Collections.Concurrent.ConcurrentDictionary<string, System.Threading.RateLimiting.RateLimiter>(StringComparer.Ordinal);

        /// <summary>The bucket of one operation with its own limits (from <c>x-portico-throttle</c> on the operation).</summary>
        internal System.Threading.RateLimiting.RateLimiter OperationBucket(string operation, double rate, int burst)
            => _operationBuckets.GetOrAdd(operation + "|" + rate.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "|" + burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => new GatewayTokenBucket(rate, burst, TimeProvider));

        /// <summary>Checks the options, naming the first invalid one.</summary>
        public void Validate()
        {
            if (MaxRetryAttempts < 0) throw new ArgumentOutOfRangeException(nameof(MaxRetryAttempts), "must be 0 or more");
            if (BaseDelay < TimeSpan.Zero || MaxDelay < BaseDelay) throw new ArgumentOutOfRangeException(nameof(MaxDelay), "must be at least BaseDelay, which must not be negative");
            if (RateLimit is <= 0) throw new ArgumentOutOfRangeException(nameof(RateLimit), "must be positive");
            if (BurstLimit is <= 0) throw new ArgumentOutOfRangeException(nameof(BurstLimit), "must be positive");
            if (RetryBudgetRatio < 0) throw new ArgumentOutOfRangeException(nameof(RetryBudgetRatio), "must not be negative");
        }
    }
}
