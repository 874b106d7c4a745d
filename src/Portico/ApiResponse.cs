using System.Collections.Generic;

namespace Portico
{
    /// <summary>The status code and headers of a response, for operations without a body.</summary>
    public class ApiResponse
    {
        /// <summary>Creates a response.</summary>
        public ApiResponse(int statusCode, IReadOnlyDictionary<string, IEnumerable<string>> headers)
        {
            StatusCode = statusCode;
            Headers = headers ?? EmptyHeaders.Instance;
        }

        /// <summary>The HTTP status code.</summary>
        public int StatusCode { get; }

        /// <summary>Response and content headers, case-insensitive.</summary>
        public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; }
    }

    /// <summary>A response with its deserialized body.</summary>
    /// <typeparam name="T">The body type.</typeparam>
    public sealed class ApiResponse<T> : ApiResponse
    {
        /// <summary>Creates a response.</summary>
        public ApiResponse(int statusCode, IReadOnlyDictionary<string, IEnumerable<string>> headers, T value)
            : base(statusCode, headers)
        {
            Value = value;
        }

        /// <summary>The body.</summary>
        public T Value { get; }
    }
}
