using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Portico.CodeGeneration.Diagnostics;
using Portico.CodeGeneration.Emit;
using Portico.CodeGeneration.Model;

namespace Portico.CodeGeneration.Binding
{
    /// <summary>
    /// Schemas to validation rules: every component schema and every inline schema an operation or another schema uses
    /// becomes one <c>Portico.Validation.SchemaNode</c> (identical inline rules are shared), referred to by index, so the
    /// generated code is data for a shared interpreter rather than code per schema.
    /// </summary>
    internal sealed partial class ClientBinder
    {
        private const string VNs = "global::Portico.Validation.";

        private string? _vClass;
        private readonly List<string?> _vNodes = new();
        private readonly Dictionary<IOpenApiSchema, int> _vBySchema = new(ReferenceComparer.Instance);
        private readonly Dictionary<string, int> _vByText = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _vComponents = new(StringComparer.Ordinal);
        private readonly HashSet<string> _vComponentsBuilt = new(StringComparer.Ordinal);
        private readonly HashSet<IOpenApiSchema> _vInProgress = new(ReferenceComparer.Instance);
        private readonly List<ValidationMemberModel> _vOperations = new();
        private readonly List<string> _vOperationTable = new();
        private const string OperationTableField = "s_operations";
        private readonly NameRegistry _vMembers = new();

        private bool ValidatorsOn => _vClass is not null;

        /// <summary>Names the validator class and reserves one rule per component schema (called once names are known).</summary>
        private void PrepareValidation(string clientName)
        {
            if (!_input.Options.Validators) return;
            _vClass = _typeNames.Claim(clientName + "Validation");
            foreach (var n in new[] { _vClass, "Schemas", "Operations", "SchemaTable", "OperationTable", OperationTableField, "Equals", "GetHashCode", "ToString", "GetType", "ReferenceEquals" }) _vMembers.Reserve(n);
            foreach (var id in ComponentSchemas.Keys)
            {
                _vComponents[id] = _vNodes.Count;
                _vNodes.Add(null);
            }
        }

        private string VClassRef => "global::" + _ns + "." + _vClass;

        /// <summary>The expression of a schema's validator, or null when validators are off.</summary>
        private string? SchemaValidatorExpr(IOpenApiSchema? schema, string pointer)
        {
            if (!ValidatorsOn || schema is null) return null;
            int index = VNode(schema, pointer);
            return index < 0 ? null : VClassRef + ".Schemas[" + Int(index) + "]";
        }

        /// <summary>The validator of a JSON response body, which the client runs when its options ask; null when validators are off or the body has no schema.</summary>
        private string? ResponseValidatorExpr(IOpenApiResponse? response, string pointer)
        {
            if (!ValidatorsOn || response?.Content is null) return null;
            string? json = response.Content.Keys.FirstOrDefault(IsJson);
            if (json is null || response.Content[json]?.Schema is not IOpenApiSchema schema) return null;
            return SchemaValidatorExpr(schema, pointer + "/content/" + Reading.SourceLocator.Escape(json) + "/schema");
        }

        private static string OperationIdOf(OpenApiOperation operation, OperationRef op) => operation.OperationId ?? (op.Method.ToUpperInvariant() + " " + op.Path);

