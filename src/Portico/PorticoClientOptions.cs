using System;
using System.Collections.Generic;
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;
using Portico.Auth;
using Portico.Caching;
using Portico.Resilience;

namespace Portico
{
    /// <summary>Everything a generated client's HTTP pipeline can be told: base address, credentials, retries, throttling, caching.</summary>
    public sealed class PorticoClientOptions
    {
        /// <summary>Where requests go; overrides the document's first server.</summary>
        public Uri? BaseAddress { get; set; }

        /// <summary>Credentials for the document's security schemes.</summary>
        public PorticoCredentials Credentials { get; } = new PorticoCredentials();

        /// <summary>Retries, deadline and client-side throttling.</summary>
        public PorticoResilienceOptions Resilience { get; } = new PorticoResilienceOptions();

        /// <summary>Turns the client-side GET cache on (off by default).</summary>
        public bool EnableResponseCache { get; set; }

        /// <summary>Options of the client-side cache.</summary>
        public ResponseCacheOptions Cache { get; } = new ResponseCacheOptions();

        /// <summary>
        /// Validates parameters and bodies against the description before sending (on by default): an invalid request
        /// throws <see cref="Portico.Validation.RequestValidationException"/> with every error and makes no HTTP call.
        /// </summary>
        public bool ValidateRequests { get; set; } = true;

        /// <summary>Whether JSON response bodies are checked against the description: off (default), warn or throw.</summary>
        public Portico.Validation.ResponseValidationMode ResponseValidation { get; set; }

        /// <summary>Called for each invalid response when <see cref="ResponseValidation"/> is <see cref="Portico.Validation.ResponseValidationMode.Warn"/>.</summary>
        public Action<Portico.Validation.ResponseValidationFailure>? ResponseValidationFailed { get; set; }

        /// <summary>Where invalid responses are logged (as warnings) when <see cref="ResponseValidation"/> is <see cref="Portico.Validation.ResponseValidationMode.Warn"/>.</summary>
        public Microsoft.Extensions.Logging.ILogger? ValidationLogger { get; set; }

        /// <summary>
        /// Reads options from configuration (no reflection, so trimming and AOT keep working). Keys:
        /// <c>BaseAddress</c>, <c>ApiKey</c>, <c>AwsRegion</c>, <c>ClientId</c>, <c>ClientSecret</c>, <c>TokenUrl</c>, <c>Scopes</c>
        /// (space-separated), <c>MaxRetryAttempts</c>, <c>BaseDelay</c>, <c>MaxDelay</c>, <c>Deadline</c>, <c>RateLimit</c>,
        /// <c>BurstLimit</c>, <c>MaxQueueTime</c>, <c>EnableResponseCache</c>; time spans as <c>hh:mm:ss</c>. Invalid values name their key.
        /// </summary>
        public PorticoClientOptions Bind(Microsoft.Extensions.Configuration.IConfiguration configuration)
        {
            if (configuration is null) throw new ArgumentNullException(nameof(configuration));
            string? Get(string key) => string.IsNullOrWhiteSpace(configuration[key]) ? null : configuration[key];
            T Parse<T>(string key, string value, Func<string, (bool, T)> parse)
            {
                var (ok, v) = parse(value);
                if (!ok) throw new FormatException("Configuration key '" + key + "' has an invalid value for " + typeof(T).Name + ".");
                return v;
            }
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            if (Get("BaseAddress") is string b) BaseAddress = Parse("BaseAddress", b, s => (Uri.TryCreate(s.EndsWith("/", StringComparison.Ordinal) ? s : s + "/", UriKind.Absolute, out var u), u!));
            if (Get("ApiKey") is string k) Credentials.ApiKey = k;
            if (Get("AwsRegion") is string r) Credentials.AwsRegion = r;
            if (Get("ClientId") is string ci) Credentials.ClientId = ci;
            if (Get("ClientSecret") is string cs) Credentials.ClientSecret = cs;
            if (Get("TokenUrl") is string tu) Credentials.TokenUrl = tu;
            if (Get("Scopes") is string sc) foreach (var scope in sc.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries)) Credentials.Scopes.Add(scope);
            if (Get("MaxRetryAttempts") is string m) Resilience.MaxRetryAttempts = Parse("MaxRetryAttempts", m, s => (int.TryParse(s, System.Globalization.NumberStyles.Integer, inv, out var i), i));
            if (Get("BaseDelay") is string bd) Resilience.BaseDelay = Parse("BaseDelay", bd, s => (TimeSpan.TryParse(s, inv, out var t), t));
            if (Get("MaxDelay") is string md) Resilience.MaxDelay = Parse("MaxDelay", md, s => (TimeSpan.TryParse(s, inv, out var t), t));
            if (Get("Deadline") is string dl) Resilience.Deadline = Parse("Deadline", dl, s => (TimeSpan.TryParse(s, inv, out var t), t));
            if (Get("RateLimit") is string rl) Resilience.RateLimit = Parse("RateLimit", rl, s => (double.TryParse(s, System.Globalization.NumberStyles.Float, inv, out var d), d));
            if (Get("BurstLimit") is string bl) Resilience.BurstLimit = Parse("BurstLimit", bl, s => (int.TryParse(s, System.Globalization.NumberStyles.Integer, inv, out var i), i));
            if (Get("MaxQueueTime") is string mq) Resilience.MaxQueueTime = Parse("MaxQueueTime", mq, s => (TimeSpan.TryParse(s, inv, out var t), t));
            if (Get("EnableResponseCache") is string ec) EnableResponseCache = Parse("EnableResponseCache", ec, s => (bool.TryParse(s, out var v), v));
            Resilience.Validate();
            return this;
        }

