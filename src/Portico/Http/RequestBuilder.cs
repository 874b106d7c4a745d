using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Portico.Http
{
    /// <summary>
    /// Builds one request: path, query, headers and cookies serialized as the OpenAPI document says
    /// (RFC 6570 expansion for <c>style</c>/<c>explode</c>). Generated operations call it; it can be used by hand too.
    /// </summary>
    public sealed class RequestBuilder
    {
        private readonly StringBuilder _path = new StringBuilder();
        private readonly StringBuilder _query = new StringBuilder();
        private List<KeyValuePair<string, string>>? _headers;
        private StringBuilder? _cookies;
#if NET8_0_OR_GREATER
        private bool _dotSegments;
#endif

        /// <summary>Starts a request.</summary>
        public RequestBuilder(HttpMethod method, string operationId)
        {
            Method = method;
            OperationId = operationId;
        }

        /// <summary>The HTTP method.</summary>
        public HttpMethod Method { get; }

        /// <summary>
        /// The request's validation, its parameters already checked: the body (when <see cref="ValidateBody"/>) is checked
        /// once serialized, and any error is thrown before anything is sent.
        /// </summary>
        public Portico.Validation.RequestValidation? Validation { get; set; }

        /// <summary>Whether <see cref="Validation"/> also checks the body.</summary>
        public bool ValidateBody { get; set; }

        /// <summary>The operation, for diagnostics and per-operation policies.</summary>
        public string OperationId { get; }

        /// <summary>The body, if any.</summary>
        public HttpContent? Content { get; set; }

        /// <summary>The Accept header value, if any.</summary>
        public string? Accept { get; set; }

        /// <summary>The operation's security alternatives (scheme names); empty for <c>security: []</c>; <c>null</c> when the document says nothing.</summary>
        public string[][]? Security { get; set; }

        /// <summary>The operation is marked idempotent (<c>x-portico-idempotent</c>), so POST/PATCH may be retried.</summary>
        public bool Idempotent { get; set; }

        /// <summary>Headers that are part of the gateway's cache key (<c>cacheKeyParameters</c>).</summary>
        public string[]? CacheKeyHeaders { get; set; }

        /// <summary>The operation's own client-side limits (<c>x-portico-throttle</c>).</summary>
        public (double Rate, int Burst)? Throttle { get; set; }

        /// <summary>Appends literal path text (already valid in a URL).</summary>
        public RequestBuilder AppendPath(string literal)
        {
            _path.Append(literal);
            return this;
        }

        /// <summary>
        /// Appends a path parameter holding one value. An empty value is refused in <c>simple</c> style: it would
        /// address another resource (<c>/users/</c> rather than <c>/users/{id}</c>). So are <c>.</c> and <c>..</c>, which
        /// are sent escaped so that URI normalization does not remove them along with the segment before.
        /// </summary>
        public RequestBuilder AppendPathParameter(string name, string value, ParameterStyle style = ParameterStyle.Simple, bool explode = false)
        {
            if (value is null) throw new ArgumentNullException(nameof(value), "Path parameter '" + name + "' is null.");
            switch (style)
            {
                case ParameterStyle.Label: _path.Append('.'); break;
                case ParameterStyle.Matrix: _path.Append(';').Append(Escape(name)).Append('='); break;
                default:
                    if (value.Length == 0) throw new ArgumentException("Path parameter '" + name + "' is empty, which would change the path's meaning.", nameof(value));
                    break;
            }
            _path.Append(style == ParameterStyle.Simple ? EscapeSegment(value) : Escape(value));
            return this;
        }

        /// <summary>Appends a path parameter holding a list.</summary>
        public RequestBuilder AppendPathParameter(string name, IReadOnlyList<string> values, ParameterStyle style = ParameterStyle.Simple, bool explode = false)
        {
            switch (style)
            {
                case ParameterStyle.Label:
                    _path.Append('.');
                    AppendJoined(_path, values, explode ? "." : ",");
                    break;
                case ParameterStyle.Matrix:
                    if (explode)
                    {
                        foreach (var v in values) _path.Append(';').Append(Escape(name)).Append('=').Append(Escape(v));
                    }
                    else
                    {
                        _path.Append(';').Append(Escape(name)).Append('=');
                        AppendJoined(_path, values, ",");
                    }
                    break;
                default:
                    if (values.Count == 0) throw new ArgumentException("Path parameter '" + name + "' is an empty list, which would change the path's meaning.", nameof(values));
                    if (values.Count == 1) _path.Append(EscapeSegment(values[0]));
                    else AppendJoined(_path, values, ",");
                    break;
            }
            return this;
        }

        /// <summary>
        /// Appends a path parameter holding an object (a model or a map) given as its JSON form: its properties
        /// become <c>key,value</c> pairs, or <c>key=value</c> when exploded; arrays and scalars fall back to the list and single-value forms.
        /// </summary>
        public RequestBuilder AppendPathParameter(string name, JsonElement value, ParameterStyle style = ParameterStyle.Simple, bool explode = false)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    break;
                case JsonValueKind.Array:
                    return AppendPathParameter(name, ElementList(value), style, explode);
                default:
                    return AppendPathParameter(name, ElementText(value), style, explode);
            }
            if (!explode) return AppendPathParameter(name, ObjectPairs(value), style, explode: false);
            string separator = style == ParameterStyle.Label ? "." : style == ParameterStyle.Matrix ? ";" : ",";
            bool first = true;
            foreach (var p in value.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Null || p.Value.ValueKind == JsonValueKind.Undefined) continue;
                if (first && style != ParameterStyle.Simple) _path.Append(separator);
                else if (!first) _path.Append(separator);
                _path.Append(Escape(p.Name)).Append('=').Append(Escape(ElementText(p.Value)));
                first = false;
            }
            return this;
        }

        /// <summary>Adds a query parameter holding one value.</summary>
        public RequestBuilder AddQuery(string name, string value, bool allowReserved = false)
        {
            AppendQueryPair(name, value, allowReserved);
            return this;
        }

        /// <summary>Adds a query parameter holding a list.</summary>
        public RequestBuilder AddQuery(string name, IReadOnlyList<string> values, ParameterStyle style = ParameterStyle.Form, bool explode = true, bool allowReserved = false)
        {
            if (values.Count == 0) return this;
            if (explode && style == ParameterStyle.Form)
            {
                foreach (var v in values) AppendQueryPair(name, v, allowReserved);
                return this;
            }
            string sep = style == ParameterStyle.SpaceDelimited ? "%20" : style == ParameterStyle.PipeDelimited ? "|" : ",";
            StartPair(name);
            for (int i = 0; i < values.Count; i++)
            {
                if (i > 0) _query.Append(sep);
                _query.Append(allowReserved ? EscapeReserved(values[i]) : Escape(values[i]));
            }
            return this;
        }

        /// <summary>Adds a query parameter holding an object (a model or a map), given as its JSON form.</summary>
        public RequestBuilder AddQueryObject(string name, JsonElement value, ParameterStyle style = ParameterStyle.Form, bool explode = true)
        {
            if (value.ValueKind == JsonValueKind.Null || value.ValueKind == JsonValueKind.Undefined) return this;
            if (value.ValueKind != JsonValueKind.Object)
            {
                return value.ValueKind == JsonValueKind.Array
                    ? AddQuery(name, ElementList(value), style, explode)
                    : AddQuery(name, ElementText(value));
            }
            if (style == ParameterStyle.DeepObject)
            {
                AppendDeep(name, value);
            }
            else if (explode)
            {
                foreach (var p in value.EnumerateObject())
                {
                    if (p.Value.ValueKind != JsonValueKind.Null && p.Value.ValueKind != JsonValueKind.Undefined) AppendQueryPair(p.Name, ElementText(p.Value), false);
                }
            }
            else
            {
                AddQuery(name, ObjectPairs(value), ParameterStyle.Form, explode: false);
            }
            return this;
        }

        /// <summary>Adds a header.</summary>
        public RequestBuilder AddHeader(string name, string value)
        {
            (_headers ??= new List<KeyValuePair<string, string>>()).Add(new KeyValuePair<string, string>(name, value));
            return this;
        }

        /// <summary>Adds a header holding a list (<c>simple</c> style).</summary>
        public RequestBuilder AddHeader(string name, IReadOnlyList<string> values) => AddHeader(name, string.Join(",", values));

        /// <summary>Adds a header holding an object given as its JSON form (<c>simple</c> style: <c>k,v,k,v</c>, or <c>k=v,k=v</c> when exploded).</summary>
        public RequestBuilder AddHeader(string name, JsonElement value, bool explode = false)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                case JsonValueKind.Undefined:
                    return this;
                case JsonValueKind.Object:
                    return AddHeader(name, explode ? ExplodedPairs(value) : ObjectPairs(value));
                case JsonValueKind.Array:
                    return AddHeader(name, ElementList(value));
                default:
                    return AddHeader(name, ElementText(value));
            }
        }

        /// <summary>Adds a cookie.</summary>
        public RequestBuilder AddCookie(string name, string value)
        {
            StartCookie(name).Append(Escape(value));
            return this;
        }

        /// <summary>Adds a cookie holding a list (<c>form</c> style without explode: values joined by unescaped commas).</summary>
        public RequestBuilder AddCookie(string name, IReadOnlyList<string> values)
        {
            var cookies = StartCookie(name);
            for (int i = 0; i < values.Count; i++)
            {
                if (i > 0) cookies.Append(',');
                cookies.Append(Escape(values[i]));
            }
            return this;
        }

        /// <summary>Adds a cookie holding an object given as its JSON form (<c>k,v,k,v</c>).</summary>
        public RequestBuilder AddCookie(string name, JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                case JsonValueKind.Undefined:
                    return this;
                case JsonValueKind.Object:
                    return AddCookie(name, ObjectPairs(value));
                case JsonValueKind.Array:
                    return AddCookie(name, ElementList(value));
                default:
                    return AddCookie(name, ElementText(value));
            }
        }

        private StringBuilder StartCookie(string name)
        {
            _cookies ??= new StringBuilder();
            if (_cookies.Length > 0) _cookies.Append("; ");
            return _cookies.Append(name).Append('=');
        }

        /// <summary>The relative path and query built so far.</summary>
        public string PathAndQuery => _query.Length == 0 ? _path.ToString() : _path.ToString() + "?" + _query.ToString();

        /// <summary>
        /// Creates the request against a base address: its path is kept as a prefix, and a query it carries
        /// (a function key, say) comes before the operation's parameters.
        /// </summary>
        public HttpRequestMessage Build(Uri baseAddress)
        {
            if (baseAddress is null) throw new ArgumentNullException(nameof(baseAddress));
            string b = baseAddress.GetLeftPart(UriPartial.Path);
            if (b.EndsWith("/", StringComparison.Ordinal)) b = b.Substring(0, b.Length - 1);
            string baseQuery = baseAddress.Query.Length > 1 ? baseAddress.Query.Substring(1) : string.Empty;
            string query = baseQuery.Length == 0 ? _query.ToString() : _query.Length == 0 ? baseQuery : baseQuery + "&" + _query.ToString();
            string target = b + _path.ToString() + (query.Length == 0 ? string.Empty : "?" + query);
#if NET8_0_OR_GREATER
            var uri = _dotSegments
                ? new Uri(target, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true })
                : new Uri(target, UriKind.Absolute);
