using System;
using System.Net.Http;
using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace Portico.Http
{
    /// <summary>
    /// Replaces IHttpClientFactory's default request logging, which writes whole URIs: an API key sent as a query
    /// parameter would land in the logs. This logger writes the method, the URI without its query, the status and
    /// the duration, and never a header.
    /// </summary>
    public sealed class RedactingHttpLogger : IHttpClientLogger
    {
        private readonly ILogger _logger;

        /// <summary>Creates the logger.</summary>
        public RedactingHttpLogger(ILogger logger) => _logger = logger ?? throw new ArgumentNullException(nameof(logger));

        /// <summary>The URI as it may be logged: scheme, host, port and path; never the query or user info.</summary>
        public static string Redact(Uri? uri) => uri is null ? string.Empty
            : uri.IsAbsoluteUri ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) + (string.IsNullOrEmpty(uri.Query) ? string.Empty : "?*")
            : uri.OriginalString.Split('?')[0];

        /// <inheritdoc/>
        public object? LogRequestStart(HttpRequestMessage request)
        {
            if (_logger.IsEnabled(LogLevel.Information)) _logger.LogInformation("Sending {Method} {Uri}", request.Method, Redact(request.RequestUri));
            return null;
        }

        /// <inheritdoc/>
        public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed)
        {
            if (_logger.IsEnabled(LogLevel.Information)) _logger.LogInformation("{Method} {Uri} answered {Status} in {Elapsed} ms", request.Method, Redact(request.RequestUri), (int)response.StatusCode, elapsed.TotalMilliseconds);
        }

        /// <inheritdoc/>
        public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed)
        {
            // The exception's type only: messages of some handlers repeat the request URI.
            _logger.LogWarning("{Method} {Uri} failed after {Elapsed} ms: {Error}", request.Method, Redact(request.RequestUri), elapsed.TotalMilliseconds, exception.GetType().Name);
        }
    }
}
