using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Portico.Validation;

namespace Portico.AspNetCore
{
    /// <summary>
    /// Checks incoming requests against generated operation validators exactly as API Gateway's request validators do:
    /// with <c>validateRequestParameters</c>, every required path, query and header parameter must be present and non-empty;
    /// with <c>validateRequestBody</c>, the body must match the schema mapped to its <c>Content-Type</c> (a request without
    /// one is taken as <c>application/json</c>; a content type without a schema is not checked). Operations without an
    /// assigned validator are not checked (see <see cref="PorticoValidationOptions.UnassignedOperations"/>).
    /// </summary>
    public sealed class PorticoRequestValidator
    {
        private const string DefaultContentType = "application/json";
        private readonly OperationMatcher _matcher;

        /// <summary>Prepares validation of <paramref name="operations"/> (a generated <c>XxxValidation.Operations</c>).</summary>
        public PorticoRequestValidator(IEnumerable<OperationValidator> operations, PorticoValidationOptions? options = null)
        {
            if (operations is null) throw new ArgumentNullException(nameof(operations));
            _matcher = new OperationMatcher(operations);
            Options = options ?? new PorticoValidationOptions();
        }

        /// <summary>The options.</summary>
        public PorticoValidationOptions Options { get; }

        /// <summary>
        /// Validates a request; writes the rejection and returns <c>false</c> when it is invalid, returns <c>true</c> when it may
        /// proceed (valid, not validated, or not an operation of the description). A body that was read is left readable from the start.
        /// </summary>
        public async Task<bool> ValidateAsync(HttpContext context)
        {
            if (context is null) throw new ArgumentNullException(nameof(context));
            var request = context.Request;
            var path = request.Path;
            if (Options.PathBase.HasValue)
            {
                if (!path.StartsWithSegments(Options.PathBase, StringComparison.Ordinal, out var rest)) return true;
                path = rest;
            }
            if (_matcher.Match(request.Method, path.Value ?? string.Empty) is not OperationMatch match) return true;
            var outcome = await CheckAsync(context, match).ConfigureAwait(false);
            if (outcome is null) return true;
            await WriteAsync(context, match.Operation, outcome).ConfigureAwait(false);
            return false;
        }

        /// <summary>
        /// Checks a request of a known operation; <c>null</c> when it may proceed, else what is wrong. With
        /// <see cref="PorticoErrorFormat.ApiGateway"/> checking stops at the first failing part (parameters, then body), as the
        /// gateway answers one message; with problem details every error is collected.
        /// </summary>
        public async Task<ValidationRejection?> CheckAsync(HttpContext context, OperationMatch match)
        {
            if (context is null) throw new ArgumentNullException(nameof(context));
            if (match is null) throw new ArgumentNullException(nameof(match));
            var op = match.Operation;
            var gateway = op.GatewayValidator ?? Options.UnassignedOperations;
            if (gateway is null) return null;
            bool all = Options.ErrorFormat == PorticoErrorFormat.ProblemDetails;
            List<string>? missing = null;
            var collector = new ValidationCollector();
            if (gateway.ValidateRequestParameters)
            {
                foreach (var p in op.Parameters)
                {
                    if (!p.Required) continue;
                    string? value = p.Location switch
                    {
                        "path" => match.PathValues.TryGetValue(p.Name, out var v) || match.PathValues.TryGetValue(p.Name.TrimEnd('+'), out v) ? v : null,
                        "query" => Last(context.Request.Query[p.Name]),
                        "header" => Last(context.Request.Headers[p.Name]),
                        _ => string.Empty, // API Gateway has no cookie parameters: nothing to check.
                    };
                    if (!string.IsNullOrEmpty(value)) continue;
                    (missing ??= new List<string>()).Add(p.Name);
                    collector.Prefix = p.ErrorPath;
                    collector.Add("required", value is null
                        ? "The required " + p.Location + " parameter '" + p.Name + "' is missing."
                        : "The required " + p.Location + " parameter '" + p.Name + "' is empty.");
                }
                collector.Prefix = string.Empty;
                if (missing is not null && !all) return new ValidationRejection(ValidationRejectionKind.Parameters, missing, collector.Errors);
            }
            bool bodyInvalid = false;
            if (gateway.ValidateRequestBody)
            {
                string contentType = string.IsNullOrWhiteSpace(context.Request.ContentType) ? DefaultContentType : context.Request.ContentType!;
                if (op.BodyFor(contentType) is BodyValidator body)
                {
                    var read = await ReadBodyAsync(context.Request).ConfigureAwait(false);
                    if (read.TooLarge) return new ValidationRejection(ValidationRejectionKind.TooLarge, Array.Empty<string>(), Array.Empty<ValidationError>());
                    try
                    {
                        bodyInvalid = !CheckBody(read.Bytes.AsMemory(0, read.Length), op.BodyRequired, body, collector);
                    }
                    finally
                    {
                        if (read.Bytes.Length > 0) ArrayPool<byte>.Shared.Return(read.Bytes);
                    }
                }
            }
            if (!bodyInvalid && missing is null) return null;
            return new ValidationRejection(missing is not null ? ValidationRejectionKind.Parameters : ValidationRejectionKind.Body, (IReadOnlyList<string>?)missing ?? Array.Empty<string>(), collector.Errors);
        }

