using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace Portico.Http
{
    /// <summary>
    /// What every generated client shares: the <see cref="HttpClient"/>, the base address and response handling.
    /// </summary>
    public sealed class ApiClientCore
    {
        private readonly Uri? _defaultBaseAddress;

        /// <summary>Creates the core of a client.</summary>
        /// <param name="http">The client that sends requests; its <see cref="HttpClient.BaseAddress"/> wins over the document's server.</param>
        /// <param name="defaultBaseAddress">The first server URL of the document (variables at their defaults), or <c>null</c>.</param>
        public ApiClientCore(HttpClient http, string? defaultBaseAddress)
        {
            Http = http ?? throw new ArgumentNullException(nameof(http));
            if (defaultBaseAddress is not null && Uri.TryCreate(defaultBaseAddress, UriKind.Absolute, out var uri))
            {
                _defaultBaseAddress = uri;
            }
        }

        /// <summary>The HTTP client.</summary>
        public HttpClient Http { get; }

        /// <summary>The options validation follows (<see cref="PorticoClientOptions.ValidateRequests"/>, <see cref="PorticoClientOptions.ResponseValidation"/>); <c>null</c> means requests are validated and responses are not.</summary>
        public PorticoClientOptions? Options { get; set; }

        /// <summary>Whether generated operations validate requests before sending.</summary>
        public bool ValidateRequests => Options?.ValidateRequests ?? true;

        /// <summary>
        /// Reads a JSON body, first checking it against <paramref name="schema"/> when <see cref="PorticoClientOptions.ResponseValidation"/>
        /// asks: <c>Warn</c> reports and returns the value, <c>Throw</c> throws <see cref="Portico.Validation.ResponseValidationException"/>.
        /// </summary>
        public Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, Portico.Validation.SchemaValidator schema, string operationId, CancellationToken cancellationToken)
        {
            var mode = Options?.ResponseValidation ?? Portico.Validation.ResponseValidationMode.Off;
            return mode == Portico.Validation.ResponseValidationMode.Off
                ? ReadJsonAsync(response, typeInfo, cancellationToken)
                : ReadValidatedJsonAsync(response, typeInfo, schema, operationId, mode, cancellationToken);
        }

        private async Task<T> ReadValidatedJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, Portico.Validation.SchemaValidator schema, string operationId, Portico.Validation.ResponseValidationMode mode, CancellationToken cancellationToken)
        {
            if (response.Content is null) return default!;
#if NET8_0_OR_GREATER
            byte[] bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
#else
            byte[] bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
#endif
            if (bytes.Length == 0) return default!;
            var result = schema.Validate(bytes, Portico.Validation.ValidationDirection.Response);
            if (!result.IsValid)
            {
                int status = (int)response.StatusCode;
                if (mode == Portico.Validation.ResponseValidationMode.Throw) throw new Portico.Validation.ResponseValidationException(operationId, status, result.Errors);
                var failure = new Portico.Validation.ResponseValidationFailure(operationId, status, result.Errors);
                Options!.ResponseValidationFailed?.Invoke(failure);
                if (Options.ValidationLogger is { } logger)
                {
                    Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(logger, "The {Status} response of {OperationId} does not match the API description: {Errors}", status, operationId, result.ToString());
                }
            }
            return JsonSerializer.Deserialize(bytes, typeInfo)!;
        }

        /// <summary>
        /// The address requests are sent to: the HTTP client's <see cref="HttpClient.BaseAddress"/> as it is when the
        /// request is made (it may be set after the client was created), else the document's server.
        /// </summary>
        public Uri BaseAddress => Http.BaseAddress ?? _defaultBaseAddress ?? throw new InvalidOperationException(
            "No base address: the document has no absolute server URL, so set HttpClient.BaseAddress.");

        /// <summary>Sends a request built by a generated operation.</summary>
        public Task<HttpResponseMessage> SendAsync(RequestBuilder builder, CancellationToken cancellationToken)
        {
            var request = builder.Build(BaseAddress);
            return SendCoreAsync(request, cancellationToken);
        }

        /// <summary>
        /// Completes the request's validation (its body, once serialized), sends it and answers as <paramref name="plan"/>
        /// says: the success value with status and headers, or the <see cref="ApiException"/> of an error status.
        /// </summary>
        public async Task<ApiResponse<T>> SendAsync<T>(RequestBuilder builder, ResponsePlan<T> plan, CancellationToken cancellationToken)
        {
            if (plan is null) throw new ArgumentNullException(nameof(plan));
            await CompleteValidationAsync(builder, cancellationToken).ConfigureAwait(false);
            var response = await SendAsync(builder, cancellationToken).ConfigureAwait(false);
            bool dispose = true;
            try
            {
                int status = (int)response.StatusCode;
                var c = plan.Match(status);
                if (c is { IsSuccess: true } success)
                {
                    var entry = plan.Successes[success.Index];
                    T value = entry.Read is null ? default! : await entry.Read(this, response, builder.OperationId, cancellationToken).ConfigureAwait(false);
                    var headers = Headers(response);
                    dispose = !entry.KeepResponse;
                    return new ApiResponse<T>(status, headers, value);
                }
                throw await plan.FailAsync(c, response, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (dispose) response.Dispose();
            }
        }

        /// <summary>As <see cref="SendAsync{T}(RequestBuilder, ResponsePlan{T}, CancellationToken)"/>, for an operation that returns no value.</summary>
        public async Task<ApiResponse> SendAsync(RequestBuilder builder, ResponsePlan plan, CancellationToken cancellationToken)
        {
            if (plan is null) throw new ArgumentNullException(nameof(plan));
            await CompleteValidationAsync(builder, cancellationToken).ConfigureAwait(false);
            using var response = await SendAsync(builder, cancellationToken).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            var c = plan.Match(status);
            if (c is { IsSuccess: true }) return new ApiResponse(status, Headers(response));
            throw await plan.FailAsync(c, response, cancellationToken).ConfigureAwait(false);
        }

        private static async Task CompleteValidationAsync(RequestBuilder builder, CancellationToken cancellationToken)
        {
            if (builder.Validation is not Portico.Validation.RequestValidation validation) return;
            if (builder.ValidateBody) await validation.BodyAsync(builder.Content, cancellationToken).ConfigureAwait(false);
            validation.ThrowIfInvalid();
        }

        private async Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                return await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // The content is buffered and owned by the request; the response no longer needs it.
                request.Dispose();
            }
        }

        /// <summary>Reads a JSON body.</summary>
        public static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        {
            if (response.Content is null || response.Content.Headers.ContentLength == 0) return default!;
#if NET8_0_OR_GREATER
            using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
            if (stream.CanSeek && stream.Length == 0) return default!;
            return (await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false))!;
        }

        /// <summary>Reads a text body.</summary>
        public static async Task<string> ReadTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
