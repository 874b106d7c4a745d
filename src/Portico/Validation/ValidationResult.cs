using System;
using System.Collections.Generic;
using System.Text;

namespace Portico.Validation
{
    /// <summary>One way a value breaks its schema.</summary>
    public sealed class ValidationError
    {
        /// <summary>Creates an error.</summary>
        /// <param name="path">JSON Pointer (RFC 6901) to the offending value; for parameters and bodies prefixed by <c>query/limit</c> or <c>body</c>.</param>
        /// <param name="keyword">The schema keyword that failed.</param>
        /// <param name="message">A readable explanation.</param>
        public ValidationError(string path, string keyword, string message)
        {
            Path = path;
            Keyword = keyword;
            Message = message;
        }

        /// <summary>JSON Pointer (RFC 6901) to the offending value inside the validated document; empty for the root. For parameters, prefixed by their location and name (<c>query/limit</c>); for request bodies by <c>body</c>.</summary>
        public string Path { get; }

        /// <summary>The schema keyword that failed (<c>type</c>, <c>required</c>, <c>maxLength</c>…).</summary>
        public string Keyword { get; }

        /// <summary>A readable explanation.</summary>
        public string Message { get; }

        /// <inheritdoc />
        public override string ToString() => (Path.Length == 0 ? "(root)" : Path) + ": " + Message + " [" + Keyword + "]";
    }

    /// <summary>The outcome of validating one value: valid, or every error found.</summary>
    public sealed class ValidationResult
    {
        private static readonly ValidationError[] s_none = new ValidationError[0];

        /// <summary>The result of a valid value (shared, so valid input costs no allocation).</summary>
        public static ValidationResult Success { get; } = new ValidationResult(s_none);

        /// <summary>Creates a result from errors (none means valid).</summary>
        public ValidationResult(IReadOnlyList<ValidationError> errors) => Errors = errors ?? s_none;

        /// <summary>Whether the value is valid.</summary>
        public bool IsValid => Errors.Count == 0;

        /// <summary>Every error, in document order.</summary>
        public IReadOnlyList<ValidationError> Errors { get; }

        /// <inheritdoc />
        public override string ToString() => IsValid ? "valid" : Describe(Errors);

        internal static string Describe(IReadOnlyList<ValidationError> errors)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < errors.Count && i < 20; i++)
            {
                if (i > 0) sb.Append("; ");
                sb.Append(errors[i]);
            }
            if (errors.Count > 20) sb.Append("; … ").Append(errors.Count - 20).Append(" more");
            return sb.ToString();
        }
    }

    /// <summary>What a response body is checked for (<see cref="PorticoClientOptions.ResponseValidation"/>).</summary>
    public enum ResponseValidationMode
    {
        /// <summary>Responses are not validated (the default).</summary>
        Off,

        /// <summary>Invalid responses are reported (<see cref="PorticoClientOptions.ResponseValidationFailed"/>, the logger) and still returned.</summary>
        Warn,

        /// <summary>Invalid responses throw <see cref="ResponseValidationException"/>.</summary>
        Throw,
    }

    /// <summary>Whether <c>readOnly</c> or <c>writeOnly</c> properties are out of place.</summary>
    public enum ValidationDirection
    {
        /// <summary>Neither is checked.</summary>
        None,

        /// <summary>A request: <c>readOnly</c> properties must not be sent (and are not required).</summary>
        Request,

        /// <summary>A response: <c>writeOnly</c> properties must not be returned (and are not required).</summary>
        Response,
    }

    /// <summary>A request broke the description; thrown before any HTTP call is made.</summary>
    public sealed class RequestValidationException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public RequestValidationException(string operationId, IReadOnlyList<ValidationError> errors)
            : base("The request of '" + operationId + "' does not match the API description: " + ValidationResult.Describe(errors))
        {
            OperationId = operationId;
            Errors = errors;
        }

        /// <summary>The operation.</summary>
        public string OperationId { get; }

        /// <summary>Every error found (parameters are under <c>path/</c>, <c>query/</c>, <c>header/</c>, <c>cookie/</c>; the body under <c>body</c>).</summary>
        public IReadOnlyList<ValidationError> Errors { get; }
    }

    /// <summary>A response broke the description (with <see cref="ResponseValidationMode.Throw"/>).</summary>
    public sealed class ResponseValidationException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public ResponseValidationException(string operationId, int statusCode, IReadOnlyList<ValidationError> errors)
            : base("The " + statusCode + " response of '" + operationId + "' does not match the API description: " + ValidationResult.Describe(errors))
        {
            OperationId = operationId;
            StatusCode = statusCode;
            Errors = errors;
        }

        /// <summary>The operation.</summary>
        public string OperationId { get; }

        /// <summary>The status of the response.</summary>
        public int StatusCode { get; }

        /// <summary>Every error found in the body.</summary>
        public IReadOnlyList<ValidationError> Errors { get; }
    }

    /// <summary>An invalid response seen with <see cref="ResponseValidationMode.Warn"/>.</summary>
    public sealed class ResponseValidationFailure
    {
        /// <summary>Creates the report.</summary>
        public ResponseValidationFailure(string operationId, int statusCode, IReadOnlyList<ValidationError> errors)
        {
            OperationId = operationId;
            StatusCode = statusCode;
            Errors = errors;
        }

        /// <summary>The operation.</summary>
        public string OperationId { get; }

        /// <summary>The status of the response.</summary>
        public int StatusCode { get; }

        /// <summary>Every error found in the body.</summary>
        public IReadOnlyList<ValidationError> Errors { get; }
    }
}
