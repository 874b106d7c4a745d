using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Portico.CodeGeneration.Diagnostics;
using Portico.CodeGeneration.Emit;
using Portico.CodeGeneration.Model;

namespace Portico.CodeGeneration.Binding
{
    /// <summary>Schemas to C# types: classes, extensible enums, unions, and the built-in types for the rest.</summary>
    internal sealed partial class ClientBinder
    {
        private const string Conv = "global::Portico.Json.JsonConverters.";
        private const string ListType = "global::System.Collections.Generic.List";
        private const string MapType = "global::System.Collections.Generic.Dictionary<string, ";

        private static readonly TypeRef s_any = new("global::System.Text.Json.JsonElement", Conv + "Any", true, TypeKinds.Any, "JsonElement");
        private static readonly TypeRef s_string = new("string", Conv + "String", false, TypeKinds.Scalar, "String");
        private static readonly TypeRef s_bool = new("bool", Conv + "Boolean", true, TypeKinds.Scalar, "Boolean");
        private static readonly TypeRef s_int32 = new("int", Conv + "Int32", true, TypeKinds.Scalar, "Int32");
        private static readonly TypeRef s_int64 = new("long", Conv + "Int64", true, TypeKinds.Scalar, "Int64");
        private static readonly TypeRef s_single = new("float", Conv + "Single", true, TypeKinds.Scalar, "Single");
        private static readonly TypeRef s_double = new("double", Conv + "Double", true, TypeKinds.Scalar, "Double");
        private static readonly TypeRef s_decimal = new("decimal", Conv + "Decimal", true, TypeKinds.Scalar, "Decimal");
        private static readonly TypeRef s_dateTime = new("global::System.DateTimeOffset", Conv + "DateTimeOffset", true, TypeKinds.Scalar, "DateTimeOffset");
        private static readonly TypeRef s_date = new("global::System.DateOnly", Conv + "Date", true, TypeKinds.Scalar, "DateOnly");
        private static readonly TypeRef s_guid = new("global::System.Guid", Conv + "Guid", true, TypeKinds.Scalar, "Guid");
        private static readonly TypeRef s_bytes = new("byte[]", Conv + "Bytes", false, TypeKinds.Scalar, "ByteArray");
        private static readonly TypeRef s_file = new("global::Portico.FileParameter", Conv + "File", false, TypeKinds.File, "FileParameter");

        private enum Shape
        {
            Alias,
            Class,
            StringEnum,
            IntegerEnum,
            Union,
        }

        private readonly Dictionary<string, TypeRef> _componentTypes = new(StringComparer.Ordinal);
        private readonly HashSet<string> _aliasInProgress = new(StringComparer.Ordinal);
        private readonly HashSet<IOpenApiSchema> _inlineInProgress = new();
        private readonly List<TypeModel> _types = new();
        private readonly Dictionary<string, string> _componentTypeNames = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string>> _derivedByBase = new(StringComparer.Ordinal);
        private readonly Dictionary<string, TypeRef> _composites = new(StringComparer.Ordinal);
        private readonly Dictionary<IOpenApiSchema, TypeRef> _inlineTypes = new();
        private readonly Dictionary<string, TypeRef> _listItems = new(StringComparer.Ordinal);

        private IDictionary<string, IOpenApiSchema> ComponentSchemas => _doc.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();

        /// <summary>Reserves the names of component schemas first, so that they keep their names.</summary>
        private void PrepareComponents()
        {
            foreach (var pair in ComponentSchemas)
            {
                string wanted = NameRegistry.TypeName(pair.Key);
                // A union or extensible enum has a member named 'Value' (and an enum 'IsKnown'): the type cannot be named so.
                var shape = Target(pair.Value) is IOpenApiSchema target ? ShapeOf(target) : Shape.Alias;
                if ((shape == Shape.Union && wanted == "Value") || (shape == Shape.StringEnum && (wanted == "Value" || wanted == "IsKnown")))
                {
                    string renamed = wanted + (shape == Shape.Union ? "Union" : "Enum");
                    _diagnostics.Add(DiagnosticCatalog.Renamed, ComponentPointer(pair.Key), wanted, renamed, "the generated type has a member named '" + wanted + "'");
                    wanted = renamed;
                }
                string name = _typeNames.ClaimWith(wanted, "JsonConverter");
                _componentTypeNames[pair.Key] = name;
            }
            foreach (var pair in ComponentSchemas)
            {
                // Target() and not the reference itself: a reference to itself throws when read through.
                if (Target(pair.Value)?.AllOf is not { } allOf) continue;
                foreach (var part in allOf)
                {
                    if (part is OpenApiSchemaReference r && RefId(r) is string baseId && baseId != pair.Key)
                    {
                        if (!_derivedByBase.TryGetValue(baseId, out var list)) _derivedByBase[baseId] = list = new List<string>();
                        list.Add(pair.Key);
                    }
                }
            }
        }

        private static string? RefId(OpenApiSchemaReference r)
        {
            try
            {
                return r.Reference?.Id;
            }
            catch (Exception)
            {
                return null;
            }
        }

        private static IOpenApiSchema? Target(IOpenApiSchema schema)
        {
            if (schema is OpenApiSchemaReference r)
            {
                try
                {
                    return r.Target;
                }
                catch (Exception)
                {
                    return null;
                }
            }
            return schema;
        }

        private string ComponentPointer(string id) => "#/components/schemas/" + Reading.SourceLocator.Escape(id);

