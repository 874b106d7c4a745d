using System;
using System.Collections.Generic;
using System.Linq;

namespace Portico.CodeGeneration.Diff
{
    /// <summary>How a change affects clients written against the base document.</summary>
    public enum DiffLevel
    {
        /// <summary>Compatible: nothing an existing client does stops working.</summary>
        Info = 0,

        /// <summary>May break some clients (strict deserializers, servers that reject unknown input) or needs a look.</summary>
        Warning = 1,

        /// <summary>Breaks existing clients: requests they send are refused, or responses no longer match what they expect.</summary>
        Breaking = 2,
    }

    /// <summary>One kind of change that <c>portico diff</c> reports. Ids follow oasdiff's where oasdiff has the check.</summary>
    public sealed record DiffRule(string Id, DiffLevel Level, string Title);

    /// <summary>Every rule of the diff engine.</summary>
    public static class DiffRules
    {
        private static readonly List<DiffRule> s_all = new List<DiffRule>();

        private static DiffRule R(string id, DiffLevel level, string title)
        {
            var rule = new DiffRule(id, level, title);
            s_all.Add(rule);
            return rule;
        }

        // Paths and operations.
        public static readonly DiffRule PathRemoved = R("api-path-removed-without-deprecation", DiffLevel.Breaking, "A path was removed without being deprecated first");
        public static readonly DiffRule PathRemovedDeprecated = R("api-path-removed-with-deprecation", DiffLevel.Info, "A deprecated path was removed");
        public static readonly DiffRule OperationRemoved = R("api-removed-without-deprecation", DiffLevel.Breaking, "An operation was removed without being deprecated first");
        public static readonly DiffRule OperationRemovedDeprecated = R("api-removed-with-deprecation", DiffLevel.Info, "A deprecated operation was removed");
        public static readonly DiffRule EndpointAdded = R("endpoint-added", DiffLevel.Info, "An operation was added");
        public static readonly DiffRule EndpointDeprecated = R("endpoint-deprecated", DiffLevel.Info, "An operation was deprecated");
        public static readonly DiffRule EndpointReactivated = R("endpoint-reactivated", DiffLevel.Info, "An operation is no longer deprecated");
        public static readonly DiffRule OperationIdChanged = R("api-operation-id-changed", DiffLevel.Warning, "The operationId changed (generated SDK methods are renamed)");

        // Parameters.
        public static readonly DiffRule ParameterRemoved = R("request-parameter-removed", DiffLevel.Warning, "A request parameter was removed (clients still send it)");
        public static readonly DiffRule NewRequiredParameter = R("new-required-request-parameter", DiffLevel.Breaking, "A new required request parameter");
        public static readonly DiffRule NewOptionalParameter = R("new-optional-request-parameter", DiffLevel.Info, "A new optional request parameter");
        public static readonly DiffRule ParameterBecameRequired = R("request-parameter-became-required", DiffLevel.Breaking, "An optional request parameter became required");
        public static readonly DiffRule ParameterBecameOptional = R("request-parameter-became-optional", DiffLevel.Info, "A required request parameter became optional");
        public static readonly DiffRule ParameterLocationChanged = R("request-parameter-location-changed", DiffLevel.Breaking, "A request parameter moved (query, header, path, cookie)");
        public static readonly DiffRule ParameterStyleChanged = R("request-parameter-style-changed", DiffLevel.Breaking, "A request parameter's serialization style changed");
        public static readonly DiffRule ParameterExplodeChanged = R("request-parameter-explode-changed", DiffLevel.Breaking, "A request parameter's explode setting changed");

        // Request bodies.
        public static readonly DiffRule RequestBodyAddedRequired = R("request-body-added-required", DiffLevel.Breaking, "A required request body was added");
        public static readonly DiffRule RequestBodyAddedOptional = R("request-body-added-optional", DiffLevel.Info, "An optional request body was added");
        public static readonly DiffRule RequestBodyRemoved = R("request-body-removed", DiffLevel.Warning, "The request body was removed (clients still send it)");
        public static readonly DiffRule RequestBodyBecameRequired = R("request-body-became-required", DiffLevel.Breaking, "The request body became required");
        public static readonly DiffRule RequestBodyBecameOptional = R("request-body-became-optional", DiffLevel.Info, "The request body became optional");
        public static readonly DiffRule RequestMediaTypeRemoved = R("request-body-media-type-removed", DiffLevel.Breaking, "A request media type is no longer accepted");
        public static readonly DiffRule RequestMediaTypeAdded = R("request-body-media-type-added", DiffLevel.Info, "A request media type was added");
        public static readonly DiffRule NewRequiredRequestProperty = R("new-required-request-property", DiffLevel.Breaking, "A new required request property");
        public static readonly DiffRule NewOptionalRequestProperty = R("new-optional-request-property", DiffLevel.Info, "A new optional request property");
        public static readonly DiffRule RequestPropertyRemoved = R("request-property-removed", DiffLevel.Warning, "A request property was removed (clients still send it)");
        public static readonly DiffRule RequestPropertyBecameRequired = R("request-property-became-required", DiffLevel.Breaking, "An optional request property became required");
        public static readonly DiffRule RequestPropertyBecameOptional = R("request-property-became-optional", DiffLevel.Info, "A required request property became optional");

