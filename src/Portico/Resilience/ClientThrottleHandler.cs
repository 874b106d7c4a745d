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
        private readonly PorticoResilienceOptions _options;

        /// <summary>Creates the handler. Without <see cref="PorticoResilienceOptions.RateLimit"/> only per-operation limits apply.</summary>
        public ClientThrottleHandler(PorticoResilienceOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            options.Validate();
        }

        /// <summary>Gives an operation its own limits (generated code does this from <c>x-portico-throttle</c>).</summary>
        public static void SetOperationLimit(HttpRequestMessage request, string operation, double rate, int burst)
        {
#if NET8_0_OR_GREATER
            request.Options.Set(OperationLimitKey, new OperationLimit(operation, rate, burst));
#else
            request.Properties[OperationLimitName] = new OperationLimit(operation, rate, burst);
#endif
        }

        private const string OperationLimitName = "Portico.OperationLimit";
#if NET8_0_OR_GREATER
        private static readonly HttpRequestOptionsKey<OperationLimit> OperationLimitKey = new HttpRequestOptionsKey<OperationLimit>(OperationLimitName);
#endif

        private sealed class OperationLimit
        {
            public OperationLimit(string operation, double rate, int burst)
            {
                Operation = operation;
                Rate = rate;
                Burst = burst;
            }

            public string Operation { get; }
            public double Rate { get; }
            public int Burst { get; }
        }

        /// <inheritdoc/>
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            OperationLimit? limit;
#if NET8_0_OR_GREATER
            request.Options.TryGetValue(OperationLimitKey, out limit);
#else
            limit = request.Properties.TryGetValue(OperationLimitName, out var l) ? l as OperationLimit : null;
#endif
            if (limit is null && _options.RateLimit is null) return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);

            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(_options.MaxQueueTime);
            var leases = new System.Collections.Generic.List<RateLimitLease>(2);
            try
            {
                if (limit is not null) leases.Add(await AcquireAsync(_options.OperationBucket(limit.Operation, limit.Rate, limit.Burst), start, wait.Token, cancellationToken).ConfigureAwait(false));
                if (_options.RateLimit is not null) leases.Add(await AcquireAsync(_options.Bucket, start, wait.Token, cancellationToken).ConfigureAwait(false));
                var queued = Elapsed(start);
#if NET8_0_OR_GREATER
                request.Options.Set(PorticoRequestOptionKeys.QueueTime, queued);
#else
                request.Properties[PorticoRequestOptionKeys.QueueTimeName] = queued;
#endif
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                foreach (var lease in leases) lease.Dispose();
            }
        }

        private async Task<RateLimitLease> AcquireAsync(RateLimiter bucket, long start, CancellationToken wait, CancellationToken caller)
        {
            RateLimitLease lease;
            try
            {
                lease = await bucket.AcquireAsync(1, wait).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!caller.IsCancellationRequested)
            {
                throw new ClientThrottledException("No token within " + _options.MaxQueueTime + " from the client-side bucket.", Elapsed(start));
            }
            if (!lease.IsAcquired)
            {
                lease.Dispose();
                throw new ClientThrottledException("The client-side bucket refused the request.", Elapsed(start));
            }
            return lease;
        }

        private static TimeSpan Elapsed(long start)
            => TimeSpan.FromSeconds((System.Diagnostics.Stopwatch.GetTimestamp() - start) / (double)System.Diagnostics.Stopwatch.Frequency);
    }
}