        /// <summary>The C# type of a component schema, building its model the first time.</summary>
        internal TypeRef ComponentType(string id)
        {
            if (_componentTypes.TryGetValue(id, out var known)) return known;
            if (!ComponentSchemas.TryGetValue(id, out var schema) || Target(schema) is not IOpenApiSchema target)
            {
                return s_any;
            }
            if (!_componentTypeNames.TryGetValue(id, out var name))
            {
                name = _typeNames.ClaimWith(NameRegistry.TypeName(id), "JsonConverter");
                _componentTypeNames[id] = name;
            }
            string pointer = ComponentPointer(id);
            var shape = ShapeOf(target);
            if (shape == Shape.Alias)
            {
                if (!_aliasInProgress.Add(id)) return s_any;
                var alias = MapInline(target, name, pointer, isComponent: true);
                _aliasInProgress.Remove(id);
                _componentTypes[id] = alias;
                return alias;
            }
            var typeRef = ModelRef(name, shape);
            _componentTypes[id] = typeRef;
            BuildModel(target, name, shape, pointer, id);
            return typeRef;
        }

        private TypeRef ModelRef(string name, Shape shape)
        {
            string full = "global::" + _ns + "." + name;
            bool valueType = shape == Shape.StringEnum || shape == Shape.IntegerEnum;
            return new TypeRef(full, full + "JsonConverter.Instance", valueType, valueType ? TypeKinds.Enum : TypeKinds.Model, name);
        }

        private static bool HasType(IOpenApiSchema s, JsonSchemaType t) => s.Type is JsonSchemaType st && (st & t) == t;

        private static JsonSchemaType? NonNullType(IOpenApiSchema s)
        {
            if (s.Type is not JsonSchemaType t) return null;
            t &= ~JsonSchemaType.Null;
            return t == 0 ? null : t;
        }

        private static bool IsSingleType(JsonSchemaType t) => t != 0 && (t & (t - 1)) == 0;

        internal static bool IsNullable(IOpenApiSchema? schema)
        {
            if (schema is null) return false;
            if (schema.Type is JsonSchemaType t && (t & JsonSchemaType.Null) != 0) return true;
            if (schema.Extensions is not null && schema.Extensions.TryGetValue("x-nullable", out var ext) && ext is JsonNodeExtension jn && jn.Node is JsonValue v && v.TryGetValue(out bool b) && b) return true;
            foreach (var list in new[] { schema.OneOf, schema.AnyOf })
            {
                if (list is null) continue;
                foreach (var v2 in list)
                {
                    if (IsNullSchema(v2)) return true;
                }
            }
            if (schema.AllOf is { Count: 1 } && schema.Properties is not { Count: > 0 } && Target(schema.AllOf[0]) is IOpenApiSchema only && !ReferenceEquals(only, schema))
            {
                return IsNullable(only) && schema is not OpenApiSchemaReference;
            }
            return false;
        }

        private static bool IsNullSchema(IOpenApiSchema s) => s.Type == JsonSchemaType.Null;

        private static List<IOpenApiSchema> UnionVariants(IOpenApiSchema s)
        {
            var list = new List<IOpenApiSchema>();
            if (s.OneOf is not null) list.AddRange(s.OneOf.Where(v => !IsNullSchema(v)));
            if (s.AnyOf is not null) list.AddRange(s.AnyOf.Where(v => !IsNullSchema(v)));
            return list;
        }

        private static bool HasOwnProperties(IOpenApiSchema s) => s.Properties is { Count: > 0 };

        private Shape ShapeOf(IOpenApiSchema s)
        {
            if (s.AllOf is { Count: > 0 })
            {
                var realParts = s.AllOf.Where(p => !IsEmptySchema(p)).ToList();
                if (realParts.Count == 1 && !HasOwnProperties(s) && UnionVariants(s).Count == 0)
                {
                    return Shape.Alias;
                }
                if (realParts.Count == 0 && !HasOwnProperties(s)) return Shape.Alias;
                return AllOfIsObject(s) ? Shape.Class : Shape.Alias;
            }
            var variants = UnionVariants(s);
            if (variants.Count > 0)
            {
                if (HasOwnProperties(s)) return Shape.Class;
                if (variants.Count == 1) return Shape.Alias;
                if (variants.All(v => ScalarKind(v) == "string")) return Shape.Alias;
                return Shape.Union;
            }
            if (s.Enum is { Count: > 0 })
            {
                var nonNull = s.Enum.Where(e => e is not null && e.GetValueKind() != System.Text.Json.JsonValueKind.Null).ToList();
                var t = NonNullType(s);
                if (nonNull.Count > 0 && (t == JsonSchemaType.String || (t is null && nonNull.All(e => e!.GetValueKind() == System.Text.Json.JsonValueKind.String))))
                {
                    return string.IsNullOrEmpty(s.Format) || s.Format == "string" ? Shape.StringEnum : Shape.Alias;
                }
                if (nonNull.Count > 0 && t == JsonSchemaType.Integer && nonNull.All(e => e!.GetValueKind() == System.Text.Json.JsonValueKind.Number && long.TryParse(e.ToJsonString(), out _)))
                {
                    return Shape.IntegerEnum;
                }
                return Shape.Alias;
            }
            var type = NonNullType(s);
            if (type is JsonSchemaType tt && !IsSingleType(tt)) return Shape.Alias;
            if (HasOwnProperties(s) && (type is null || type == JsonSchemaType.Object)) return Shape.Class;
            return Shape.Alias;
        }

        private bool AllOfIsObject(IOpenApiSchema s)
        {
            // An allOf makes a class when its parts are objects; allOf of scalars (format refinements) is an alias.
            if (HasOwnProperties(s)) return true;
            foreach (var part in s.AllOf!)
            {
                var t = Target(part);
                if (t is null) continue;
                if (HasOwnProperties(t) || (t.AllOf is { Count: > 0 } && AllOfIsObject(t)) || NonNullType(t) == JsonSchemaType.Object) return true;
            }
            return false;
        }

        private static bool IsEmptySchema(IOpenApiSchema p)
        {
            if (p is OpenApiSchemaReference) return false;
            return p.Type is null && p.Properties is not { Count: > 0 } && p.AllOf is not { Count: > 0 } && p.OneOf is not { Count: > 0 }
                && p.AnyOf is not { Count: > 0 } && p.Items is null && p.Enum is not { Count: > 0 } && p.AdditionalProperties is null && string.IsNullOrEmpty(p.Format);
        }