        /// <summary>
        /// The operation's validator (static data) and the statements that check a request before it is sent:
        /// each parameter in its JSON form, then the body as serialized.
        /// </summary>
        private List<string> OperationValidation(OperationRef op, string baseName, List<BoundParameter> bound, bool hasBody)
        {
            var statements = new List<string>();
            if (!ValidatorsOn) return statements;
            var operation = op.Operation;
            string member = _vMembers.Claim(baseName);
            var parameters = new List<string>();
            var checks = new List<string>();
            for (int i = 0; i < bound.Count; i++)
            {
                var b = bound[i];
                var p = b.Source;
                IOpenApiSchema? schema = p.Schema;
                if (schema is null && p.Content is { Count: > 0 }) schema = p.Content.First().Value?.Schema;
                int index = schema is null ? -1 : VNode(schema, b.Pointer + "/schema");
                parameters.Add("{\"name\":" + J(p.Name!) + ",\"in\":" + J(p.In!.Value.ToString().ToLowerInvariant()) + (b.Required ? ",\"required\":true" : string.Empty)
                    + (index >= 0 ? ",\"schema\":" + Int(index) : string.Empty) + "}");
                string info = ContextRef(b.Type);
                string value = b.Nullable && b.Type.IsValueType ? b.Name + ".Value" : b.Name;
                string json = "global::System.Text.Json.JsonSerializer.SerializeToElement(" + value + ", " + info + ")";
                string expr = b.Nullable || !b.Type.IsValueType
                    ? b.Name + " is null ? default(global::System.Text.Json.JsonElement?) : " + json
                    : json;
                checks.Add("validation_.Parameter(" + Int(i) + ", " + expr + ");");
            }
            var bodies = new List<string>();
            bool bodyRequired = false;
            var rb = operation.RequestBody;
            if (rb?.Content is not null)
            {
                bodyRequired = rb.Required;
                foreach (var c in rb.Content)
                {
                    if (!IsJson(c.Key) || c.Value?.Schema is not IOpenApiSchema bs) continue;
                    int index = VNode(bs, op.Pointer + "/requestBody/content/" + Reading.SourceLocator.Escape(c.Key) + "/schema");
                    if (index < 0) continue;
                    bodies.Add("{\"mediaType\":" + J(MediaTypeOnly(c.Key)) + ",\"schema\":" + Int(index) + "}");
                }
            }
            var responses = new List<string>();
            if (operation.Responses is not null)
            {
                foreach (var r in operation.Responses)
                {
                    if (r.Value?.Content is null) continue;
                    foreach (var c in r.Value.Content)
                    {
                        if (!IsJson(c.Key) || c.Value?.Schema is not IOpenApiSchema rs) continue;
                        int index = VNode(rs, op.Pointer + "/responses/" + Reading.SourceLocator.Escape(r.Key) + "/content/" + Reading.SourceLocator.Escape(c.Key) + "/schema");
                        if (index < 0) continue;
                        responses.Add("{\"status\":" + J(r.Key) + ",\"mediaType\":" + J(MediaTypeOnly(c.Key)) + ",\"schema\":" + Int(index) + "}");
                    }
                }
            }
            string opId = OperationIdOf(operation, op);
            var entry = new StringBuilder();
            entry.Append("{\"method\":").Append(J(op.Method.ToUpperInvariant())).Append(",\"path\":").Append(J(op.Path)).Append(",\"operationId\":").Append(J(opId));
            if (parameters.Count > 0) entry.Append(",\"parameters\":[").Append(string.Join(",", parameters)).Append(']');
            if (bodies.Count > 0) entry.Append(",\"requestBodies\":[").Append(string.Join(",", bodies)).Append(']');
            if (bodyRequired) entry.Append(",\"bodyRequired\":true");
            if (responses.Count > 0) entry.Append(",\"responses\":[").Append(string.Join(",", responses)).Append(']');
            if (GatewayValidatorJson(op) is string gateway) entry.Append(",\"gatewayValidator\":").Append(gateway);
            entry.Append('}');
            _vOperations.Add(new ValidationMemberModel(member, "/// <summary>" + CSharp.DocAttribute(op.Method.ToUpperInvariant() + " " + op.Path + " (" + opId + ")") + ": parameters, bodies and responses.</summary>", OperationTableField + "[" + Int(_vOperationTable.Count) + "]"));
            _vOperationTable.Add(entry.ToString());

            statements.Add("if (_core.ValidateRequests)");
            statements.Add("{");
            statements.Add("    var validation_ = new " + VNs + "RequestValidation(" + VClassRef + "." + member + ");");
            foreach (var check in checks) statements.Add("    " + check);
            statements.Add("    builder_.Validation = validation_;");
            if (hasBody && (bodies.Count > 0 || bodyRequired)) statements.Add("    builder_.ValidateBody = true;");
            statements.Add("}");
            return statements;
        }