        /// <summary>Time source for every timed part (tests pass a fake one).</summary>
        public TimeProvider TimeProvider
        {
            get => Resilience.TimeProvider;
            set
            {
                Resilience.TimeProvider = value;
                Cache.TimeProvider = value;
            }
        }
    }

    /// <summary>Assembles Portico's handlers in the order that keeps each concern correct.</summary>
    public static class PorticoPipeline
    {
        /// <summary>
        /// Redirects (credential-safe) → cache → retries (and deadline) → client-side token bucket → authentication
        /// (signing last, once per attempt) → the primary handler, which must not follow redirects.
        /// </summary>
        public static IEnumerable<DelegatingHandler> Handlers(PorticoClientOptions options, IEnumerable<SecuritySchemeInfo> schemes)
        {
            yield return new RedirectHandler();
            if (options.EnableResponseCache) yield return new ResponseCacheHandler(options.Cache);
            yield return new RetryHandler(options.Resilience);
            yield return new ClientThrottleHandler(options.Resilience);
            yield return new AuthenticationHandler(schemes, options.Credentials, options.TimeProvider);
        }

        /// <summary>Builds the whole chain over a primary handler, for use without dependency injection.</summary>
        public static HttpMessageHandler CreateHandler(PorticoClientOptions options, IEnumerable<SecuritySchemeInfo> schemes, HttpMessageHandler? primary = null)
        {
            HttpMessageHandler inner = primary ?? new HttpClientHandler { AllowAutoRedirect = false };
            var handlers = new List<DelegatingHandler>(Handlers(options, schemes));
            for (int i = handlers.Count - 1; i >= 0; i--)
            {
                handlers[i].InnerHandler = inner;
                inner = handlers[i];
            }
            return inner;
        }

        /// <summary>Adds the chain to a client registered with IHttpClientFactory (shared state lives in the options, so each handler instance is cheap).</summary>
        public static IHttpClientBuilder AddPorticoHandlers(this IHttpClientBuilder builder, PorticoClientOptions options, IEnumerable<SecuritySchemeInfo> schemes)
        {
            builder.ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false });
            // The factory's own loggers write whole URIs (a query API key included): log without queries instead.
            builder.RemoveAllLoggers();
            builder.AddLogger(sp => new global::Portico.Http.RedactingHttpLogger(
                ((Microsoft.Extensions.Logging.ILoggerFactory?)sp.GetService(typeof(Microsoft.Extensions.Logging.ILoggerFactory)) ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance)
                    .CreateLogger("Portico.Http." + builder.Name)));
            var list = new List<SecuritySchemeInfo>(schemes);
            builder.AddHttpMessageHandler(() => new RedirectHandler());
            if (options.EnableResponseCache) builder.AddHttpMessageHandler(() => new ResponseCacheHandler(options.Cache));
            builder.AddHttpMessageHandler(() => new RetryHandler(options.Resilience));
            builder.AddHttpMessageHandler(() => new ClientThrottleHandler(options.Resilience));
            builder.AddHttpMessageHandler(() => new AuthenticationHandler(list, options.Credentials, options.TimeProvider));
            return builder;
        }
    }
}