        private static bool CheckBody(ReadOnlyMemory<byte> bytes, bool required, BodyValidator body, ValidationCollector collector)
        {
            collector.Prefix = "body";
            try
            {
                if (bytes.Length == 0)
                {
                    if (!required) return true;
                    collector.Add("required", "The request body is required.");
                    return false;
                }
                // One reader pass decides and lists the errors; no document is built.
                return body.Schema.Validate(bytes, collector, "body") && !collector.HasErrors;
            }
            finally
            {
                collector.Prefix = string.Empty;
            }
        }

        private static string? Last(StringValues values) => values.Count == 0 ? null : values[values.Count - 1] ?? string.Empty;

        private async Task<(byte[] Bytes, int Length, bool TooLarge)> ReadBodyAsync(HttpRequest request)
        {
            long limit = Options.MaxBodyBytes;
            if (request.ContentLength is long declared && declared > limit) return (Array.Empty<byte>(), 0, true);
            request.EnableBuffering();
            var stream = request.Body;
            stream.Position = 0;
            byte[] buffer = ArrayPool<byte>.Shared.Rent(request.ContentLength is long n && n > 0 ? (int)Math.Min(n + 1, int.MaxValue - 1) : 4096);
            int length = 0;
            try
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        Buffer.BlockCopy(buffer, 0, bigger, 0, length);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }
                    int read = await stream.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted).ConfigureAwait(false);
                    if (read == 0) break;
                    length += read;
                    if (length > limit)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        stream.Position = 0;
                        return (Array.Empty<byte>(), 0, true);
                    }
                }
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }
            stream.Position = 0;
            return (buffer, length, false);
        }

        private async Task WriteAsync(HttpContext context, OperationValidator operation, ValidationRejection rejection)
        {
            var response = context.Response;
            if (rejection.Kind == ValidationRejectionKind.TooLarge)
            {
                response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                response.ContentType = "application/json";
                await response.WriteAsync("{\"message\":\"Request Too Long\"}").ConfigureAwait(false);
                return;
            }
            response.StatusCode = StatusCodes.Status400BadRequest;
            if (Options.ErrorFormat == PorticoErrorFormat.ApiGateway)
            {
                response.ContentType = "application/json";
                await response.WriteAsync(ApiGatewayBody(rejection)).ConfigureAwait(false);
                return;
            }
            response.ContentType = "application/problem+json";
            var buffer = new ArrayBufferWriter<byte>();
            WriteProblem(buffer, context, operation, rejection);
            await response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
        }

        /// <summary>API Gateway's default body for a rejection: <c>{"message": "..."}</c>.</summary>
        public static string ApiGatewayBody(ValidationRejection rejection)
        {
            if (rejection is null) throw new ArgumentNullException(nameof(rejection));
            string message = rejection.Kind == ValidationRejectionKind.Parameters
                ? "Missing required request parameters: [" + string.Join(", ", rejection.MissingParameters) + "]"
                : "Invalid request body";
            var sb = new StringBuilder("{\"message\": ");
            sb.Append(JsonSerializer.Serialize(message, PorticoAspNetCoreJson.Default.String));
            return sb.Append('}').ToString();
        }

        private static void WriteProblem(IBufferWriter<byte> output, HttpContext context, OperationValidator operation, ValidationRejection rejection)
        {
            using var w = new Utf8JsonWriter(output);
            w.WriteStartObject();
            w.WriteString("type", "https://tools.ietf.org/html/rfc9110#section-15.5.1");
            w.WriteString("title", "The request does not match the API description.");
            w.WriteNumber("status", StatusCodes.Status400BadRequest);
            w.WriteString("detail", rejection.Kind == ValidationRejectionKind.Parameters
                ? "Missing required request parameters: [" + string.Join(", ", rejection.MissingParameters) + "]" + (HasBodyErrors(rejection) ? "; invalid request body" : string.Empty)
                : "Invalid request body");
            w.WriteString("instance", context.Request.Path.Value ?? string.Empty);
            w.WriteString("operationId", operation.OperationId);
            w.WriteStartArray("errors");
            foreach (var e in rejection.Errors)
            {
                Split(e.Path, out string location, out string? name, out string pointer);
                w.WriteStartObject();
                w.WriteString("in", location);
                if (name is not null) w.WriteString("name", name);
                w.WriteString("pointer", pointer);
                w.WriteString("keyword", e.Keyword);
                w.WriteString("message", e.Message);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }

        private static bool HasBodyErrors(ValidationRejection rejection)
        {
            foreach (var e in rejection.Errors)
            {
                if (e.Path == "body" || e.Path.StartsWith("body/", StringComparison.Ordinal)) return true;
            }
            return false;
        }

        /// <summary>Splits <c>body/a/0</c> into <c>body</c> and <c>/a/0</c>; <c>query/limit</c> into <c>query</c>, <c>limit</c> and an empty pointer.</summary>
        private static void Split(string path, out string location, out string? name, out string pointer)
        {
            int slash = path.IndexOf('/');
            location = slash < 0 ? path : path.Substring(0, slash);
            string rest = slash < 0 ? string.Empty : path.Substring(slash);
            if (location == "body")
            {
                name = null;
                pointer = rest;
                return;
            }
            int next = rest.Length > 1 ? rest.IndexOf('/', 1) : -1;
            string escaped = next < 0 ? (rest.Length > 0 ? rest.Substring(1) : string.Empty) : rest.Substring(1, next - 1);
            name = escaped.Replace("~1", "/").Replace("~0", "~");
            pointer = next < 0 ? string.Empty : rest.Substring(next);
        }
    }

    /// <summary>What part of a request failed.</summary>
    public enum ValidationRejectionKind
    {
        /// <summary>Required parameters are missing or empty (<c>BAD_REQUEST_PARAMETERS</c>).</summary>
        Parameters,

        /// <summary>The body does not match its schema (<c>BAD_REQUEST_BODY</c>).</summary>
        Body,

        /// <summary>The body is longer than <see cref="PorticoValidationOptions.MaxBodyBytes"/>.</summary>
        TooLarge,
    }

    /// <summary>Why a request is refused.</summary>
    public sealed class ValidationRejection
    {
        /// <summary>Creates a rejection.</summary>
        public ValidationRejection(ValidationRejectionKind kind, IReadOnlyList<string> missingParameters, IReadOnlyList<ValidationError> errors)
        {
            Kind = kind;
            MissingParameters = missingParameters;
            Errors = errors;
        }

        /// <summary>The part that failed first (parameters are checked before the body).</summary>
        public ValidationRejectionKind Kind { get; }

        /// <summary>The names of the missing or empty required parameters, in the order the description declares them.</summary>
        public IReadOnlyList<string> MissingParameters { get; }

        /// <summary>Every error found, with its path (<c>query/q1</c>, <c>body/items/0/name</c>) and keyword.</summary>
        public IReadOnlyList<ValidationError> Errors { get; }
    }
}