        /// <summary>Builds the rules of every component and the validator class's model.</summary>
        private ValidationModel? FinishValidation()
        {
            if (!ValidatorsOn) return null;
            foreach (var id in ComponentSchemas.Keys.ToList())
            {
                _ct.ThrowIfCancellationRequested();
                EnsureComponentNode(id);
            }
            var schemas = new List<ValidationMemberModel>();
            foreach (var pair in _vComponents)
            {
                string typeName = _componentTypeNames.TryGetValue(pair.Key, out var tn) ? tn : NameRegistry.TypeName(pair.Key);
                string name = _vMembers.Claim(typeName);
                schemas.Add(new ValidationMemberModel(name, "/// <summary>Validates JSON against component schema '" + CSharp.DocAttribute(pair.Key) + "'.</summary>", "Schemas[" + Int(pair.Value) + "]"));
            }
            var nodes = new List<string>(_vNodes.Count);
            for (int i = 0; i < _vNodes.Count; i++)
            {
                string body = _vNodes[i] ?? "{}";
                nodes.Add("{\"#\":" + Int(i) + (body.Length > 2 ? "," : string.Empty) + body.Substring(1));
            }
            return new ValidationModel(_vClass!, RawUtf8Literal(nodes), schemas.ToEquatableArray(), RawUtf8Literal(_vOperationTable), _vOperations.ToEquatableArray());
        }

        private void EnsureComponentNode(string id)
        {
            if (!_vComponentsBuilt.Add(id)) return;
            if (!ComponentSchemas.TryGetValue(id, out var schema) || schema is null) return;
            int index = _vComponents[id];
            string pointer = ComponentPointer(id);
            string text;
            if (schema is OpenApiSchemaReference)
            {
                int target = VNode(schema, pointer);
                text = "{\"name\":" + J(id) + (target >= 0 ? ",\"allOf\":[" + Int(target) + "]" : string.Empty) + "}";
            }
            else
            {
                text = NodeText(schema, pointer, id) ?? "{\"name\":" + J(id) + "}";
            }
            _vNodes[index] = text;
        }

        /// <summary>The index of a schema's rules (-1: the schema allows anything).</summary>
        private int VNode(IOpenApiSchema schema, string pointer)
        {
            if (schema is OpenApiSchemaReference r)
            {
                if (RefId(r) is string id && _vComponents.TryGetValue(id, out int ci))
                {
                    EnsureComponentNode(id);
                    return ci;
                }
                if (Target(schema) is not IOpenApiSchema target || ReferenceEquals(target, schema)) return -1;
                schema = target;
            }
            if (_vBySchema.TryGetValue(schema, out int known)) return known;
            if (!_vInProgress.Add(schema)) return -1;
            string? text;
            try
            {
                text = NodeText(schema, pointer, null);
            }
            finally
            {
                _vInProgress.Remove(schema);
            }
            int index;
            if (text is null) index = -1;
            else if (!_vByText.TryGetValue(text, out index))
            {
                index = _vNodes.Count;
                _vNodes.Add(text);
                _vByText[text] = index;
            }
            _vBySchema[schema] = index;
            return index;
        }

