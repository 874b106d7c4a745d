using System;
using System.Net.Http;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace Portico.Resilience
{
    /// <summary>
    /// A client-side token bucket (rate per second and burst, as in an API Gateway usage plan), so that a client stays
    /// under its limit instead of provoking 429s. Requests queue in arrival order for at most
    /// <see cref="PorticoResilienceOptions.MaxQueueTime"/>; the time spent waiting is recorded on the request.
    /// The bucket is a <see cref="RateLimiter"/> (<see cref="GatewayTokenBucket"/>) with continuous refill.
    /// </summary>
    public sealed class ClientThrottleHandler : DelegatingHandler
    {
        private readonly RateLimiter _bucket;
        private readonly PorticoResilienceOptions _options;

        /// <summary>Creates the handler; <see cref="PorticoResilienceOptions.RateLimit"/> must be set.</summary>
        public ClientThrottleHandler(PorticoResilienceOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            options.Validate();
            if (options.RateLimit is null) throw new ArgumentException("RateLimit is not set.", nameof(options));
            _bucket = options.Bucket;
        }

        /// <inheritdoc/>
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(_options.MaxQueueTime);
            RateLimitLease lease;
            try
            {
                lease = await _bucket.AcquireAsync(1, wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ClientThrottledException("No token within " + _options.MaxQueueTime + " from the client-side bucket (" + _options.RateLimit + "/s).", Elapsed(start));
            }
            using (lease)
            {
                if (!lease.IsAcquired) throw new ClientThrottledException("The client-side bucket refused the request.", Elapsed(start));
                var queued = Elapsed(start);
#if NET8_0_OR_GREATER
                request.Options.Set(PorticoRequestOptionKeys.QueueTime, queued);
#else
                request.Properties[PorticoRequestOptionKeys.QueueTimeName] = queued;
#endif
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
        }

        private static TimeSpan Elapsed(long start)
            => TimeSpan.FromSeconds((System.Diagnostics.Stopwatch.GetTimestamp() - start) / (double)System.Diagnostics.Stopwatch.Frequency);

    }
}
