using System;
using System.Collections.Generic;

namespace Portico
{
    /// <summary>
    /// Thrown when an operation answers with a status code the caller did not ask to receive as a value.
    /// The message names the method, the path (never the query string or any header, so no credential
    /// appears in it) and the status; the raw body is in <see cref="Content"/>.
    /// </summary>
    public class ApiException : Exception
    {
        /// <summary>Creates an exception for a non-success response.</summary>
        public ApiException(string message, int statusCode, string? content, IReadOnlyDictionary<string, IEnumerable<string>> headers, Exception? innerException = null)
            : base(message, innerException)
        {
            StatusCode = statusCode;
            Content = content;
            Headers = headers ?? EmptyHeaders.Instance;
        }

        /// <summary>The HTTP status code of the response.</summary>
        public int StatusCode { get; }

        /// <summary>The response body as text, or <c>null</c> when there was none.</summary>
        public string? Content { get; }

        /// <summary>Response and content headers, case-insensitive.</summary>
        public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; }
    }

    /// <summary>An <see cref="ApiException"/> whose body matched the error schema the document declares for the status.</summary>
    /// <typeparam name="TError">The declared error type.</typeparam>
    public class ApiException<TError> : ApiException
    {
        /// <summary>Creates an exception that carries a typed error body.</summary>
        public ApiException(string message, int statusCode, string? content, IReadOnlyDictionary<string, IEnumerable<string>> headers, TError error, Exception? innerException = null)
            : base(message, statusCode, content, headers, innerException)
        {
            Error = error;
        }

        /// <summary>The deserialized error body.</summary>
        public TError Error { get; }
    }

    internal sealed class EmptyHeaders
    {
        public static readonly IReadOnlyDictionary<string, IEnumerable<string>> Instance =
            new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
    }
}