        /// <summary>The object initializer of a schema's rules, or null when it constrains nothing.</summary>
        private string? NodeText(IOpenApiSchema s, string pointer, string? name)
        {
            var parts = new List<string>();
            if (name is not null) parts.Add("\"name\":" + J(name));
            bool nullable = false;
            if (s.Type is JsonSchemaType t)
            {
                var nonNull = t & ~JsonSchemaType.Null;
                bool hasNull = (t & JsonSchemaType.Null) != 0;
                if (nonNull != 0) parts.Add("\"type\":" + Types(nonNull));
                if (hasNull)
                {
                    if (nonNull == 0 && !HasOtherKeywords(s)) parts.Add("\"type\":\"null\"");
                    else nullable = true;
                }
            }
            if (s.Extensions is not null && s.Extensions.TryGetValue("x-nullable", out var ext) && ext is JsonNodeExtension jn && jn.Node is JsonValue xv && xv.TryGetValue(out bool xb) && xb) nullable = true;
            if (s.Enum is { Count: > 0 } rawValues)
            {
                // The reader keeps a JSON null of an enum as a sentinel value.
                var values = rawValues.Select(v => v is null || JsonNullSentinel.IsJsonNullSentinel(v) ? null : v).ToList();
                bool allStrings = values.All(v => v is JsonValue jv && jv.GetValueKind() == System.Text.Json.JsonValueKind.String);
                if (allStrings)
                {
                    parts.Add("\"enum\":[" + string.Join(",", values.Select(v => J(v!.GetValue<string>()))) + "]");
                }
                else
                {
                    var array = new JsonArray(values.Select(v => v?.DeepClone()).ToArray());
                    parts.Add("\"enum\":" + array.ToJsonString());
                }
            }
            if (!nullable && s.Type is null && IsUntypedNullable(pointer)) nullable = true;
            if (nullable) parts.Add("\"nullable\":true");
            if (s.Const is string constant) parts.Add("\"const\":" + ConstJson(constant));
            if (s.Required is { Count: > 0 } required) parts.Add("\"required\":[" + string.Join(",", required.Select(J)) + "]");
            if (s.Properties is { Count: > 0 } props)
            {
                var list = new List<string>();
                foreach (var p in props)
                {
                    if (p.Value is null) continue;
                    int child = VNode(p.Value, pointer + "/properties/" + Reading.SourceLocator.Escape(p.Key));
                    list.Add(J(p.Key) + ":" + Int(child));
                }
                parts.Add("\"properties\":{" + string.Join(",", list) + "}");
            }
            if (!s.AdditionalPropertiesAllowed) parts.Add("\"additionalProperties\":false");
            else if (s.AdditionalProperties is IOpenApiSchema ap)
            {
                int child = VNode(ap, pointer + "/additionalProperties");
                if (child >= 0) parts.Add("\"additionalProperties\":" + Int(child));
            }
            if (s.Pattern is string pattern && PatternUsable(pattern, pointer + "/pattern")) parts.Add("\"pattern\":" + J(pattern));
            if (s.MinLength is int minLength) parts.Add("\"minLength\":" + Int(minLength));
            if (s.MaxLength is int maxLength) parts.Add("\"maxLength\":" + Int(maxLength));
            AddNumber(parts, "minimum", s.Minimum);
            AddNumber(parts, "maximum", s.Maximum);
            AddNumber(parts, "exclusiveMinimum", s.ExclusiveMinimum);
            AddNumber(parts, "exclusiveMaximum", s.ExclusiveMaximum);
            AddNumber(parts, "multipleOf", s.MultipleOf);
            if (s.Items is IOpenApiSchema items)
            {
                int child = VNode(items, pointer + "/items");
                if (child >= 0) parts.Add("\"items\":" + Int(child));
            }
            if (s.MinItems is int minItems) parts.Add("\"minItems\":" + Int(minItems));
            if (s.MaxItems is int maxItems) parts.Add("\"maxItems\":" + Int(maxItems));
            if (s.UniqueItems == true) parts.Add("\"uniqueItems\":true");
            if (s.MinProperties is int minProps) parts.Add("\"minProperties\":" + Int(minProps));
            if (s.MaxProperties is int maxProps) parts.Add("\"maxProperties\":" + Int(maxProps));
            AddList(parts, "allOf", s.AllOf, pointer + "/allOf/");
            AddList(parts, "anyOf", s.AnyOf, pointer + "/anyOf/");
            AddList(parts, "oneOf", s.OneOf, pointer + "/oneOf/");
            if (s.Not is IOpenApiSchema not)
            {
                int child = VNode(not, pointer + "/not");
                // 'not: {}' rejects everything.
                parts.Add("\"not\":" + Int(child >= 0 ? child : VNodeOfText("{}")));
            }
            if (s.Discriminator?.PropertyName is string dp && (s.OneOf is { Count: > 0 } || s.AnyOf is { Count: > 0 }))
            {
                var cases = DiscriminatorCases(s);
                if (cases.Count > 0)
                {
                    parts.Add("\"discriminator\":{\"propertyName\":" + J(dp) + ",\"mapping\":{" + string.Join(",", cases) + "}}");
                }
            }
            if (s.ReadOnly) parts.Add("\"readOnly\":true");
            if (s.WriteOnly) parts.Add("\"writeOnly\":true");
            if (s.Format is string format && IsCheckedFormat(format)) parts.Add("\"format\":" + J(format));
            if (parts.Count == 0) return null;
            return "{" + string.Join(",", parts) + "}";
        }

