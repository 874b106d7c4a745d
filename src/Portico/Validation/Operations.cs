using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Portico.Validation
{
    /// <summary>One parameter of an operation: where it goes, whether it must be there, and its schema.</summary>
    public sealed class ParameterValidator
    {
        /// <summary>Describes a parameter.</summary>
        /// <param name="name">The wire name.</param>
        /// <param name="location"><c>path</c>, <c>query</c>, <c>header</c> or <c>cookie</c>.</param>
        /// <param name="required">Whether it must be present (and, by API Gateway's rule, non-empty).</param>
        /// <param name="schema">Its schema, or <c>null</c> when it has none.</param>
        public ParameterValidator(string name, string location, bool required, SchemaValidator? schema)
        {
            Name = name;
            Location = location;
            Required = required;
            Schema = schema;
        }

        /// <summary>The wire name.</summary>
        public string Name { get; }

        /// <summary><c>path</c>, <c>query</c>, <c>header</c> or <c>cookie</c>.</summary>
        public string Location { get; }

        /// <summary>Whether it must be present.</summary>
        public bool Required { get; }

        /// <summary>Its schema, or <c>null</c>.</summary>
        public SchemaValidator? Schema { get; }

        /// <summary>The prefix of this parameter's error paths: <c>query/limit</c>.</summary>
        public string ErrorPath => Location + "/" + Name.Replace("~", "~0").Replace("/", "~1");

        /// <summary>
        /// Validates a value already in JSON form (<c>null</c> when the parameter is absent) into a collector.
        /// </summary>
        public bool Validate(JsonElement? value, ValidationCollector collector)
        {
            if (collector is null) throw new ArgumentNullException(nameof(collector));
            string saved = collector.Prefix;
            collector.Prefix = ErrorPath;
            try
            {
                if (value is not JsonElement v || v.ValueKind == JsonValueKind.Undefined)
                {
                    if (!Required) return true;
                    collector.Add("required", "The required " + Location + " parameter '" + Name + "' is missing.");
                    return false;
                }
                return Schema is not SchemaValidator s || s.Validate(v, collector);
            }
            finally
            {
                collector.Prefix = saved;
            }
        }

        /// <summary>
        /// Validates a value as it arrives on the wire (a server's view): <c>null</c> when absent; a required parameter
        /// must be non-empty; the text is read as the schema's type (integer, number, boolean; comma-separated items
        /// for arrays of scalars) before the schema is checked. Text that cannot be read as the type is a <c>type</c> error.
        /// </summary>
        public bool ValidateText(string? raw, ValidationCollector collector)
        {
            if (collector is null) throw new ArgumentNullException(nameof(collector));
            if (raw is null || (Required && raw.Length == 0))
            {
                if (!Required) return true;
                string saved = collector.Prefix;
                collector.Prefix = ErrorPath;
                collector.Add("required", raw is null ? "The required " + Location + " parameter '" + Name + "' is missing." : "The required " + Location + " parameter '" + Name + "' is empty.");
                collector.Prefix = saved;
                return false;
            }
            if (Schema is not SchemaValidator s) return true;
            string json = TextToJson(raw, s.Set, s.Index);
            using var doc = JsonDocument.Parse(json);
            return Validate(doc.RootElement.Clone(), collector);
        }

        private static string TextToJson(string raw, SchemaSet set, int index)
        {
            var node = set.Node(index);
            var type = EffectiveType(set, node);
            if ((type & JsonTypes.Array) != 0 && type == JsonTypes.Array)
            {
                var item = node.Items >= 0 ? set.Node(node.Items) : null;
                var itemType = item is null ? JsonTypes.Any : EffectiveType(set, item);
                var parts = raw.Length == 0 ? new string[0] : raw.Split(',');
                var sb = new System.Text.StringBuilder("[");
                for (int i = 0; i < parts.Length; i++)
                {
                    if (i > 0) sb.Append(',');
                    sb.Append(Scalar(parts[i], itemType));
                }
                return sb.Append(']').ToString();
            }
            return Scalar(raw, type);
        }

        private static JsonTypes EffectiveType(SchemaSet set, SchemaNode node)
        {
            if (node.Type != JsonTypes.Any) return node.Type;
            if (node.AllOf is { Length: 1 } all) return set.Node(all[0]).Type;
            return JsonTypes.Any;
        }

        private static string Scalar(string raw, JsonTypes type)
        {
            if ((type & (JsonTypes.Integer | JsonTypes.Number)) != 0 && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && raw.Trim() == raw && raw.Length > 0 && !raw.StartsWith("+", StringComparison.Ordinal))
            {
                try
                {
                    using var d = JsonDocument.Parse(raw);
                    if (d.RootElement.ValueKind == JsonValueKind.Number) return raw;
                }
                catch (JsonException) { }
            }
            if ((type & JsonTypes.Boolean) != 0 && (raw == "true" || raw == "false")) return raw;
            if ((type & JsonTypes.Null) != 0 && raw == "null") return raw;
            return "\"" + JsonEncodedText.Encode(raw).Value + "\"";
        }
    }

    /// <summary>The schema of a body for one media type.</summary>
    public sealed class BodyValidator
    {
        /// <summary>Describes a body.</summary>
        public BodyValidator(string mediaType, SchemaValidator schema)
        {
            MediaType = mediaType;
            Schema = schema;
        }

        /// <summary>The media type (<c>application/json</c>).</summary>
        public string MediaType { get; }

        /// <summary>The schema.</summary>
        public SchemaValidator Schema { get; }
    }

    /// <summary>The body schema of one response: its status key (<c>200</c>, <c>4XX</c>, <c>default</c>) and media type.</summary>
    public sealed class ResponseBodyValidator
    {
        /// <summary>Describes a response body.</summary>
        public ResponseBodyValidator(string status, string mediaType, SchemaValidator schema)
        {
            Status = status;
            MediaType = mediaType;
            Schema = schema;
        }

        /// <summary>The status key as the description writes it.</summary>
        public string Status { get; }

        /// <summary>The media type.</summary>
        public string MediaType { get; }

        /// <summary>The schema.</summary>
        public SchemaValidator Schema { get; }
    }

    /// <summary>What an operation accepts and answers, as static data for clients and servers.</summary>
    public sealed class OperationValidator
    {
        /// <summary>Describes an operation.</summary>
        public OperationValidator(string method, string pathTemplate, string operationId, ParameterValidator[] parameters, BodyValidator[] requestBodies, bool bodyRequired, ResponseBodyValidator[] responses)
        {
            Method = method;
            PathTemplate = pathTemplate;
            OperationId = operationId;
            Parameters = parameters;
            RequestBodies = requestBodies;
            BodyRequired = bodyRequired;
            Responses = responses;
        }

        /// <summary>Describes an operation and the API Gateway request validator assigned to it.</summary>
        public OperationValidator(string method, string pathTemplate, string operationId, ParameterValidator[] parameters, BodyValidator[] requestBodies, bool bodyRequired, ResponseBodyValidator[] responses, GatewayRequestValidator? gatewayValidator)
            : this(method, pathTemplate, operationId, parameters, requestBodies, bodyRequired, responses)
        {
            GatewayValidator = gatewayValidator;
        }

        /// <summary>
        /// The API Gateway request validator of the operation (<c>x-amazon-apigateway-request-validator</c>, the operation's
        /// or the document's default), or <c>null</c> when none is assigned: API Gateway then validates nothing.
        /// </summary>
        public GatewayRequestValidator? GatewayValidator { get; }

        /// <summary>The HTTP method, upper case.</summary>
        public string Method { get; }

        /// <summary>The path template (<c>/pets/{petId}</c>).</summary>
        public string PathTemplate { get; }

        /// <summary>The operationId (or <c>METHOD path</c> when the description gives none).</summary>
        public string OperationId { get; }

        /// <summary>The parameters, path item's and operation's merged.</summary>
        public IReadOnlyList<ParameterValidator> Parameters { get; }

        /// <summary>Body schemas by media type (JSON media types only).</summary>
        public IReadOnlyList<BodyValidator> RequestBodies { get; }

        /// <summary>Whether the request body is required.</summary>
        public bool BodyRequired { get; }

        /// <summary>Response body schemas by status and media type (JSON media types only).</summary>
        public IReadOnlyList<ResponseBodyValidator> Responses { get; }

        /// <summary>The body schema for a content type (parameters such as <c>charset</c> ignored), or <c>null</c>.</summary>
        public BodyValidator? BodyFor(string? contentType)
        {
            if (RequestBodies.Count == 0) return null;
            if (contentType is null) return RequestBodies[0];
            string media = contentType.Split(';')[0].Trim();
            foreach (var b in RequestBodies)
            {
                if (string.Equals(b.MediaType, media, StringComparison.OrdinalIgnoreCase)) return b;
            }
            return null;
        }

        /// <summary>Validates a request body (UTF-8 JSON; empty or <c>null</c> for none) into a collector, with <c>readOnly</c> properties refused.</summary>
        public bool ValidateBody(ReadOnlyMemory<byte>? utf8Json, string? contentType, ValidationCollector collector)
        {
            if (collector is null) throw new ArgumentNullException(nameof(collector));
            string saved = collector.Prefix;
            var direction = collector.Direction;
            collector.Prefix = "body";
            collector.Direction = ValidationDirection.Request;
            try
            {
                if (utf8Json is not ReadOnlyMemory<byte> bytes || bytes.Length == 0)
                {
                    if (!BodyRequired) return true;
                    collector.Add("required", "The request body is required.");
                    return false;
                }
                if (BodyFor(contentType) is not BodyValidator body) return true;
                // One reader pass decides and lists the errors; no document is built.
                return body.Schema.Validate(bytes, collector, "body");
            }
            finally
            {
                collector.Prefix = saved;
                collector.Direction = direction;
            }
        }
    }

    /// <summary>Collects the errors of one request as a generated operation builds it, and throws them all at once.</summary>
    public sealed class RequestValidation
    {
        private readonly OperationValidator _operation;
        private readonly ValidationCollector _collector = new ValidationCollector();

        /// <summary>Starts validating a request of <paramref name="operation"/>.</summary>
        public RequestValidation(OperationValidator operation) => _operation = operation ?? throw new ArgumentNullException(nameof(operation));

        /// <summary>Checks parameter <paramref name="index"/> (of <see cref="OperationValidator.Parameters"/>) in its JSON form; <c>null</c> when absent.</summary>
        public RequestValidation Parameter(int index, JsonElement? value)
        {
            _operation.Parameters[index].Validate(value, _collector);
            return this;
        }

        /// <summary>Checks the request's content against the body schema of its media type (only buffered JSON content is read).</summary>
        public async Task<RequestValidation> BodyAsync(HttpContent? content, CancellationToken cancellationToken)
        {
            if (content is null)
            {
                _operation.ValidateBody(null, null, _collector);
                return this;
            }
            string? type = content.Headers.ContentType?.MediaType;
            if (content is ByteArrayContent && _operation.BodyFor(type) is not null)
            {
#if NET8_0_OR_GREATER
                byte[] bytes = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
#else
                cancellationToken.ThrowIfCancellationRequested();
                byte[] bytes = await content.ReadAsByteArrayAsync().ConfigureAwait(false);
#endif
                _operation.ValidateBody(bytes, type, _collector);
            }
            return this;
        }

        /// <summary>The errors so far.</summary>
        public IReadOnlyList<ValidationError> Errors => _collector.Errors;

        /// <summary>Throws <see cref="RequestValidationException"/> with every error, if there is any.</summary>
        public void ThrowIfInvalid()
        {
            if (_collector.HasErrors) throw new RequestValidationException(_operation.OperationId, _collector.ToResult().Errors);
        }
    }
}