#if NET8_0_OR_GREATER
            return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
#else
            return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
#endif
        }

        /// <summary>Hands the body over as a stream that disposes the response when it is disposed.</summary>
        public static async Task<Stream> ReadStreamAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
#if NET8_0_OR_GREATER
            var inner = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
            var inner = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
            return new ResponseStream(inner, response);
        }

        /// <summary>The body of a response once it comes: what an operation's plain variant returns.</summary>
        public static async Task<T> ValueAsync<T>(Task<ApiResponse<T>> response)
            => (await response.ConfigureAwait(false)).Value;

        /// <summary>Copies response and content headers into a case-insensitive dictionary.</summary>
        public static IReadOnlyDictionary<string, IEnumerable<string>> Headers(HttpResponseMessage response)
        {
            var headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var h in response.Headers) headers[h.Key] = h.Value;
            if (response.Content is not null)
            {
                foreach (var h in response.Content.Headers) headers[h.Key] = h.Value;
            }
            return headers;
        }

        /// <summary>Creates the exception for an unexpected status.</summary>
        public static async Task<ApiException> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            string? content = response.Content is null ? null : await ReadTextAsync(response, cancellationToken).ConfigureAwait(false);
            if (global::Portico.Resilience.ApiGatewayThrottling.Classify((int)response.StatusCode, content) == global::Portico.Resilience.ThrottleKind.QuotaExceeded)
            {
                return new QuotaExceededException(Message(response) + " The usage plan's quota is used up for this period.", content, Headers(response));
            }
            return new ApiException(Message(response), (int)response.StatusCode, content, Headers(response));
        }

        /// <summary>Creates the exception for a status whose body the document types.</summary>
        public static async Task<ApiException> ErrorAsync<TError>(HttpResponseMessage response, JsonTypeInfo<TError> typeInfo, CancellationToken cancellationToken)
        {
            string content = await ReadTextAsync(response, cancellationToken).ConfigureAwait(false);
            var headers = Headers(response);
            if (global::Portico.Resilience.ApiGatewayThrottling.Classify((int)response.StatusCode, content) == global::Portico.Resilience.ThrottleKind.QuotaExceeded)
            {
                return new QuotaExceededException(Message(response) + " The usage plan's quota is used up for this period.", content, headers);
            }
            if (content.Length > 0)
            {
                try
                {
                    var error = JsonSerializer.Deserialize(content, typeInfo);
                    if (error is not null)
                    {
                        return new ApiException<TError>(Message(response), (int)response.StatusCode, content, headers, error);
                    }
                }
                catch (JsonException ex)
                {
                    return new ApiException(Message(response) + " The body did not match the declared error schema.", (int)response.StatusCode, content, headers, ex);
                }
            }
            return new ApiException(Message(response), (int)response.StatusCode, content, headers);
        }

        private static string Message(HttpResponseMessage response)
        {
            var request = response.RequestMessage;
            string what = request is null ? "The request" : request.Method.Method + " " + (request.RequestUri?.AbsolutePath ?? string.Empty);
            return what + " answered " + (int)response.StatusCode + " " + response.ReasonPhrase + ".";
        }

        private sealed class ResponseStream : Stream
        {
            private readonly Stream _inner;
            private readonly HttpResponseMessage _response;
            public ResponseStream(Stream inner, HttpResponseMessage response) { _inner = inner; _response = response; }
            public override bool CanRead => _inner.CanRead;
            public override bool CanSeek => _inner.CanSeek;
            public override bool CanWrite => false;
            public override long Length => _inner.Length;
            public override long Position { get => _inner.Position; set => _inner.Position = value; }
            public override void Flush() { }
            public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _inner.ReadAsync(buffer, offset, count, cancellationToken);
            public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            protected override void Dispose(bool disposing)
            {
                if (disposing) { _inner.Dispose(); _response.Dispose(); }
                base.Dispose(disposing);
            }
        }
    }
}