        private int VNodeOfText(string text)
        {
            if (_vByText.TryGetValue(text, out int index)) return index;
            index = _vNodes.Count;
            _vNodes.Add(text);
            _vByText[text] = index;
            return index;
        }

        private List<string> DiscriminatorCases(IOpenApiSchema s)
        {
            var cases = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            if (s.Discriminator!.Mapping is not null)
            {
                foreach (var m in s.Discriminator.Mapping)
                {
                    if (m.Value is OpenApiSchemaReference mr && RefId(mr) is string mid && _vComponents.TryGetValue(mid, out int mi) && seen.Add(m.Key))
                    {
                        EnsureComponentNode(mid);
                        cases.Add(J(m.Key) + ":" + Int(mi));
                    }
                }
            }
            foreach (var v in (s.OneOf ?? new List<IOpenApiSchema>()).Concat(s.AnyOf ?? new List<IOpenApiSchema>()))
            {
                if (v is OpenApiSchemaReference vr && RefId(vr) is string vid && _vComponents.TryGetValue(vid, out int vi)
                    && !(s.Discriminator.Mapping?.Values.Any(x => x is OpenApiSchemaReference xr && RefId(xr) == vid) ?? false) && seen.Add(vid))
                {
                    cases.Add(J(vid) + ":" + Int(vi));
                }
            }
            return cases;
        }

        private static bool HasOtherKeywords(IOpenApiSchema s)
            => s.AllOf is { Count: > 0 } || s.AnyOf is { Count: > 0 } || s.OneOf is { Count: > 0 } || s.Not is not null || s.Enum is { Count: > 0 }
               || s.Properties is { Count: > 0 } || s.Items is not null || s.AdditionalProperties is not null || s.Const is not null;

        private void AddList(List<string> parts, string keyword, IList<IOpenApiSchema>? list, string pointer)
        {
            if (list is not { Count: > 0 }) return;
            var indexes = new List<string>();
            for (int i = 0; i < list.Count; i++)
            {
                int child = list[i] is null ? -1 : VNode(list[i], pointer + Int(i));
                indexes.Add(Int(child));
            }
            parts.Add("\"" + keyword + "\":[" + string.Join(",", indexes) + "]");
        }