        // Responses.
        public static readonly DiffRule SuccessStatusRemoved = R("response-success-status-removed", DiffLevel.Breaking, "A success response status was removed");
        public static readonly DiffRule NonSuccessStatusRemoved = R("response-non-success-status-removed", DiffLevel.Info, "An error response status was removed");
        public static readonly DiffRule SuccessStatusAdded = R("response-success-status-added", DiffLevel.Info, "A success response status was added");
        public static readonly DiffRule NonSuccessStatusAdded = R("response-non-success-status-added", DiffLevel.Info, "An error response status was added");
        public static readonly DiffRule ResponseMediaTypeRemoved = R("response-media-type-removed", DiffLevel.Breaking, "A response media type was removed");
        public static readonly DiffRule ResponseMediaTypeAdded = R("response-media-type-added", DiffLevel.Info, "A response media type was added");
        public static readonly DiffRule ResponseRequiredPropertyRemoved = R("response-required-property-removed", DiffLevel.Breaking, "A required response property was removed");
        public static readonly DiffRule ResponseOptionalPropertyRemoved = R("response-optional-property-removed", DiffLevel.Warning, "An optional response property was removed");
        public static readonly DiffRule ResponsePropertyBecameOptional = R("response-property-became-optional", DiffLevel.Breaking, "A required response property became optional");
        public static readonly DiffRule ResponsePropertyBecameRequired = R("response-property-became-required", DiffLevel.Info, "An optional response property became required");
        public static readonly DiffRule ResponsePropertyAdded = R("response-property-added", DiffLevel.Info, "A response property was added");

        // Security and servers.
        public static readonly DiffRule SecurityAdded = R("api-security-added", DiffLevel.Breaking, "An operation requires credentials it did not (anonymous calls refused, or an accepted set of credentials now needs another scheme too)");
        public static readonly DiffRule SecuritySchemeRemovedFromOperation = R("api-security-scheme-removed", DiffLevel.Breaking, "A way of authenticating an operation is no longer accepted");
        public static readonly DiffRule SecurityScopeAdded = R("api-security-scope-added", DiffLevel.Breaking, "An operation requires an OAuth scope it did not require");
        public static readonly DiffRule SecurityRemoved = R("api-security-removed", DiffLevel.Info, "An operation now takes anonymous calls");
        public static readonly DiffRule SecurityAlternativeAdded = R("api-security-alternative-added", DiffLevel.Info, "A new way of authenticating an operation is accepted");
        public static readonly DiffRule SecuritySchemeChanged = R("security-scheme-changed", DiffLevel.Breaking, "A security scheme changed how credentials are sent (type, header or query name, HTTP scheme)");
        public static readonly DiffRule ServerBasePathChanged = R("server-base-path-changed", DiffLevel.Breaking, "The base path of the API changed");

        /// <summary>Every rule, in the order above.</summary>
        public static IReadOnlyList<DiffRule> All => s_all;

        // Schema checks share one shape for every place a schema sits: parameter, body (root) or property (nested).
        private static readonly (string Suffix, DiffLevel Level, string Title)[] s_requestChecks =
        {
            ("type-changed", DiffLevel.Breaking, "The type no longer accepts what it accepted"),
            ("type-generalized", DiffLevel.Info, "The type was widened"),
            ("format-changed", DiffLevel.Breaking, "The format was added or changed"),
            ("became-not-nullable", DiffLevel.Breaking, "null is no longer accepted"),
            ("enum-value-removed", DiffLevel.Breaking, "An enum value is no longer accepted"),
            ("enum-value-added", DiffLevel.Info, "An enum value was added"),
            ("max-decreased", DiffLevel.Breaking, "maximum decreased"),
            ("max-set", DiffLevel.Warning, "maximum set where there was none"),
            ("min-increased", DiffLevel.Breaking, "minimum increased"),
            ("min-set", DiffLevel.Warning, "minimum set where there was none"),
            ("max-length-decreased", DiffLevel.Breaking, "maxLength decreased"),
            ("max-length-set", DiffLevel.Warning, "maxLength set where there was none"),
            ("min-length-increased", DiffLevel.Breaking, "minLength increased"),
            ("max-items-decreased", DiffLevel.Breaking, "maxItems decreased"),
            ("min-items-increased", DiffLevel.Breaking, "minItems increased"),
            ("pattern-added", DiffLevel.Breaking, "A pattern was added (values clients send may no longer match)"),
            ("pattern-changed", DiffLevel.Warning, "The pattern changed"),
        };

        private static readonly (string Suffix, DiffLevel Level, string Title)[] s_responseChecks =
        {
            ("type-changed", DiffLevel.Breaking, "The type may now hold values it did not"),
            ("type-generalized", DiffLevel.Info, "The type was narrowed"),
            ("format-changed", DiffLevel.Breaking, "The format was removed or changed"),
            ("became-nullable", DiffLevel.Breaking, "null may now be returned"),
            ("enum-value-added", DiffLevel.Warning, "An enum value was added (breaks clients that only know the old values)"),
            ("enum-value-removed", DiffLevel.Info, "An enum value is no longer returned"),
        };

        private static readonly Dictionary<string, DiffRule> s_byId;

        static DiffRules()
        {
            foreach (var place in new[] { "request-parameter", "request-body", "request-property" })
            {
                foreach (var (suffix, level, title) in s_requestChecks) R(place + "-" + suffix, level, title + " (" + place.Replace('-', ' ') + ")");
            }
            foreach (var place in new[] { "response-body", "response-property" })
            {
                foreach (var (suffix, level, title) in s_responseChecks) R(place + "-" + suffix, level, title + " (" + place.Replace('-', ' ') + ")");
            }
            s_byId = s_all.ToDictionary(r => r.Id, StringComparer.Ordinal);
        }

        /// <summary>The rule with this id (the schema checks exist for every place: request-parameter-, request-body-, request-property-, response-body-, response-property-).</summary>
        public static DiffRule Get(string id) => s_byId.TryGetValue(id, out var r) ? r : throw new ArgumentException("No diff rule " + id, nameof(id));

        internal static bool TryGet(string id, out DiffRule rule) => s_byId.TryGetValue(id, out rule!);
    }
}
