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