        private static void AddNumber(List<string> parts, string keyword, object? value)
        {
            if (value is null) return;
            string text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) || double.IsNaN(d) || double.IsInfinity(d)) return;
            parts.Add("\"" + keyword + "\":" + JsonNumber(d));
        }

        private static string ConstJson(string constant)
        {
            // The reader keeps const as text: JSON when it parses as JSON, else a plain string.
            try
            {
                var node = JsonNode.Parse(constant);
                return node is null ? "null" : node.ToJsonString();
            }
            catch (System.Text.Json.JsonException)
            {
                return JsonValue.Create(constant)!.ToJsonString();
            }
        }

        private static bool IsCheckedFormat(string format)
            => format is "date-time" or "date" or "uuid" or "email" or "uri" or "hostname" or "ipv4" or "ipv6" or "int32" or "int64" or "byte" or "binary";

        private readonly HashSet<string> _vPatternsReported = new(StringComparer.Ordinal);

        /// <summary>
        /// Whether .NET compiles a pattern: one it cannot is reported (PRT2101) and left unchecked. Constructs that .NET
        /// and ECMA-262 read differently are reported too (PRT2102); the pattern is still checked, the .NET way.
        /// </summary>
        private bool PatternUsable(string pattern, string pointer)
        {
            try
            {
                _ = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.ECMAScript | System.Text.RegularExpressions.RegexOptions.CultureInvariant);
            }
            catch (ArgumentException)
            {
                try
                {
                    _ = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant);
                }
                catch (ArgumentException ex)
                {
                    if (_vPatternsReported.Add("1:" + pointer)) _diagnostics.Add(DiagnosticCatalog.InvalidPattern, pointer, pattern, ex.Message.Replace("\r", " ").Replace("\n", " "));
                    return false;
                }
            }
            if (DotNetOnlyConstruct(pattern) is string construct && _vPatternsReported.Add("2:" + pointer))
            {
                _diagnostics.Add(DiagnosticCatalog.PatternDotNetSyntax, pointer, pattern, construct);
            }
            return true;
        }

        /// <summary>The first construct of a pattern whose meaning differs between .NET and ECMA-262, described; null if none.</summary>
        internal static string? DotNetOnlyConstruct(string pattern)
        {
            for (int i = 0; i < pattern.Length - 1; i++)
            {
                char c = pattern[i];
                char next = pattern[i + 1];
                if (c == '\\')
                {
                    switch (next)
                    {
                        case 'A': case 'z': case 'Z': case 'G': return "the anchor \\" + next + " (not ECMA-262)";
                        case 'p': case 'P': return "the Unicode class \\" + next + " (ECMA-262 without the u flag reads it as the letter " + next + ")";
                    }
                    i++;
                    continue;
                }
                if (c == '(' && next == '?' && i + 2 < pattern.Length)
                {
                    char k = pattern[i + 2];
                    if (k == '#') return "a (?#...) comment";
                    if (k == 'i' || k == 'm' || k == 's' || k == 'n' || k == 'x' || k == '-') return "an inline option group (?" + k + "...)";
                }
                if (c == '-' && next == '[') return "character class subtraction [a-z-[aeiou]]";
                if (c == '[' && next == ':') return "a POSIX class [[:name:]]";
            }
            return null;
        }

        private static string Types(JsonSchemaType t)
        {
            var names = new List<string>();
            if ((t & JsonSchemaType.Boolean) != 0) names.Add("\"boolean\"");
            if ((t & JsonSchemaType.Integer) != 0) names.Add("\"integer\"");
            if ((t & JsonSchemaType.Number) != 0) names.Add("\"number\"");
            if ((t & JsonSchemaType.String) != 0) names.Add("\"string\"");
            if ((t & JsonSchemaType.Array) != 0) names.Add("\"array\"");
            if ((t & JsonSchemaType.Object) != 0) names.Add("\"object\"");
            return names.Count == 1 ? names[0] : "[" + string.Join(",", names) + "]";
        }

        /// <summary>
        /// A JSON string in ASCII: quote, backslash and control characters escaped as JSON requires, and every character
        /// above '~' as <c>\uXXXX</c>, so a table line holds nothing a C# raw literal could read as a line break.
        /// </summary>
        private static string J(string value)
        {
            var sb = new StringBuilder(value.Length + 2);
            sb.Append('"');
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (c < ' ' || c > '~') sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                        else sb.Append(c);
                        break;
                }
            }
            return sb.Append('"').ToString();
        }

        /// <summary>A JSON number that reads back as the same double ("R" never gives NaN or infinity here: they are dropped before).</summary>
        private static string JsonNumber(double d) => d.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>
        /// The lines of a table as the body of a C# 11 raw UTF-8 literal (<c>"""...."""u8</c>): one JSON entry per line inside
        /// <c>[ ]</c>, indented to match the closing delimiter. The lines are ASCII JSON, so nothing in them is read as C#.
        /// </summary>
        private static string RawUtf8Literal(IReadOnlyList<string> entries)
        {
            const string indent = "            ";
            int longest = 0;
            var sb = new StringBuilder();
            sb.Append(indent).Append('[');
            for (int i = 0; i < entries.Count; i++)
            {
                string e = entries[i];
                int run = 0;
                foreach (char c in e)
                {
                    run = c == '"' ? run + 1 : 0;
                    if (run > longest) longest = run;
                }
                sb.Append('\n').Append(indent).Append(e);
                if (i + 1 < entries.Count) sb.Append(',');
            }
            sb.Append('\n').Append(indent).Append(']');
            string quotes = new string('"', Math.Max(3, longest + 1));
            return quotes + "\n" + sb + "\n" + indent + quotes + "u8";
        }

        private static string Int(int i) => i.ToString(CultureInfo.InvariantCulture);
    }
}