        /// <summary>What JSON token a scalar schema reads from, or null for structured ones.</summary>
        private string? ScalarKind(IOpenApiSchema schema)
        {
            var s = Target(schema);
            if (s is null) return null;
            if (s.AllOf is { Count: 1 } && !HasOwnProperties(s)) return ScalarKind(s.AllOf[0]);
            if (HasOwnProperties(s) || s.AllOf is { Count: > 0 } || s.OneOf is { Count: > 0 } || s.AnyOf is { Count: > 0 }) return null;
            var t = NonNullType(s);
            if (t == JsonSchemaType.String) return "string";
            if (t == JsonSchemaType.Integer) return "integer";
            if (t == JsonSchemaType.Number) return "number";
            if (t == JsonSchemaType.Boolean) return "boolean";
            return null;
        }

        /// <summary>Maps a schema at a use site (a property, parameter, body, item, variant).</summary>
        internal TypeRef Map(IOpenApiSchema? schema, string hint, string pointer)
        {
            if (schema is null) return s_any;
            if (schema is OpenApiSchemaReference r)
            {
                string? id = RefId(r);
                if (id is not null && ComponentSchemas.ContainsKey(id)) return ComponentType(id);
                var target = Target(r);
                if (target is null)
                {
                    _diagnostics.Add(DiagnosticCatalog.UnresolvedReference, pointer, id ?? "(unknown)");
                    return s_any;
                }
                if (ReferenceEquals(target, schema)) return s_any;
                return Map(target, id is null ? hint : NameRegistry.TypeName(LastSegment(id)), pointer);
            }
            return MapInline(schema, hint, pointer, isComponent: false);
        }

        private static string LastSegment(string id)
        {
            int slash = id.LastIndexOfAny(new[] { '/', '#' });
            string last = slash >= 0 ? id.Substring(slash + 1) : id;
            int dot = last.IndexOf(".json", StringComparison.OrdinalIgnoreCase);
            if (dot < 0) dot = last.IndexOf(".yaml", StringComparison.OrdinalIgnoreCase);
            return dot > 0 ? last.Substring(0, dot) : last;
        }

        private TypeRef MapInline(IOpenApiSchema s, string hint, string pointer, bool isComponent)
        {
            var shape = ShapeOf(s);
            switch (shape)
            {
                case Shape.Class:
                case Shape.StringEnum:
                case Shape.IntegerEnum:
                case Shape.Union:
                    {
                        if (_inlineTypes.TryGetValue(s, out var existing)) return existing;
                        string name = isComponent ? hint : _typeNames.ClaimWith(NameRegistry.TypeName(hint), "JsonConverter");
                        var typeRef = ModelRef(name, shape);
                        _inlineTypes[s] = typeRef;
                        BuildModel(s, name, shape, pointer, null);
                        return typeRef;
                    }
            }

            // Aliases: wrappers, arrays, maps and scalars.
            if (s.AllOf is { Count: > 0 })
            {
                var real = s.AllOf.Where(p => !IsEmptySchema(p)).ToList();
                if (real.Count == 0) return s_any;
                if (!_inlineInProgress.Add(s)) return s_any;
                try
                {
                    // allOf of scalar refinements: the first part decides the type.
                    return Map(real[0], hint, pointer + "/allOf/0");
                }
                finally
                {
                    _inlineInProgress.Remove(s);
                }
            }
            var variants = UnionVariants(s);
            if (variants.Count == 1)
            {
                if (!_inlineInProgress.Add(s)) return s_any;
                try
                {
                    return Map(variants[0], hint, pointer + (s.OneOf is { Count: > 0 } ? "/oneOf/0" : "/anyOf/0"));
                }
                finally
                {
                    _inlineInProgress.Remove(s);
                }
            }
            if (variants.Count > 1) return s_string; // every variant is a string

            var type = NonNullType(s);
            if (type is JsonSchemaType multi && !IsSingleType(multi))
            {
                _diagnostics.Add(DiagnosticCatalog.UnsupportedSchema, pointer, "A schema of several types (" + multi.ToString().Replace(",", " |") + ")", pointer, "JsonElement");
                return s_any;
            }
            switch (type)
            {
                case JsonSchemaType.Array:
                    {
                        if (!_inlineInProgress.Add(s)) return s_any;
                        try
                        {
                            var itemSchema = s.Items;
                            var item = Map(itemSchema, hint.EndsWith("Item", StringComparison.Ordinal) ? hint : hint + "Item", pointer + "/items");
                            return ListOf(item, IsNullable(itemSchema));
                        }
                        finally
                        {
                            _inlineInProgress.Remove(s);
                        }
                    }
                case JsonSchemaType.String:
                    return StringFormat(s.Format);
                case JsonSchemaType.Integer:
                    return s.Format == "int32" ? s_int32 : s_int64;
                case JsonSchemaType.Number:
                    return s.Format switch
                    {
                        "float" => s_single,
                        "decimal" => s_decimal,
                        "int32" => s_int32,
                        "int64" => s_int64,
                        _ => s_double,
                    };
                case JsonSchemaType.Boolean:
                    return s_bool;
            }
            if (s.Items is not null && type is null)
            {
                if (!_inlineInProgress.Add(s)) return s_any;
                try
                {
                    return ListOf(Map(s.Items, hint + "Item", pointer + "/items"), IsNullable(s.Items));
                }
                finally
                {
                    _inlineInProgress.Remove(s);
                }
            }
            if (type is null && s.Format is { Length: > 0 } && s.Properties is not { Count: > 0 })
            {
                // A format without a type: OpenAPI 2 and sloppy documents; take the format's natural type.
                return s.Format switch
                {
                    "int32" => s_int32,
                    "int64" => s_int64,
                    "float" => s_single,
                    "double" => s_double,
                    "decimal" => s_decimal,
                    _ => StringFormat(s.Format),
                };
            }
            // Objects without properties: a map when additionalProperties says what values are, else any JSON.
            if (s.AdditionalProperties is not null && !IsEmptySchema(s.AdditionalProperties))
            {
                if (!_inlineInProgress.Add(s)) return s_any;
                try
                {
                    var value = Map(s.AdditionalProperties, hint + "Value", pointer + "/additionalProperties");
                    return MapOf(value, IsNullable(s.AdditionalProperties));
                }
                finally
                {
                    _inlineInProgress.Remove(s);
                }
            }
            if (s.AdditionalProperties is not null || (type == JsonSchemaType.Object && s.AdditionalPropertiesAllowed && s.Properties is not { Count: > 0 } && s.PatternProperties is null))
            {
                return type == JsonSchemaType.Object ? MapOf(s_any, false) : s_any;
            }
            return s_any;
        }

