using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace Portico.Resilience
{
    /// <summary>
    /// Retries what is safe to repeat, the way API Gateway wants to be retried: GET, HEAD, OPTIONS, PUT and DELETE;
    /// POST and PATCH only with an idempotency key header or when the operation is marked idempotent. Retries on
    /// 408, 429 (throttling, not quota exhaustion), 500, 502, 503, 504 and transport failures, waiting as
    /// <c>Retry-After</c> says or with exponential backoff and full jitter, within a retry budget and an overall
    /// deadline. The caller's cancellation stops everything. Built on Polly's retry and timeout strategies.
    /// </summary>
    public sealed class RetryHandler : DelegatingHandler
    {
        private readonly PorticoResilienceOptions _options;
        private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
        private readonly RetryBudget _budget;
        private readonly Func<double> _random;

        /// <summary>Creates the handler.</summary>
        public RetryHandler(PorticoResilienceOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            options.Validate();
            _budget = options.Budget;
            var shared = new Random();
            _random = options.Random ?? (() => { lock (shared) return shared.NextDouble(); });
            var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.TimeProvider };
            if (options.Deadline is TimeSpan deadline)
            {
                builder.AddTimeout(deadline);
            }
            if (options.MaxRetryAttempts > 0)
            {
                builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    MaxRetryAttempts = options.MaxRetryAttempts,
                    ShouldHandle = args => ShouldRetryAsync(args.Outcome, args.Context),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(Delay(args.AttemptNumber, args.Outcome.Result)),
                    BackoffType = DelayBackoffType.Constant,
                    Delay = TimeSpan.Zero,
                });
            }
            _pipeline = builder.Build();
        }

        /// <summary>The option key that marks a request's operation as idempotent (set by generated code from <c>x-portico-idempotent</c>).</summary>
        public static readonly ResiliencePropertyKey<bool> IdempotentKey = new ResiliencePropertyKey<bool>("Portico.Idempotent");

        private static readonly ResiliencePropertyKey<HttpRequestMessage> s_requestKey = new ResiliencePropertyKey<HttpRequestMessage>("Portico.Request");

        /// <inheritdoc/>
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _budget.Deposit();
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            try
            {
                context.Properties.Set(s_requestKey, request);
                var outcome = await _pipeline.ExecuteOutcomeAsync(
                    static async (ctx, state) =>
                    {
                        try
                        {
                            return Outcome.FromResult(await state.Handler.SendCoreAsync(state.Request, ctx.CancellationToken).ConfigureAwait(false));
                        }
                        catch (Exception ex)
                        {
                            return Outcome.FromException<HttpResponseMessage>(ex);
                        }
                    },
                    context,
                    (Handler: this, Request: request)).ConfigureAwait(false);
                if (outcome.Exception is not null)
                {
                    if (outcome.Exception is Polly.Timeout.TimeoutRejectedException timeout && !cancellationToken.IsCancellationRequested)
                    {
                        throw new TimeoutException("The call did not complete within its deadline of " + _options.Deadline + " (all attempts included).", timeout);
                    }
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(outcome.Exception).Throw();
                }
                return outcome.Result!;
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        private Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, CancellationToken cancellationToken) => base.SendAsync(request, cancellationToken);

        private async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
        {
            if (context.CancellationToken.IsCancellationRequested) return false;
            if (!context.Properties.TryGetValue(s_requestKey, out var request) || !IsRetryable(request)) return false;
            bool transient;
            if (outcome.Exception is not null)
            {
                transient = outcome.Exception is HttpRequestException
                    || (outcome.Exception is OperationCanceledException && !context.CancellationToken.IsCancellationRequested && outcome.Exception is not Polly.Timeout.TimeoutRejectedException)
                    || outcome.Exception is TimeoutException;
            }
            else
            {
                var response = outcome.Result!;
                int status = (int)response.StatusCode;
                transient = status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
                if (transient && status == 429)
                {
                    string? body = null;
                    if (response.Content is not null)
                    {
                        await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
                        body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    }
                    transient = ApiGatewayThrottling.Classify(status, body) == ThrottleKind.Throttled;
                }
            }
            return transient && _budget.TryWithdraw();
        }

        /// <summary>Whether a request may be sent twice: safe or idempotent methods, or an idempotency key, or an idempotent operation.</summary>
        public bool IsRetryable(HttpRequestMessage request)
        {
            string m = request.Method.Method.ToUpperInvariant();
            if (m == "GET" || m == "HEAD" || m == "OPTIONS" || m == "PUT" || m == "DELETE" || m == "TRACE") return true;
            if (request.Headers.Contains(_options.IdempotencyKeyHeader)) return true;
#if NET8_0_OR_GREATER
            return request.Options.TryGetValue(PorticoRequestOptionKeys.Idempotent, out bool idempotent) && idempotent;
#else
            return request.Properties.TryGetValue(PorticoRequestOptionKeys.IdempotentName, out var v) && v is true;
#endif
        }

        /// <summary>Retry-After when the response carries it, else exponential backoff with full jitter.</summary>
        internal TimeSpan Delay(int attempt, HttpResponseMessage? response)
        {
            if (response is not null && RetryAfter.TryGetDelay(response, _options.TimeProvider.GetUtcNow(), _options.MaxRetryAfter, out var retryAfter))
            {
                return retryAfter;
            }
            double ceiling = Math.Min(_options.MaxDelay.TotalMilliseconds, _options.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt));
            return TimeSpan.FromMilliseconds(ceiling * _random());
        }
    }

    /// <summary>Per-request facts that generated code passes to the handlers.</summary>
    public static class PorticoRequestOptionKeys
    {
        /// <summary>The name of the idempotency flag.</summary>
        public const string IdempotentName = "Portico.Idempotent";
        /// <summary>The name of the queue-time record.</summary>
        public const string QueueTimeName = "Portico.QueueTime";
#if NET8_0_OR_GREATER
        /// <summary>The operation is idempotent (<c>x-portico-idempotent: true</c>), so POST/PATCH may be retried.</summary>
        public static readonly HttpRequestOptionsKey<bool> Idempotent = new HttpRequestOptionsKey<bool>(IdempotentName);
        /// <summary>How long the request waited for the client-side token bucket.</summary>
        public static readonly HttpRequestOptionsKey<TimeSpan> QueueTime = new HttpRequestOptionsKey<TimeSpan>(QueueTimeName);
#endif
    }
}
