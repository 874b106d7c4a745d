using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace Portico.Resilience
{
    /// <summary>
    /// API Gateway's token bucket as the service describes it: the bucket holds up to <c>burst</c> tokens and refills
    /// continuously at <c>rate</c> tokens per second. Unlike a timer-driven bucket it does not lose throughput to timer
    /// granularity: a waiter sleeps exactly until its token exists (on the given <see cref="TimeProvider"/>), in arrival order.
    /// </summary>
    public sealed class GatewayTokenBucket : RateLimiter
    {
        private readonly double _rate;
        private readonly int _burst;
        private readonly TimeProvider _time;
        private readonly SemaphoreSlim _queue = new SemaphoreSlim(1, 1);
        private readonly object _lock = new object();
        private double _tokens;
        private long _last;
        private long _idleSince;
        private long _successful;
        private long _failed;

        /// <summary>Creates a full bucket.</summary>
        public GatewayTokenBucket(double rate, int burst, TimeProvider? timeProvider = null)
        {
            if (rate <= 0) throw new ArgumentOutOfRangeException(nameof(rate));
            if (burst <= 0) throw new ArgumentOutOfRangeException(nameof(burst));
            _rate = rate;
            _burst = burst;
            _time = timeProvider ?? TimeProvider.System;
            _tokens = burst;
            _last = _time.GetTimestamp();
            _idleSince = _last;
        }

        /// <inheritdoc/>
        public override TimeSpan? IdleDuration
        {
            get
            {
                lock (_lock) return _queue.CurrentCount == 1 ? _time.GetElapsedTime(_idleSince) : null;
            }
        }

        /// <inheritdoc/>
        public override RateLimiterStatistics? GetStatistics()
        {
            lock (_lock)
            {
                Refill();
                return new RateLimiterStatistics
                {
                    CurrentAvailablePermits = (long)_tokens,
                    CurrentQueuedCount = _queue.CurrentCount == 0 ? 1 : 0,
                    TotalSuccessfulLeases = _successful,
                    TotalFailedLeases = _failed,
                };
            }
        }

        /// <inheritdoc/>
        protected override RateLimitLease AttemptAcquireCore(int permitCount)
        {
            lock (_lock)
            {
                Refill();
                if (permitCount <= _tokens)
                {
                    _tokens -= permitCount;
                    _successful++;
                    return Lease.Granted;
                }
                _failed++;
                return new Lease(false, TimeSpan.FromSeconds((permitCount - _tokens) / _rate));
            }
        }

        /// <inheritdoc/>
        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            if (permitCount > _burst) return new Lease(false, null);
            await _queue.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                while (true)
                {
                    TimeSpan wait;
                    lock (_lock)
                    {
                        Refill();
                        if (permitCount <= _tokens)
                        {
                            _tokens -= permitCount;
                            _successful++;
                            _idleSince = _time.GetTimestamp();
                            return Lease.Granted;
                        }
                        wait = TimeSpan.FromSeconds((permitCount - _tokens) / _rate);
                    }
                    await Delay(wait, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                _queue.Release();
            }
        }

        private Task Delay(TimeSpan wait, CancellationToken cancellationToken)
        {
            if (wait < TimeSpan.FromMilliseconds(1)) wait = TimeSpan.FromMilliseconds(1);
#if NET8_0_OR_GREATER
            return Task.Delay(wait, _time, cancellationToken);
#else
            return _time == TimeProvider.System ? Task.Delay(wait, cancellationToken) : TimeProviderTaskExtensions.Delay(_time, wait, cancellationToken);
#endif
        }

        private void Refill()
        {
            long now = _time.GetTimestamp();
            double elapsed = (now - _last) / (double)_time.TimestampFrequency;
            _last = now;
            _tokens = Math.Min(_burst, _tokens + elapsed * _rate);
        }

        /// <inheritdoc/>
        protected override void Dispose(bool disposing)
        {
            if (disposing) _queue.Dispose();
            base.Dispose(disposing);
        }

        private sealed class Lease : RateLimitLease
        {
            public static readonly Lease Granted = new Lease(true, null);
            private readonly TimeSpan? _retryAfter;

            public Lease(bool acquired, TimeSpan? retryAfter)
            {
                IsAcquired = acquired;
                _retryAfter = retryAfter;
            }

            public override bool IsAcquired { get; }

            public override IEnumerable<string> MetadataNames => _retryAfter is null ? Array.Empty<string>() : new[] { MetadataName.RetryAfter.Name };

            public override bool TryGetMetadata(string metadataName, out object? metadata)
            {
                if (_retryAfter is not null && metadataName == MetadataName.RetryAfter.Name)
                {
                    metadata = _retryAfter.Value;
                    return true;
                }
                metadata = null;
                return false;
            }
        }
    }
}