        private static TypeRef StringFormat(string? format) => format switch
        {
            "date-time" => s_dateTime,
            "date" => s_date,
            "uuid" => s_guid,
            "byte" => s_bytes,
            "binary" => s_file,
            _ => s_string,
        };

        private TypeRef ListOf(TypeRef item, bool itemNullable)
        {
            bool wrap = itemNullable && item.IsValueType && item.Kind != TypeKinds.Any;
            string itemType = wrap || (itemNullable && !item.IsValueType) ? item.Name + "?" : item.Name;
            string itemConv = wrap ? Conv + "Nullable(" + item.Converter + ")" : item.Converter;
            string name = ListType + "<" + itemType + ">";
            string key = "L:" + name;
            if (_composites.TryGetValue(key, out var t)) return t;
            t = new TypeRef(name, Conv + "List(" + itemConv + ")", false, TypeKinds.List, "List" + (wrap ? "Nullable" : string.Empty) + item.ContextProperty);
            _composites[key] = t;
            _listItems[name] = item;
            return t;
        }

        private TypeRef MapOf(TypeRef value, bool valueNullable)
        {
            bool wrap = valueNullable && value.IsValueType && value.Kind != TypeKinds.Any;
            string valueType = wrap || (valueNullable && !value.IsValueType) ? value.Name + "?" : value.Name;
            string valueConv = wrap ? Conv + "Nullable(" + value.Converter + ")" : value.Converter;
            string name = MapType + valueType + ">";
            string key = "M:" + name;
            if (_composites.TryGetValue(key, out var t)) return t;
            t = new TypeRef(name, Conv + "Map(" + valueConv + ")", false, TypeKinds.Map, "Dictionary" + (wrap ? "Nullable" : string.Empty) + value.ContextProperty);
            _composites[key] = t;
            return t;
        }

        // ---------------------------------------------------------------- models

        private void BuildModel(IOpenApiSchema s, string name, Shape shape, string pointer, string? componentId)
        {
            switch (shape)
            {
                case Shape.StringEnum:
                    _types.Add(BuildStringEnum(s, name));
                    break;
                case Shape.IntegerEnum:
                    _types.Add(BuildIntegerEnum(s, name));
                    break;
                case Shape.Union:
                    _types.Add(BuildUnion(s, name, pointer));
                    break;
                default:
                    _types.Add(BuildClass(s, name, pointer, componentId));
                    break;
            }
        }

        private static EquatableArray<string> Docs(IOpenApiSchema s, string? fallback = null)
        {
            string? text = s.Description;
            if (string.IsNullOrWhiteSpace(text)) text = s.Title;
            if (string.IsNullOrWhiteSpace(text)) text = fallback;
            return CSharp.DocLines(text).ToEquatableArray();
        }

        private TypeModel BuildStringEnum(IOpenApiSchema s, string name)
        {
            var members = new List<EnumMemberModel>();
            var names = new NameRegistry();
            names.Reserve(name);
            foreach (var reserved in new[] { "Value", "IsKnown", "Equals", "GetHashCode", "ToString", "KnownValues", "GetType" }) names.Reserve(reserved);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var varNames = ExtensionStrings(s, "x-enum-varnames");
            var descriptions = ExtensionStrings(s, "x-enum-descriptions");
            int index = 0;
            foreach (var e in s.Enum!)
            {
                if (e is null || e.GetValueKind() != System.Text.Json.JsonValueKind.String) { index++; continue; }
                string wire = e.GetValue<string>();
                if (!seen.Add(wire)) { index++; continue; }
                string baseName = varNames is not null && index < varNames.Count ? CSharp.Pascal(varNames[index], "Value") : CSharp.Pascal(wire, "Empty");
                if (baseName[0] == '_') baseName = "Value" + baseName;
                string member = names.Claim(baseName);
                var docs = descriptions is not null && index < descriptions.Count ? CSharp.DocLines(descriptions[index]) : new List<string>();
                members.Add(new EnumMemberModel(member, CSharp.Literal(wire), CSharp.Literal(wire), docs.ToEquatableArray()));
                index++;
            }
            return new TypeModel(TypeModelKinds.StringEnum, name, name + "JsonConverter", Docs(s), s.Deprecated, null, false,
                EquatableArray<PropertyModel>.Empty, EquatableArray<PropertyModel>.Empty, null, members.ToEquatableArray(),
                EquatableArray<VariantModel>.Empty, null, EquatableArray<SubtypeModel>.Empty, EquatableArray<ConverterFieldModel>.Empty);
        }

