using System;
using System.Collections.Generic;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Portico.Validation;

namespace Portico.AspNetCore
{
    /// <summary>Registers Portico's request validation as middleware or on endpoints.</summary>
    public static class PorticoValidationExtensions
    {
        /// <summary>
        /// Validates every request whose method and path match one of <paramref name="operations"/> before the rest of the
        /// pipeline runs; invalid requests are answered 400 and go no further.
        /// </summary>
        /// <example><code>app.UsePorticoValidation(PetsValidation.Operations, o => o.ErrorFormat = PorticoErrorFormat.ProblemDetails);</code></example>
        public static IApplicationBuilder UsePorticoValidation(this IApplicationBuilder app, IEnumerable<OperationValidator> operations, Action<PorticoValidationOptions>? configure = null)
        {
            if (app is null) throw new ArgumentNullException(nameof(app));
            var validator = Create(operations, configure);
            return app.Use(next => async context =>
            {
                if (await validator.ValidateAsync(context).ConfigureAwait(false)) await next(context).ConfigureAwait(false);
            });
        }

        /// <summary>
        /// Validates the requests of the endpoints of <paramref name="builder"/> (a route group, or a single endpoint) against
        /// <paramref name="operations"/>, before their parameters are bound: an invalid request never reaches the handler.
        /// Requests that match no operation go through unchecked.
        /// </summary>
        /// <example><code>app.MapGroup("/").AddPorticoValidation(PetsValidation.Operations);</code></example>
        public static TBuilder AddPorticoValidation<TBuilder>(this TBuilder builder, IEnumerable<OperationValidator> operations, Action<PorticoValidationOptions>? configure = null)
            where TBuilder : IEndpointConventionBuilder
        {
            if (builder is null) throw new ArgumentNullException(nameof(builder));
            var validator = Create(operations, configure);
            builder.Add(endpoint =>
            {
                var inner = endpoint.RequestDelegate;
                if (inner is null) return;
                endpoint.Metadata.Add(validator);
                endpoint.RequestDelegate = async context =>
                {
                    if (await validator.ValidateAsync(context).ConfigureAwait(false)) await inner(context).ConfigureAwait(false);
                };
            });
            return builder;
        }

        private static PorticoRequestValidator Create(IEnumerable<OperationValidator> operations, Action<PorticoValidationOptions>? configure)
        {
            if (operations is null) throw new ArgumentNullException(nameof(operations));
            var options = new PorticoValidationOptions();
            configure?.Invoke(options);
            return new PorticoRequestValidator(operations, options);
        }
    }
}
