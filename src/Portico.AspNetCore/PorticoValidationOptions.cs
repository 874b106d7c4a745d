using Microsoft.AspNetCore.Http;
using Portico.Validation;

namespace Portico.AspNetCore
{
    /// <summary>How rejected requests are answered.</summary>
    public enum PorticoErrorFormat
    {
        /// <summary>
        /// Exactly as API Gateway's default gateway responses: status 400, <c>application/json</c>,
        /// <c>{"message": "Missing required request parameters: [a, b]"}</c> or <c>{"message": "Invalid request body"}</c>.
        /// </summary>
        ApiGateway,

        /// <summary>
        /// RFC 9457 problem details (<c>application/problem+json</c>, status 400) listing every error with where it is
        /// (<c>in</c>, <c>name</c>, a JSON <c>pointer</c>), the schema <c>keyword</c> that failed and a message.
        /// </summary>
        ProblemDetails,
    }

    /// <summary>Options of Portico's server-side request validation.</summary>
    public sealed class PorticoValidationOptions
    {
        /// <summary>How rejections are answered (default: as API Gateway does).</summary>
        public PorticoErrorFormat ErrorFormat { get; set; } = PorticoErrorFormat.ApiGateway;

        /// <summary>
        /// The part of the request path before the description's paths (for example <c>/v1</c> when the API is served
        /// under a stage or a route group prefix). Requests outside it are not validated. Empty by default.
        /// </summary>
        public PathString PathBase { get; set; } = PathString.Empty;

        /// <summary>
        /// The validator used for operations the description assigns none. <c>null</c> (the default) leaves them
        /// unvalidated, as API Gateway does; set for example <c>new GatewayRequestValidator("all", true, true)</c> to check
        /// every operation.
        /// </summary>
        public GatewayRequestValidator? UnassignedOperations { get; set; }

        /// <summary>
        /// Bodies longer than this are answered 413 without being validated (API Gateway's payload limit, 10 MB, by default).
        /// </summary>
        public long MaxBodyBytes { get; set; } = 10L * 1024 * 1024;
    }
}