        private TypeModel BuildIntegerEnum(IOpenApiSchema s, string name)
        {
            var members = new List<EnumMemberModel>();
            var names = new NameRegistry();
            names.Reserve(name);
            var seen = new HashSet<long>();
            var varNames = ExtensionStrings(s, "x-enum-varnames");
            var descriptions = ExtensionStrings(s, "x-enum-descriptions");
            int index = 0;
            foreach (var e in s.Enum!)
            {
                if (e is null || !long.TryParse(e.ToJsonString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out long v) || !seen.Add(v)) { index++; continue; }
                string baseName = varNames is not null && index < varNames.Count ? CSharp.Pascal(varNames[index], "Value") : (v < 0 ? "Minus" + (-v).ToString(System.Globalization.CultureInfo.InvariantCulture) : "Value" + v.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (baseName[0] == '_') baseName = "Value" + baseName;
                string member = names.Claim(baseName);
                var docs = descriptions is not null && index < descriptions.Count ? CSharp.DocLines(descriptions[index]) : new List<string>();
                members.Add(new EnumMemberModel(member, CSharp.Literal(v.ToString(System.Globalization.CultureInfo.InvariantCulture)), v.ToString(System.Globalization.CultureInfo.InvariantCulture) + "L", docs.ToEquatableArray()));
                index++;
            }
            return new TypeModel(TypeModelKinds.IntegerEnum, name, name + "JsonConverter", Docs(s), s.Deprecated, null, false,
                EquatableArray<PropertyModel>.Empty, EquatableArray<PropertyModel>.Empty, null, members.ToEquatableArray(),
                EquatableArray<VariantModel>.Empty, null, EquatableArray<SubtypeModel>.Empty, EquatableArray<ConverterFieldModel>.Empty);
        }

        private static List<string>? ExtensionStrings(IOpenApiSchema s, string key)
        {
            if (s.Extensions is null || !s.Extensions.TryGetValue(key, out var ext) || ext is not JsonNodeExtension jn || jn.Node is not JsonArray arr) return null;
            var list = new List<string>();
            foreach (var item in arr) list.Add(item is JsonValue v && v.TryGetValue(out string? str) ? str ?? string.Empty : item?.ToJsonString() ?? string.Empty);
            return list;
        }

        private sealed class PropertySource
        {
            public PropertySource(string wire, IOpenApiSchema schema, string pointer)
            {
                Wire = wire;
                Schema = schema;
                Pointer = pointer;
            }

            public string Wire { get; }
            public IOpenApiSchema Schema { get; set; }
            public string Pointer { get; set; }
            public bool Required { get; set; }
        }

        /// <summary>Collects properties (own and of flattened allOf parts) in document order.</summary>
        private void CollectProperties(IOpenApiSchema s, string pointer, List<PropertySource> into, Dictionary<string, PropertySource> byWire, HashSet<string> required, HashSet<IOpenApiSchema> visited, string? skipBaseId, ref IOpenApiSchema? additional)
        {
            if (!visited.Add(s)) return;
            if (s.AllOf is not null)
            {
                for (int i = 0; i < s.AllOf.Count; i++)
                {
                    var part = s.AllOf[i];
                    if (part is OpenApiSchemaReference r && RefId(r) is string id && id == skipBaseId) continue;
                    var t = Target(part);
                    if (t is null) continue;
                    string partPointer = part is OpenApiSchemaReference r2 && RefId(r2) is string rid ? ComponentPointer(rid) : pointer + "/allOf/" + i;
                    CollectProperties(t, partPointer, into, byWire, required, visited, null, ref additional);
                }
            }
            if (s.Required is not null) foreach (var r in s.Required) required.Add(r);
            if (s.Properties is not null)
            {
                foreach (var p in s.Properties)
                {
                    string pp = pointer + "/properties/" + Reading.SourceLocator.Escape(p.Key);
                    if (byWire.TryGetValue(p.Key, out var existing))
                    {
                        // A later part refines the property; keep the more specific schema.
                        if (!IsEmptySchema(p.Value)) { existing.Schema = p.Value; existing.Pointer = pp; }
                        continue;
                    }
                    var src = new PropertySource(p.Key, p.Value, pp);
                    byWire[p.Key] = src;
                    into.Add(src);
                }
            }
            if (s.AdditionalProperties is not null && additional is null) additional = s.AdditionalProperties;
        }

        private TypeModel BuildClass(IOpenApiSchema s, string name, string pointer, string? componentId)
        {
            // Inheritance: one allOf part that refers to a class component becomes the base class.
            string? baseId = null;
            TypeRef? baseRef = null;
            if (s.AllOf is { Count: > 0 })
            {
                var classRefs = s.AllOf.OfType<OpenApiSchemaReference>()
                    .Select(r => RefId(r))
                    .Where(id => id is not null && ComponentSchemas.TryGetValue(id, out var cs) && Target(cs) is IOpenApiSchema ct && ShapeOf(ct) == Shape.Class)
                    .ToList();
                if (classRefs.Count == 1 && classRefs[0] != componentId && !IsAncestor(componentId, classRefs[0]!))
                {
                    baseId = classRefs[0];
                    baseRef = ComponentType(baseId!);
                    if (!baseRef.IsModel) { baseRef = null; baseId = null; }
                }
            }

            var sources = new List<PropertySource>();
            var byWire = new Dictionary<string, PropertySource>(StringComparer.Ordinal);
            var required = new HashSet<string>(StringComparer.Ordinal);
            IOpenApiSchema? additional = null;
            CollectProperties(s, pointer, sources, byWire, required, new HashSet<IOpenApiSchema>(), baseId, ref additional);

            var inherited = baseId is not null ? InheritedProperties(baseId) : new List<PropertyModel>();
            var inheritedWire = new HashSet<string>(inherited.Select(p => p.WireName), StringComparer.Ordinal);
            var memberNames = new NameRegistry();
            memberNames.Reserve(name);
            foreach (var ip in inherited) memberNames.Reserve(ip.Name);
            foreach (var reserved in new[] { "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize" }) memberNames.Reserve(reserved);

            var own = new List<PropertyModel>();
            // Inherited properties read and write through the base converter's fields (P0, P1, ...): the derived converter needs them too.
            var fields = baseId is not null && _classFields.TryGetValue(baseId, out var baseFields) ? new List<ConverterFieldModel>(baseFields) : new List<ConverterFieldModel>();
            int index = inherited.Count;
            foreach (var src in sources)
            {
                if (inheritedWire.Contains(src.Wire)) continue;
                var prop = BindProperty(src, name, memberNames, required.Contains(src.Wire), index++, fields);
                own.Add(prop);
            }

            PropertyModel? additionalModel = null;
            if (additional is not null && (sources.Count > 0 || inherited.Count > 0) && !(additional is not OpenApiSchemaReference && additional.Type is null && false))
            {
                var valueType = IsEmptySchema(additional) ? s_any : Map(additional, name + "Value", pointer + "/additionalProperties");
                var mapType = MapOf(valueType, IsNullable(additional));
                string apName = memberNames.Claim("AdditionalProperties");
                string field = "AdditionalProperties";
                fields.Add(new ConverterFieldModel(field, "global::System.Text.Json.Serialization.JsonConverter<" + mapType.Name + ">", mapType.Converter));
                string valueConv = valueType.Converter;
                bool wrap = IsNullable(additional) && valueType.IsValueType && valueType.Kind != TypeKinds.Any;
                if (wrap) valueConv = Conv + "Nullable(" + valueConv + ")";
                string vType = wrap ? valueType.Name + "?" : valueType.Name;
                additionalModel = new PropertyModel(mapType, apName, CSharp.Literal(apName), CSharp.Literal(apName) + "u8", apName, mapType.Name + "?", "extra", false, false, false,
                    CSharp.DocLines("Properties that the schema does not name.").ToEquatableArray(), false,
                    valueConv, vType, true, string.Empty, null);
            }

            // Known before subtypes are bound: a derived class built from here inherits these properties.
            var all = new List<PropertyModel>(inherited);
            all.AddRange(own);
            if (componentId is not null)
            {
                _classProperties[componentId] = all;
                _classFields[componentId] = fields.Where(f => f.Name != "AdditionalProperties").ToList();
            }

            var subtypes = new List<SubtypeModel>();
            string? discriminatorWire = s.Discriminator?.PropertyName;
            if (componentId is not null && discriminatorWire is not null && _derivedByBase.TryGetValue(componentId, out var derivedIds))
            {
                foreach (var d in derivedIds)
                {
                    var dref = ComponentType(d);
                    if (!dref.IsModel) continue;
                    var values = new List<string>();
                    if (s.Discriminator!.Mapping is not null)
                    {
                        foreach (var m in s.Discriminator.Mapping)
                        {
                            if (m.Value is OpenApiSchemaReference mr && RefId(mr) == d) values.Add(CSharp.Literal(m.Key));
                        }
                    }
                    if (values.Count == 0) values.Add(CSharp.Literal(d));
                    subtypes.Add(new SubtypeModel(dref.Name, dref.Converter, values.ToEquatableArray()));
                }
            }
            else
            {
                discriminatorWire = null;
            }

            string? baseName = baseRef?.Name;
            return new TypeModel(TypeModelKinds.Class, name, name + "JsonConverter", Docs(s), s.Deprecated, baseName, false,
                own.ToEquatableArray(), all.ToEquatableArray(), additionalModel, EquatableArray<EnumMemberModel>.Empty,
                EquatableArray<VariantModel>.Empty, discriminatorWire is null ? null : CSharp.Literal(discriminatorWire), subtypes.ToEquatableArray(), fields.ToEquatableArray());
        }

        private readonly Dictionary<string, List<PropertyModel>> _classProperties = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<ConverterFieldModel>> _classFields = new(StringComparer.Ordinal);

        private bool IsAncestor(string? id, string candidateBase)
        {
            // Guards inheritance cycles: candidateBase must not (transitively) derive from id.
            if (id is null) return false;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<string>();
            stack.Push(candidateBase);
            while (stack.Count > 0)
            {
                var cur = stack.Pop();
                if (!seen.Add(cur)) continue;
                if (cur == id) return true;
                if (ComponentSchemas.TryGetValue(cur, out var cs) && Target(cs)?.AllOf is { } parts)
                {
                    foreach (var p in parts.OfType<OpenApiSchemaReference>())
                    {
                        if (RefId(p) is string pid) stack.Push(pid);
                    }
                }
            }
            return false;
        }

        private List<PropertyModel> InheritedProperties(string baseId)
        {
            ComponentType(baseId);
            return _classProperties.TryGetValue(baseId, out var list) ? list : new List<PropertyModel>();
        }

        private PropertyModel BindProperty(PropertySource src, string typeName, NameRegistry memberNames, bool required, int index, List<ConverterFieldModel> fields)
        {
            var schema = src.Schema;
            var target = Target(schema) ?? schema;
            string baseName = CSharp.Pascal(src.Wire, "Property");
            if (baseName[0] == '_') baseName = "Property" + baseName;
            string name = memberNames.Claim(baseName);
            var type = Map(schema, typeName + name, src.Pointer);
            bool readOnly = target.ReadOnly || schema.ReadOnly;
            bool writeOnly = target.WriteOnly || schema.WriteOnly;
            bool nullableInSpec = IsNullable(schema);
            bool csharpRequired = required && !readOnly && !nullableInSpec;
            if (required && nullableInSpec && !readOnly) csharpRequired = true;
            // Optional properties may be absent, so they are nullable in C#; required ones follow the schema.
            bool nullable = !required || nullableInSpec || readOnly;
            if (type.Kind == TypeKinds.Any && !nullable) nullable = false;
            string declared = type.Declared(nullable);

            string conv = type.Converter;
            if (type.Kind == TypeKinds.List || type.Kind == TypeKinds.Map)
            {
                string field = "P" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                fields.Add(new ConverterFieldModel(field, "global::System.Text.Json.Serialization.JsonConverter<" + type.Name + ">", type.Converter));
                conv = "Converters." + field;
            }
            string wireLiteral = CSharp.Literal(src.Wire);
            string read;
            string write;
            string nullCheck;
            if (type.IsValueType)
            {
                read = nullable
                    ? "global::Portico.Json.JsonIO.ReadNullable(ref reader, " + conv + ", options)"
                    : "global::Portico.Json.JsonIO.ReadValue(ref reader, " + conv + ", options, " + wireLiteral + ")";
                write = nullable
                    ? "global::Portico.Json.JsonIO.WriteNullable(writer, value." + name + ", " + conv + ", options);"
                    : conv + ".Write(writer, value." + name + ", options);";
                nullCheck = nullable ? "value." + name + " is not null" : string.Empty;
            }
            else
            {
                read = "global::Portico.Json.JsonIO.ReadRef(ref reader, " + conv + ", options)" + (nullable ? string.Empty : "!");
                write = "global::Portico.Json.JsonIO.WriteRef(writer, value." + name + ", " + conv + ", options);";
                nullCheck = "value." + name + " is not null";
            }
            var docs = Docs(target);
            if (schema is OpenApiSchemaReference && !string.IsNullOrWhiteSpace(schema.Description)) docs = CSharp.DocLines(schema.Description).ToEquatableArray();
            bool skipWhenNull = !required && nullCheck.Length > 0;
            bool checkPresence = required && !readOnly && !writeOnly && !nullable;
            return new PropertyModel(type, name, wireLiteral, CSharp.Utf8Literal(src.Wire), src.Wire, declared, "p" + index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                required, csharpRequired, checkPresence, docs, target.Deprecated || schema.Deprecated, read, write, skipWhenNull, nullCheck, null);
        }

        private TypeModel BuildUnion(IOpenApiSchema s, string name, string pointer)
        {
            var variants = new List<VariantModel>();
            var names = new NameRegistry();
            names.Reserve(name);
            foreach (var reserved in new[] { "Value", "Equals", "GetHashCode", "ToString", "GetType" }) names.Reserve(reserved);
            var seenTypes = new HashSet<string>(StringComparer.Ordinal);
            var fields = new List<ConverterFieldModel>();
            var list = new List<(IOpenApiSchema Schema, string Pointer)>();
            if (s.OneOf is not null) for (int i = 0; i < s.OneOf.Count; i++) if (!IsNullSchema(s.OneOf[i])) list.Add((s.OneOf[i], pointer + "/oneOf/" + i));
            if (s.AnyOf is not null) for (int i = 0; i < s.AnyOf.Count; i++) if (!IsNullSchema(s.AnyOf[i])) list.Add((s.AnyOf[i], pointer + "/anyOf/" + i));
            string? discriminator = s.Discriminator?.PropertyName;
            int index = 0;
            foreach (var (vs, vp) in list)
            {
                string hint = name + "Variant" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var target = Target(vs);
                if (vs is OpenApiSchemaReference) hint = name;
                else if (!string.IsNullOrWhiteSpace(target?.Title)) hint = name + CSharp.Pascal(target!.Title!);
                var type = Map(vs, hint, vp);
                if (!seenTypes.Add(type.Name)) { index++; continue; }
                string propName = names.Claim(VariantName(type));
                string token = TokenOf(type, target);
                var discValues = new List<string>();
                if (discriminator is not null && vs is OpenApiSchemaReference vr && RefId(vr) is string vid)
                {
                    if (s.Discriminator!.Mapping is not null)
                    {
                        foreach (var m in s.Discriminator.Mapping)
                        {
                            if (m.Value is OpenApiSchemaReference mr && RefId(mr) == vid) discValues.Add(CSharp.Literal(m.Key));
                        }
                    }
                    if (discValues.Count == 0) discValues.Add(CSharp.Literal(vid));
                }
                var requiredWire = new List<string>();
                var knownWire = new List<string>();
                if (target is not null && token == "object")
                {
                    var srcs = new List<PropertySource>();
                    var req = new HashSet<string>(StringComparer.Ordinal);
                    IOpenApiSchema? ap = null;
                    CollectProperties(target, vp, srcs, new Dictionary<string, PropertySource>(StringComparer.Ordinal), req, new HashSet<IOpenApiSchema>(), null, ref ap);
                    foreach (var src in srcs)
                    {
                        knownWire.Add(CSharp.Literal(src.Wire));
                        if (req.Contains(src.Wire)) requiredWire.Add(CSharp.Literal(src.Wire));
                    }
                }
                string conv = type.Converter;
                if (type.Kind == TypeKinds.List || type.Kind == TypeKinds.Map)
                {
                    string field = "V" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    fields.Add(new ConverterFieldModel(field, "global::System.Text.Json.Serialization.JsonConverter<" + type.Name + ">", type.Converter));
                    conv = "Converters." + field;
                }
                string read = type.IsValueType
                    ? conv + ".Read(ref reader, typeof(" + type.Name + "), options)"
                    : conv + ".Read(ref reader, typeof(" + type.Name + "), options)";
                variants.Add(new VariantModel(propName, type.Declared(true), type.Name, conv, read, token, discValues.ToEquatableArray(),
                    requiredWire.ToEquatableArray(), knownWire.ToEquatableArray(), type.IsValueType));
                index++;
            }
            return new TypeModel(TypeModelKinds.Union, name, name + "JsonConverter", Docs(s), s.Deprecated, null, false,
                EquatableArray<PropertyModel>.Empty, EquatableArray<PropertyModel>.Empty, null, EquatableArray<EnumMemberModel>.Empty,
                variants.ToEquatableArray(), discriminator is null ? null : CSharp.Literal(discriminator), EquatableArray<SubtypeModel>.Empty, fields.ToEquatableArray())
            {
                ReadLines = UnionReadLines(name, variants, discriminator).ToEquatableArray(),
            };
        }

        /// <summary>
        /// Picks a variant: by discriminator when the schema has one, else by the JSON token, and for objects by
        /// which variant's required properties are all present and most of its properties match.
        /// </summary>
        private static List<string> UnionReadLines(string name, List<VariantModel> variants, string? discriminator)
        {
            var lines = new List<string>();
            string New(VariantModel v) => "return new " + name + " { " + v.Name + " = " + v.ReadExpr + " };";
            if (discriminator is not null && variants.Any(v => v.DiscriminatorValues.Count > 0))
            {
                lines.Add("if (reader.TokenType == global::System.Text.Json.JsonTokenType.StartObject)");
                lines.Add("{");
                lines.Add("    switch (global::Portico.Json.JsonIO.PeekString(reader, " + CSharp.Literal(discriminator) + "))");
                lines.Add("    {");
                foreach (var v in variants.Where(v => v.DiscriminatorValues.Count > 0))
                {
                    foreach (var d in v.DiscriminatorValues) lines.Add("        case " + d + ":");
                    lines.Add("            " + New(v));
                }
                lines.Add("    }");
                lines.Add("}");
            }
            var any = variants.FirstOrDefault(v => v.Token == "any");
            lines.Add("switch (reader.TokenType)");
            lines.Add("{");
            var str = variants.Where(v => v.Token == "string")
                .OrderBy(v => v.TypeName == "string" ? 2 : v.TypeName.StartsWith("global::System.", StringComparison.Ordinal) || v.TypeName == "byte[]" ? 0 : 1)
                .ToList();
            if (str.Count > 0)
            {
                lines.Add("    case global::System.Text.Json.JsonTokenType.String:");
                // Several string variants (a date and a plain string, say): the first that reads wins.
                for (int i = 0; i < str.Count - 1; i++)
                {
                    lines.Add("        try { var copy = reader; " + str[i].ReadExpr.Replace("ref reader", "ref copy") + "; " + New(str[i]) + " } catch (global::System.Exception e) when (e is global::System.FormatException || e is global::System.Text.Json.JsonException || e is global::System.InvalidOperationException) { }");
                }
                lines.Add("        " + New(str[str.Count - 1]));
            }
            var integer = variants.FirstOrDefault(v => v.Token == "integer");
            var number = variants.FirstOrDefault(v => v.Token == "number");
            if (integer is not null || number is not null)
            {
                lines.Add("    case global::System.Text.Json.JsonTokenType.Number:");
                if (integer is not null && number is not null)
                {
                    lines.Add("        if (reader.TryGetInt64(out _)) " + New(integer));
                    lines.Add("        " + New(number));
                }
                else
                {
                    lines.Add("        " + New(integer ?? number!));
                }
            }
            var boolean = variants.FirstOrDefault(v => v.Token == "boolean");
            if (boolean is not null)
            {
                lines.Add("    case global::System.Text.Json.JsonTokenType.True:");
                lines.Add("    case global::System.Text.Json.JsonTokenType.False:");
                lines.Add("        " + New(boolean));
            }
            var array = variants.FirstOrDefault(v => v.Token == "array");
            if (array is not null)
            {
                lines.Add("    case global::System.Text.Json.JsonTokenType.StartArray:");
                lines.Add("        " + New(array));
            }
            var objects = variants.Where(v => v.Token == "object").ToList();
            if (objects.Count == 1)
            {
                lines.Add("    case global::System.Text.Json.JsonTokenType.StartObject:");
                lines.Add("        " + New(objects[0]));
            }
            else if (objects.Count > 1)
            {
                lines.Add("    case global::System.Text.Json.JsonTokenType.StartObject:");
                lines.Add("    {");
                lines.Add("        var names = global::Portico.Json.JsonIO.PeekPropertyNames(reader);");
                lines.Add("        int best = -1, bestScore = -1, score;");
                for (int i = 0; i < objects.Count; i++)
                {
                    var v = objects[i];
                    lines.Add("        score = global::Portico.Json.JsonIO.Score(names, new string[] { " + string.Join(", ", v.RequiredWire) + " }, new string[] { " + string.Join(", ", v.KnownWire) + " });");
                    lines.Add("        if (score > bestScore) { best = " + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "; bestScore = score; }");
                }
                lines.Add("        switch (best)");
                lines.Add("        {");
                for (int i = 0; i < objects.Count; i++)
                {
                    lines.Add("            case " + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": " + New(objects[i]));
                }
                lines.Add("        }");
                lines.Add("        break;");
                lines.Add("    }");
            }
            lines.Add("}");
            if (any is not null) lines.Add(New(any));
            else lines.Add("throw new global::System.Text.Json.JsonException(\"The JSON value matches none of the variants of '" + name + "'.\");");
            return lines;
        }

        private static string VariantName(TypeRef type)
        {
            string n = type.ContextProperty;
            if (n.Length == 0) n = "Value";
            if (n[0] == '_' || char.IsDigit(n[0])) n = "Variant" + n;
            return n;
        }

        private static string TokenOf(TypeRef type, IOpenApiSchema? schema)
        {
            switch (type.Kind)
            {
                case TypeKinds.List: return "array";
                case TypeKinds.Map: return "object";
                case TypeKinds.Model: return "object";
                case TypeKinds.Any: return "any";
                case TypeKinds.Enum: return type.IsValueType && schema is not null && NonNullType(schema) == JsonSchemaType.Integer ? "number" : "string";
                case TypeKinds.File: return "string";
            }
            switch (type.Name)
            {
                case "bool": return "boolean";
                case "int":
                case "long": return "integer";
                case "float":
                case "double":
                case "decimal": return "number";
                default: return "string";
            }
        }
    }
}