#else
            var uri = new Uri(target, UriKind.Absolute);
#endif
            var request = new HttpRequestMessage(Method, uri);
            request.Content = Content;
            if (Accept is not null) request.Headers.TryAddWithoutValidation("Accept", Accept);
            if (_headers is not null)
            {
                foreach (var h in _headers)
                {
                    if (!request.Headers.TryAddWithoutValidation(h.Key, h.Value) && request.Content is not null)
                    {
                        request.Content.Headers.TryAddWithoutValidation(h.Key, h.Value);
                    }
                }
            }
            if (_cookies is not null) request.Headers.TryAddWithoutValidation("Cookie", _cookies.ToString());
#if NET8_0_OR_GREATER
            request.Options.Set(PorticoRequestOptions.OperationId, OperationId);
            if (Idempotent) request.Options.Set(global::Portico.Resilience.PorticoRequestOptionKeys.Idempotent, true);
#else
            request.Properties[PorticoRequestOptions.OperationIdKey] = OperationId;
            if (Idempotent) request.Properties[global::Portico.Resilience.PorticoRequestOptionKeys.IdempotentName] = true;
#endif
            if (Security is not null) global::Portico.Auth.SecurityRequirements.Set(request, Security);
            if (CacheKeyHeaders is not null) global::Portico.Caching.ResponseCacheRequest.SetKeyHeaders(request, CacheKeyHeaders);
            if (Throttle is (double rate, int burst)) global::Portico.Resilience.ClientThrottleHandler.SetOperationLimit(request, OperationId, rate, burst);
            return request;
        }

        private void StartPair(string name)
        {
            if (_query.Length > 0) _query.Append('&');
            _query.Append(Escape(name)).Append('=');
        }

        private void AppendQueryPair(string name, string value, bool allowReserved)
        {
            StartPair(name);
            _query.Append(allowReserved ? EscapeReserved(value) : Escape(value));
        }

        private void AppendDeep(string prefix, JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in value.EnumerateObject()) AppendDeep(prefix + "[" + p.Name + "]", p.Value);
                    break;
                case JsonValueKind.Array:
                    int i = 0;
                    foreach (var item in value.EnumerateArray()) AppendDeep(prefix + "[" + (i++).ToString(System.Globalization.CultureInfo.InvariantCulture) + "]", item);
                    break;
                case JsonValueKind.Null:
                case JsonValueKind.Undefined:
                    break;
                default:
                    AppendQueryPair(prefix, ElementText(value), false);
                    break;
            }
        }

        internal static string ElementText(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.String => e.GetString() ?? string.Empty,
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null => string.Empty,
            _ => e.GetRawText(),
        };

        /// <summary>An object's non-null properties flattened as name, value, name, value.</summary>
        private static List<string> ObjectPairs(JsonElement value)
        {
            var list = new List<string>();
            foreach (var p in value.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Null || p.Value.ValueKind == JsonValueKind.Undefined) continue;
                list.Add(p.Name);
                list.Add(ElementText(p.Value));
            }
            return list;
        }

        /// <summary>An object's non-null properties as <c>name=value</c> items (for headers, which are not escaped).</summary>
        private static List<string> ExplodedPairs(JsonElement value)
        {
            var list = new List<string>();
            foreach (var p in value.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Null || p.Value.ValueKind == JsonValueKind.Undefined) continue;
                list.Add(p.Name + "=" + ElementText(p.Value));
            }
            return list;
        }

        private static List<string> ElementList(JsonElement array)
        {
            var list = new List<string>();
            foreach (var item in array.EnumerateArray()) list.Add(ElementText(item));
            return list;
        }

        private static void AppendJoined(StringBuilder sb, IReadOnlyList<string> values, string separator)
        {
            for (int i = 0; i < values.Count; i++)
            {
                if (i > 0) sb.Append(separator);
                sb.Append(Escape(values[i]));
            }
        }

        /// <summary>
        /// Escapes a value that may make up a whole path segment. A value of <c>.</c> or <c>..</c> is percent-encoded and the
        /// URI is later built without canonicalization, which would otherwise decode it and remove the segment (and the one
        /// before), sending the request to another resource. Where that cannot be turned off, such a value is refused.
        /// </summary>
        private string EscapeSegment(string value)
        {
            if (value != "." && value != "..") return Escape(value);
#if NET8_0_OR_GREATER
            _dotSegments = true;
            return value == "." ? "%2E" : "%2E%2E";
#else
            throw new ArgumentException("A path parameter of '" + value + "' cannot be sent on this platform without changing the path.", nameof(value));
#endif
        }

        /// <summary>Percent-encodes everything but RFC 3986 unreserved characters.</summary>
        public static string Escape(string value) => Uri.EscapeDataString(value);

        /// <summary>Percent-encodes, leaving RFC 3986 reserved characters as they are (<c>allowReserved</c>).</summary>
        public static string EscapeReserved(string value)
        {
            var sb = new StringBuilder(value.Length);
            int run = 0;
            for (int i = 0; i < value.Length; i++)
            {
                if (":/?#[]@!$&'()*+,;=".IndexOf(value[i]) >= 0)
                {
                    if (i > run) sb.Append(Uri.EscapeDataString(value.Substring(run, i - run)));
                    sb.Append(value[i]);
                    run = i + 1;
                }
            }
            if (value.Length > run) sb.Append(Uri.EscapeDataString(value.Substring(run)));
            return sb.ToString();
        }
    }

    /// <summary>Keys under which Portico stores per-request facts in <see cref="HttpRequestMessage"/> options.</summary>
    public static class PorticoRequestOptions
    {
        /// <summary>The key of the operation id.</summary>
        public const string OperationIdKey = "Portico.OperationId";
#if NET8_0_OR_GREATER
        /// <summary>The operation id of the request.</summary>
        public static readonly HttpRequestOptionsKey<string> OperationId = new HttpRequestOptionsKey<string>(OperationIdKey);
#endif
    }
}
