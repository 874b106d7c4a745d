using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
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
                if (BaseIdOf(pair.Key) is string baseId)
                {
                    if (!_derivedByBase.TryGetValue(baseId, out var list)) _derivedByBase[baseId] = list = new List<string>();
                    list.Add(pair.Key);
                }
            }
        }

        private readonly Dictionary<string, string?> _baseIds = new(StringComparer.Ordinal);

        /// <summary>
        /// The component a class component derives from: its only allOf part that refers to a class component,
        /// unless that would make an inheritance cycle. Decided once, so that the class and its base agree.
        /// </summary>
        private string? BaseIdOf(string id)
        {
            if (_baseIds.TryGetValue(id, out var known)) return known;
            _baseIds[id] = null; // a cycle met while deciding ends here
            string? result = null;
            if (ComponentSchemas.TryGetValue(id, out var cs) && Target(cs) is IOpenApiSchema s && BaseCandidate(s) is string candidate)
            {
                if (candidate != id)
                {
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    string? cur = candidate;
                    bool cycle = false;
                    while (cur is not null && seen.Add(cur))
                    {
                        if (cur == id) { cycle = true; break; }
                        cur = BaseIdOf(cur);
                    }
                    if (!cycle) result = candidate;
                }
            }
            _baseIds[id] = result;
            return result;
        }

        /// <summary>The only class component an allOf refers to, if there is exactly one.</summary>
        private string? BaseCandidate(IOpenApiSchema s)
        {
            if (s.AllOf is not { Count: > 0 } || ShapeOf(s) != Shape.Class) return null;
            string? candidate = null;
            int count = 0;
            foreach (var part in s.AllOf)
            {
                if (part is OpenApiSchemaReference r && RefId(r) is string rid && rid != candidate
                    && ComponentSchemas.TryGetValue(rid, out var bs) && Target(bs) is IOpenApiSchema bt && ShapeOf(bt) == Shape.Class)
                {
                    candidate = rid;
                    count++;
                }
            }
            return count == 1 ? candidate : null;
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

        // Resolving a reference walks the document's workspace every time; each one is resolved once.
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<OpenApiSchemaReference, ResolvedTarget> s_targets = new();

        private sealed class ResolvedTarget
        {
            public ResolvedTarget(IOpenApiSchema? value) => Value = value;
            public IOpenApiSchema? Value { get; }
        }

        private static IOpenApiSchema? Target(IOpenApiSchema schema)
        {
            if (schema is OpenApiSchemaReference r)
            {
                return s_targets.GetValue(r, static key =>
                {
                    try
                    {
                        return new ResolvedTarget(key.Target);
                    }
                    catch (Exception)
                    {
                        return new ResolvedTarget(null);
                    }
                }).Value;
            }
            return schema;
        }

        private string ComponentPointer(string id) => "#/components/schemas/" + Reading.SourceLocator.Escape(id);

        /// <summary>The C# type of a component schema, building its model the first time.</summary>
        internal TypeRef ComponentType(string id)
        {
            if (_componentTypes.TryGetValue(id, out var known))
            {
                if (_probing.Count > 0 && _probing.Contains(id)) _probeHits.Add(id);
                return known;
            }
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
            if (shape == Shape.Union && CollapsedUnion(target, id, name, pointer, typeRef) is TypeRef collapsed)
            {
                _componentTypes[id] = collapsed;
                return collapsed;
            }
            Schedule(target, name, shape, pointer, id);
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
            // A reference's own members resolve it on every access; ask the (once resolved) target instead.
            if (schema is OpenApiSchemaReference && Target(schema) is IOpenApiSchema resolved && !ReferenceEquals(resolved, schema))
            {
                return IsNullableTarget(resolved, isReference: true);
            }
            return IsNullableTarget(schema, isReference: false);
        }

        private static bool IsNullableTarget(IOpenApiSchema schema, bool isReference)
        {
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
                return IsNullable(only) && !isReference;
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

        private readonly Dictionary<IOpenApiSchema, Shape> _shapes = new(ReferenceComparer.Instance);

        private Shape ShapeOf(IOpenApiSchema s)
        {
            if (_shapes.TryGetValue(s, out var known)) return known;
            var shape = ComputeShape(s);
            _shapes[s] = shape;
            return shape;
        }

        private sealed class ReferenceComparer : IEqualityComparer<IOpenApiSchema>
        {
            public static readonly ReferenceComparer Instance = new();
            public bool Equals(IOpenApiSchema? x, IOpenApiSchema? y) => ReferenceEquals(x, y);
            public int GetHashCode(IOpenApiSchema obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }

        private Shape ComputeShape(IOpenApiSchema s)
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
                        if (_inlineTypes.TryGetValue(s, out var existing))
                        {
                            if (_probing.Count > 0 && _probing.Contains(s)) _probeHits.Add(s);
                            return existing;
                        }
                        // Inline string enums listing the same values share the type of the first one bound.
                        string? enumKey = !isComponent && shape == Shape.StringEnum ? InlineEnumKey(s) : null;
                        if (enumKey is not null && _sharedEnums.TryGetValue(enumKey, out var sharedEnum))
                        {
                            sharedEnum.Uses++;
                            _inlineTypes[s] = sharedEnum.Type;
                            return sharedEnum.Type;
                        }
                        // Inline object schemas written alike (descriptions included) share the type of the first one bound.
                        SharedClass? classCandidate = null;
                        if (!isComponent && shape == Shape.Class)
                        {
                            // The reader folds 'additionalProperties: true' away; the text still tells such schemas apart.
                            bool open = s.AdditionalProperties is null && ExplicitlyOpen(pointer);
                            classCandidate = new SharedClass(s, open);
                            if (SharedClassOf(classCandidate) is TypeRef sharedClass)
                            {
                                _inlineTypes[s] = sharedClass;
                                return sharedClass;
                            }
                        }
                        string name = isComponent ? hint : _typeNames.ClaimWith(NameRegistry.TypeName(hint), "JsonConverter");
                        var typeRef = ModelRef(name, shape);
                        _inlineTypes[s] = typeRef;
                        if (enumKey is not null) _sharedEnums[enumKey] = new SharedEnum(typeRef);
                        if (classCandidate is not null)
                        {
                            classCandidate.Type = typeRef;
                            if (!_sharedClasses.TryGetValue(classCandidate.Signature, out var alike)) _sharedClasses[classCandidate.Signature] = alike = new List<SharedClass>();
                            alike.Add(classCandidate);
                        }
                        if (shape == Shape.Union && CollapsedUnion(s, s, name, pointer, typeRef) is TypeRef collapsed)
                        {
                            _inlineTypes[s] = collapsed;
                            return collapsed;
                        }
                        Schedule(s, name, shape, pointer, null);
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
            var (itemType, itemConv) = ElementConverter(item, itemNullable);
            string name = ListType + "<" + itemType + ">";
            if (_composites.TryGetValue(name, out var t)) return t;
            bool marked = itemType.EndsWith("?", StringComparison.Ordinal);
            t = new TypeRef(name, Conv + "List<" + itemType + ">(" + itemConv + ")", false, TypeKinds.List, "List" + (marked ? "Nullable" : string.Empty) + item.ContextProperty);
            _composites[name] = t;
            _listItems[name] = item;
            return t;
        }

        private TypeRef MapOf(TypeRef value, bool valueNullable)
        {
            var (valueType, valueConv) = ElementConverter(value, valueNullable);
            string name = MapType + valueType + ">";
            if (_composites.TryGetValue(name, out var t)) return t;
            bool marked = valueType.EndsWith("?", StringComparison.Ordinal);
            t = new TypeRef(name, Conv + "Map<" + valueType + ">(" + valueConv + ")", false, TypeKinds.Map, "Dictionary" + (marked ? "Nullable" : string.Empty) + value.ContextProperty);
            _composites[name] = t;
            return t;
        }

        // ---------------------------------------------------------------- models

        /// <summary>A model whose type is named but not built yet.</summary>
        private sealed class PendingBuild
        {
            public PendingBuild(IOpenApiSchema schema, string name, Shape shape, string pointer, string? componentId)
            {
                Schema = schema;
                Name = name;
                Shape = shape;
                Pointer = pointer;
                ComponentId = componentId;
            }

            public IOpenApiSchema Schema { get; }
            public string Name { get; }
            public Shape Shape { get; }
            public string Pointer { get; }
            public string? ComponentId { get; }

            /// <summary>0: waiting, 1: being built, 2: built.</summary>
            public int State { get; set; }
        }

        private readonly Queue<PendingBuild> _pendingBuilds = new();
        private readonly Dictionary<string, PendingBuild> _buildsByComponent = new(StringComparer.Ordinal);
        private bool _draining;

        /// <summary>
        /// Models are built one at a time from a queue, never inside one another: a class whose property refers to a
        /// type only names that type, so a base class is always complete when a derived class asks for its members.
        /// By the time the outermost mapping returns, every model it reached is built.
        /// </summary>
        private void Schedule(IOpenApiSchema s, string name, Shape shape, string pointer, string? componentId)
        {
            var build = new PendingBuild(s, name, shape, pointer, componentId);
            if (componentId is not null) _buildsByComponent[componentId] = build;
            _pendingBuilds.Enqueue(build);
            if (_draining) return;
            _draining = true;
            try
            {
                while (_pendingBuilds.Count > 0) Run(_pendingBuilds.Dequeue());
            }
            finally
            {
                _draining = false;
            }
        }

        private void Run(PendingBuild build)
        {
            if (build.State != 0) return;
            build.State = 1;
            BuildModel(build.Schema, build.Name, build.Shape, build.Pointer, build.ComponentId);
            build.State = 2;
        }

        /// <summary>
        /// A union whose variants all come out as the same C# type (unresolved references, say) is that type, not a
        /// wrapper with one member. Variants are mapped with the hints the union itself would use.
        /// </summary>
        private TypeRef? CollapsedUnion(IOpenApiSchema s, object key, string name, string pointer, TypeRef self)
        {
            var distinct = new List<TypeRef>();
            _probing.Add(key);
            try
            {
                foreach (var (vs, vp, hint) in UnionParts(s, name, pointer))
                {
                    var type = Map(vs, hint, vp);
                    // Something reached while mapping the variants already uses the union's name: keep the union.
                    if (type.Name == self.Name || _probeHits.Contains(key)) return null;
                    if (!distinct.Any(t => t.Name == type.Name)) distinct.Add(type);
                    if (distinct.Count > 1) return null;
                }
                return distinct.Count == 1 ? distinct[0] : s_any;
            }
            finally
            {
                _probing.Remove(key);
                _probeHits.Remove(key);
            }
        }

        private readonly HashSet<object> _probing = new();
        private readonly HashSet<object> _probeHits = new();

        private List<(IOpenApiSchema Schema, string Pointer, string Hint)> UnionParts(IOpenApiSchema s, string name, string pointer)
        {
            var list = new List<(IOpenApiSchema, string, string)>();
            if (s.OneOf is not null) for (int i = 0; i < s.OneOf.Count; i++) if (!IsNullSchema(s.OneOf[i])) list.Add((s.OneOf[i], pointer + "/oneOf/" + i, string.Empty));
            if (s.AnyOf is not null) for (int i = 0; i < s.AnyOf.Count; i++) if (!IsNullSchema(s.AnyOf[i])) list.Add((s.AnyOf[i], pointer + "/anyOf/" + i, string.Empty));
            for (int i = 0; i < list.Count; i++)
            {
                var (vs, vp, _) = list[i];
                string hint = name + "Variant" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var target = Target(vs);
                if (vs is OpenApiSchemaReference) hint = name;
                else if (!string.IsNullOrWhiteSpace(target?.Title)) hint = name + CSharp.Pascal(target!.Title!);
                list[i] = (vs, vp, hint);
            }
            return list;
        }

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

        private sealed class SharedEnum
        {
            public SharedEnum(TypeRef type) => Type = type;

            public TypeRef Type { get; }

            /// <summary>How many inline schemas use the type.</summary>
            public int Uses { get; set; } = 1;
        }

        private readonly Dictionary<string, SharedEnum> _sharedEnums = new(StringComparer.Ordinal);

        /// <summary>
        /// What makes two inline string enums one type: their string values in order, the names and descriptions
        /// extensions give the members, and deprecation. Descriptions of the schemas themselves do not count: each
        /// property keeps its own.
        /// </summary>
        private static string InlineEnumKey(IOpenApiSchema s)
        {
            var sb = new System.Text.StringBuilder();
            sb.Append(s.Deprecated ? 'D' : '-');
            foreach (var e in s.Enum!)
            {
                if (e is null || e.GetValueKind() != System.Text.Json.JsonValueKind.String) continue;
                string v = e.GetValue<string>();
                sb.Append('\u0001').Append(v.Length).Append(':').Append(v);
            }
            foreach (var ext in new[] { "x-enum-varnames", "x-enum-descriptions" })
            {
                sb.Append('\u0002');
                var list = ExtensionStrings(s, ext);
                if (list is null) continue;
                foreach (var item in list) sb.Append('\u0001').Append(item.Length).Append(':').Append(item);
            }
            return sb.ToString();
        }

        // Inline object schemas bound so far, by a signature that schemas written alike share (their property names and
        // description); the whole schema as JSON, which decides, is spelled only when two signatures meet.
        private readonly Dictionary<string, List<SharedClass>> _sharedClasses = new(StringComparer.Ordinal);

        private sealed class SharedClass
        {
            public SharedClass(IOpenApiSchema schema, bool open)
            {
                Schema = schema;
                var sb = new StringBuilder(open ? "open" : "closed");
                sb.Append('\u0000').Append(schema.Description);
                if (schema.Properties is { } props)
                {
                    foreach (var name in props.Keys) sb.Append('\u0000').Append(name);
                }
                Signature = sb.ToString();
            }

            public IOpenApiSchema Schema { get; }

            public string Signature { get; }

            public TypeRef? Type { get; set; }

            private string? _key;
            private bool _keyDone;

            /// <summary>The schema as OpenAPI 3.1 JSON (null when it cannot be written), spelled on first use.</summary>
            public string? Key
            {
                get
                {
                    if (!_keyDone)
                    {
                        _key = InlineSchemaKey(Schema);
                        _keyDone = true;
                    }
                    return _key;
                }
            }
        }

        /// <summary>The type of an inline object schema bound earlier that reads exactly like this one, if any.</summary>
        private TypeRef? SharedClassOf(SharedClass candidate)
        {
            if (!_sharedClasses.TryGetValue(candidate.Signature, out var earlier) || candidate.Key is not string key) return null;
            foreach (var e in earlier)
            {
                if (e.Key == key && e.Type is TypeRef type) return type;
            }
            return null;
        }

        /// <summary>
        /// What makes two inline object schemas one type: the whole schema as OpenAPI 3.1 JSON (references as
        /// <c>$ref</c>, descriptions and extensions included), so only schemas that read alike in every respect share.
        /// </summary>
        private static string? InlineSchemaKey(IOpenApiSchema s)
        {
            try
            {
                using var text = new System.IO.StringWriter(System.Globalization.CultureInfo.InvariantCulture);
                var writer = new Microsoft.OpenApi.OpenApiJsonWriter(text, new Microsoft.OpenApi.OpenApiJsonWriterSettings { Terse = true });
                s.SerializeAsV31(writer);
                return text.ToString();
            }
            catch (Exception e) when (e is InvalidOperationException || e is ArgumentException || e is NotSupportedException || e is Microsoft.OpenApi.OpenApiException)
            {
                // A schema the writer cannot render is simply not shared.
                return null;
            }
        }

        /// <summary>Shared inline enums get documentation of their own: the first schema's description may not fit the others.</summary>
        private void DocumentSharedEnums()
        {
            var shared = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var e in _sharedEnums.Values)
            {
                if (e.Uses > 1) shared[e.Type.Name] = e.Uses;
            }
            if (shared.Count == 0) return;
            for (int i = 0; i < _types.Count; i++)
            {
                var t = _types[i];
                if (t.Kind != TypeModelKinds.StringEnum || !shared.TryGetValue("global::" + _ns + "." + t.Name, out int uses)) continue;
                var docs = CSharp.DocLines("Values that " + uses.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    + " inline schemas of the description list alike, in this order: they share this type, and each property that uses it describes its own meaning.");
                _types[i] = t with { DocLines = docs.ToEquatableArray() };
            }
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

        /// <summary>Whether the schema, or a part of its allOf, chooses among variants (anyOf/oneOf) whose members its class does not name.</summary>
        private bool HasVariants(IOpenApiSchema s, string? skipBaseId, HashSet<IOpenApiSchema> visited)
        {
            if (!visited.Add(s)) return false;
            if (s.AnyOf is { Count: > 0 } || s.OneOf is { Count: > 0 }) return true;
            if (s.AllOf is null) return false;
            foreach (var part in s.AllOf)
            {
                if (part is OpenApiSchemaReference r && RefId(r) is string id && id == skipBaseId) continue;
                if (Target(part) is { } t && HasVariants(t, null, visited)) return true;
            }
            return false;
        }

        /// <summary>What a derived class takes over from its base: members, their converters, the additional properties.</summary>
        private sealed class ClassInfo
        {
            public ClassInfo(List<PropertyModel> all, List<ConverterFieldModel> propertyFields, PropertyModel? additional, ConverterFieldModel? additionalField)
            {
                All = all;
                PropertyFields = propertyFields;
                Additional = additional;
                AdditionalField = additionalField;
            }

            public List<PropertyModel> All { get; }
            public List<ConverterFieldModel> PropertyFields { get; }
            public PropertyModel? Additional { get; }
            public ConverterFieldModel? AdditionalField { get; }
        }

        private readonly Dictionary<string, ClassInfo> _classInfo = new(StringComparer.Ordinal);

        private HashSet<string>? _explicitlyOpen;

        /// <summary>Whether the schema at <paramref name="pointer"/> says <c>additionalProperties: true</c> in so many words (the reader folds it away).</summary>
        private bool ExplicitlyOpen(string pointer)
        {
            _explicitlyOpen ??= ScanTextFlags()[0];
            if (_explicitlyOpen.Count == 0) return false;
            string p = Reading.SourceLocator.Normalize(pointer);
            // Swagger 2.0 documents keep their schemas under /definitions; the reader moves them to /components/schemas.
            return _explicitlyOpen.Contains(p) || (p.StartsWith("/components/schemas/", StringComparison.Ordinal) && _explicitlyOpen.Contains("/definitions/" + p.Substring("/components/schemas/".Length)));
        }

        private TypeModel BuildClass(IOpenApiSchema s, string name, string pointer, string? componentId)
        {
            // Inheritance: the one allOf part that refers to a class component becomes the base class.
            string? baseId = componentId is null ? BaseCandidate(s) : BaseIdOf(componentId);
            ClassInfo? baseInfo = null;
            TypeRef? baseRef = null;
            if (baseId is not null)
            {
                baseRef = ComponentType(baseId);
                baseInfo = baseRef.IsModel ? ClassInfoOf(baseId) : null;
                if (baseInfo is null) { baseRef = null; baseId = null; }
            }

            var sources = new List<PropertySource>();
            var byWire = new Dictionary<string, PropertySource>(StringComparer.Ordinal);
            var required = new HashSet<string>(StringComparer.Ordinal);
            IOpenApiSchema? additional = null;
            CollectProperties(s, pointer, sources, byWire, required, new HashSet<IOpenApiSchema>(), baseId, ref additional);
            if (additional is null && s.AdditionalPropertiesAllowed && ExplicitlyOpen(pointer))
            {
                // additionalProperties: true: keep unknown properties as they came.
                additional = new OpenApiSchema();
            }
            if (additional is null && s.AdditionalPropertiesAllowed && s.Discriminator is null && HasVariants(s, baseId, new HashSet<IOpenApiSchema>()))
            {
                // Properties beside anyOf/oneOf: the class names the members every variant shares, and keeps the chosen
                // variant's other members in AdditionalProperties, so that what is read is written back whole.
                additional = new OpenApiSchema();
            }

            var inherited = baseInfo?.All ?? new List<PropertyModel>();
            var inheritedWire = new HashSet<string>(inherited.Select(p => p.WireName), StringComparer.Ordinal);
            var memberNames = new NameRegistry();
            memberNames.Reserve(name);
            foreach (var ip in inherited) memberNames.Reserve(ip.Name);
            if (baseInfo?.Additional is not null) memberNames.Reserve(baseInfo.Additional.Name);
            foreach (var reserved in new[] { "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize" }) memberNames.Reserve(reserved);

            var own = new List<PropertyModel>();
            var fields = new List<ConverterFieldModel>(baseInfo?.PropertyFields ?? new List<ConverterFieldModel>());
            int index = inherited.Count;
            foreach (var src in sources)
            {
                if (inheritedWire.Contains(src.Wire)) continue;
                var prop = BindProperty(src, name, memberNames, required.Contains(src.Wire), index++, fields);
                own.Add(prop);
            }
            var propertyFields = new List<ConverterFieldModel>(fields);

            PropertyModel? additionalModel = null;
            ConverterFieldModel? additionalField = null;
            bool additionalInherited = false;
            if (baseInfo?.Additional is not null)
            {
                // The base declares the dictionary; the derived converter fills the same property.
                additionalModel = baseInfo.Additional;
                additionalField = baseInfo.AdditionalField;
                additionalInherited = true;
            }
            else if (additional is not null && (sources.Count > 0 || inherited.Count > 0))
            {
                (additionalModel, additionalField) = BindAdditionalProperties(additional, name, pointer, memberNames);
            }
            if (additionalField is not null) fields.Add(additionalField);

            var all = new List<PropertyModel>(inherited);
            all.AddRange(own);
            if (componentId is not null) _classInfo[componentId] = new ClassInfo(all, propertyFields, additionalModel, additionalField);

            // Derived classes are written by their own converters; with a discriminator they are read by them too.
            var subtypes = componentId is null ? new List<SubtypeModel>() : Subtypes(componentId, s.Discriminator);
            string? discriminatorWire = s.Discriminator?.PropertyName;
            if (!subtypes.Any(t => t.DiscriminatorLiterals.Count > 0)) discriminatorWire = null;

            return new TypeModel(TypeModelKinds.Class, name, name + "JsonConverter", Docs(s), s.Deprecated, baseRef?.Name, false,
                own.ToEquatableArray(), all.ToEquatableArray(), additionalModel, EquatableArray<EnumMemberModel>.Empty,
                EquatableArray<VariantModel>.Empty, discriminatorWire is null ? null : CSharp.Literal(discriminatorWire), subtypes.ToEquatableArray(), fields.ToEquatableArray())
            {
                AdditionalPropertiesInherited = additionalInherited,
            };
        }

        /// <summary>The dictionary that keeps properties a schema does not name, and the converter of its values.</summary>
        private (PropertyModel Model, ConverterFieldModel Field) BindAdditionalProperties(IOpenApiSchema additional, string typeName, string pointer, NameRegistry memberNames)
        {
            bool nullable = IsNullable(additional);
            var valueType = IsEmptySchema(additional) ? s_any : Map(additional, typeName + "Value", pointer + "/additionalProperties");
            var mapType = MapOf(valueType, nullable);
            var (valueDeclared, valueConv) = valueType.IsValueType ? ElementConverter(valueType, nullable) : (valueType.Name, valueType.Converter);
            string apName = memberNames.Claim("AdditionalProperties");
            var field = new ConverterFieldModel("AdditionalValue", "global::System.Text.Json.Serialization.JsonConverter<" + valueDeclared + ">", valueConv);
            const string conv = "Converters.AdditionalValue";
            string typeOf = valueType.IsValueType && valueDeclared.EndsWith("?", StringComparison.Ordinal) ? valueDeclared : valueType.Name;
            string read;
            string write;
            // Statements of the ReadAdditional override and the loop over the dictionary in WriteProperties.
            if (valueType.Kind == TypeKinds.Any || valueDeclared.EndsWith("?", StringComparison.Ordinal))
            {
                // JsonElement keeps a JSON null as it is; Nullable<T> converters read and write null themselves.
                read = conv + ".Read(ref reader, typeof(" + typeOf + "), options)";
            }
            else if (valueType.IsValueType)
            {
                read = "ReadValue(ref reader, " + conv + ", options, name)";
            }
            else
            {
                read = "ReadRef(ref reader, " + conv + ", options)" + (nullable ? string.Empty : "!");
            }
            write = "WriteMember(writer, pair.Key, pair.Value, " + conv + ", options);";
            var model = new PropertyModel(mapType, apName, CSharp.Literal(apName), CSharp.Literal(apName) + "u8", apName, mapType.Name + "?", "extra", false, false, false,
                CSharp.DocLines("Properties that the schema does not name.").ToEquatableArray(), false, read, write, true, string.Empty, null);
            return (model, field);
        }

        /// <summary>The declared element type and converter expression of a list item or map value.</summary>
        private static (string Declared, string Converter) ElementConverter(TypeRef item, bool nullable)
        {
            if (!nullable || item.Kind == TypeKinds.Any) return (item.Name, item.Converter);
            if (item.IsValueType) return (item.Name + "?", Conv + "Nullable(" + item.Converter + ")");
            // A converter of T serves T? as well: null never reaches it.
            return (item.Name + "?", item.Converter + "!");
        }

        /// <summary>Every class that derives (directly or not) from a base with a discriminator, deepest first, with its values.</summary>
        private List<SubtypeModel> Subtypes(string baseId, OpenApiDiscriminator? discriminator)
        {
            var found = new List<(string Id, int Depth)>();
            var seen = new HashSet<string>(StringComparer.Ordinal) { baseId };
            var queue = new Queue<(string Id, int Depth)>();
            queue.Enqueue((baseId, 0));
            while (queue.Count > 0)
            {
                var (cur, depth) = queue.Dequeue();
                if (!_derivedByBase.TryGetValue(cur, out var children)) continue;
                foreach (var c in children)
                {
                    if (!seen.Add(c)) continue;
                    found.Add((c, depth + 1));
                    queue.Enqueue((c, depth + 1));
                }
            }
            var usedValues = new HashSet<string>(StringComparer.Ordinal);
            var result = new List<SubtypeModel>();
            foreach (var (d, _) in found.OrderByDescending(f => f.Depth))
            {
                var dref = ComponentType(d);
                if (!dref.IsModel) continue;
                var values = new List<string>();
                if (discriminator?.Mapping is not null)
                {
                    foreach (var m in discriminator.Mapping)
                    {
                        if (m.Value is OpenApiSchemaReference mr && RefId(mr) == d && usedValues.Add(m.Key)) values.Add(CSharp.Literal(m.Key));
                    }
                }
                if (discriminator is not null && values.Count == 0 && !(discriminator.Mapping?.ContainsKey(d) ?? false) && usedValues.Add(d)) values.Add(CSharp.Literal(d));
                result.Add(new SubtypeModel(dref.Name, dref.Converter, values.ToEquatableArray()));
            }
            return result;
        }

        private ClassInfo? ClassInfoOf(string baseId)
        {
            ComponentType(baseId);
            if (_buildsByComponent.TryGetValue(baseId, out var build) && build.State == 0) Run(build);
            return _classInfo.TryGetValue(baseId, out var info) ? info : null;
        }

        /// <summary>
        /// A converter as an object converter's code names it: Portico's scalar converters through the same-named
        /// properties of <c>Portico.Json.ObjectConverter&lt;T&gt;</c>, generated converters without their namespace.
        /// </summary>
        private string ShortConverter(string conv)
        {
            if (conv.StartsWith(Conv, StringComparison.Ordinal) && IsSimpleName(conv.Substring(Conv.Length))) return conv.Substring(Conv.Length);
            string ns = "global::" + _ns + ".";
            const string instance = "JsonConverter.Instance";
            if (conv.StartsWith(ns, StringComparison.Ordinal) && conv.EndsWith(instance, StringComparison.Ordinal))
            {
                string rest = conv.Substring(ns.Length);
                if (IsSimpleName(rest.Substring(0, rest.Length - ".Instance".Length))) return rest;
            }
            return conv;

            static bool IsSimpleName(string name)
            {
                if (name.Length == 0) return false;
                foreach (char c in name)
                {
                    if (!(char.IsLetterOrDigit(c) || c == '_')) return false;
                }
                return true;
            }
        }

        private PropertyModel BindProperty(PropertySource src, string typeName, NameRegistry memberNames, bool required, int index, List<ConverterFieldModel> fields)
        {
            var schema = src.Schema;
            var target = Target(schema) ?? schema;
            string baseName = CSharp.Pascal(src.Wire, "Property");
            if (baseName[0] == '_') baseName = "Property" + baseName;
            string name = memberNames.Claim(baseName);
            var type = Map(schema, typeName + name, src.Pointer);
            bool readOnly = target.ReadOnly;
            bool writeOnly = target.WriteOnly;
            bool nullableInSpec = IsNullable(schema);
            bool deprecated = target.Deprecated;
            // Optional properties may be absent, so they are nullable in C#; required ones follow the schema.
            // A deprecated property is on its way out: callers need not set it (and C# forbids 'required' with [Obsolete]).
            bool csharpRequired = required && !readOnly && !deprecated;
            bool nullable = !required || nullableInSpec || readOnly || deprecated;
            string declared = type.Declared(nullable);

            string conv = type.Converter;
            if (type.Kind == TypeKinds.List || type.Kind == TypeKinds.Map)
            {
                string field = "P" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                fields.Add(new ConverterFieldModel(field, "global::System.Text.Json.Serialization.JsonConverter<" + type.Name + ">", type.Converter));
                conv = "Converters." + field;
            }
            else
            {
                conv = ShortConverter(conv);
            }
            string wireLiteral = CSharp.Literal(src.Wire);
            // Statements of a converter derived from Portico.Json.ObjectConverter<T>, whose helpers they call unqualified.
            string read;
            string write;
            string nullCheck;
            if (type.Kind == TypeKinds.Any && !nullable)
            {
                // JsonElement holds a JSON null as it is.
                read = conv + ".Read(ref reader, typeof(" + type.Name + "), options)";
                write = "WriteValue(writer, " + NameSlot + ", value." + name + ", " + conv + ", options);";
                nullCheck = string.Empty;
            }
            else if (type.IsValueType)
            {
                read = nullable
                    ? "ReadNullable(ref reader, " + conv + ", options)"
                    : "ReadValue(ref reader, " + conv + ", options, " + wireLiteral + ")";
                write = (nullable ? "WriteNullable(writer, " : "WriteValue(writer, ") + NameSlot + ", value." + name + ", " + conv + ", options);";
                nullCheck = nullable ? "value." + name + " is not null" : string.Empty;
            }
            else
            {
                read = "ReadRef(ref reader, " + conv + ", options)" + (nullable ? string.Empty : "!");
                write = "WriteRef(writer, " + NameSlot + ", value." + name + ", " + conv + ", options);";
                nullCheck = "value." + name + " is not null";
            }
            var docs = Docs(target);
            if (schema is OpenApiSchemaReference && !string.IsNullOrWhiteSpace(schema.Description)) docs = CSharp.DocLines(schema.Description).ToEquatableArray();
            // Optional properties are left out when unset; so are read-only ones, which a request must not carry.
            bool skipWhenNull = (!required || readOnly) && nullCheck.Length > 0;
            bool checkPresence = required && !readOnly && !writeOnly && !nullable;
            return new PropertyModel(type, name, wireLiteral, CSharp.Utf8Literal(src.Wire), src.Wire, declared, "p" + index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                required, csharpRequired, checkPresence, docs, deprecated, read, write, skipWhenNull, nullCheck, null);
        }

        /// <summary>
        /// Where a write statement names its property: the template puts the property's index in the converter's name table
        /// there, and the base converter writes the name it encoded once.
        /// </summary>
        internal const string NameSlot = "$name";

        private TypeModel BuildUnion(IOpenApiSchema s, string name, string pointer)
        {
            var variants = new List<VariantModel>();
            var names = new NameRegistry();
            names.Reserve(name);
            foreach (var reserved in new[] { "Value", "Equals", "GetHashCode", "ToString", "GetType" }) names.Reserve(reserved);
            var seenTypes = new HashSet<string>(StringComparer.Ordinal);
            var fields = new List<ConverterFieldModel>();
            string? discriminator = s.Discriminator?.PropertyName;
            var usedValues = new HashSet<string>(StringComparer.Ordinal);
            int index = 0;
            foreach (var (vs, vp, hint) in UnionParts(s, name, pointer))
            {
                var target = Target(vs);
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
                            if (m.Value is OpenApiSchemaReference mr && RefId(mr) == vid && usedValues.Add(m.Key)) discValues.Add(CSharp.Literal(m.Key));
                        }
                    }
                    if (discValues.Count == 0 && !(s.Discriminator.Mapping?.ContainsKey(vid) ?? false) && usedValues.Add(vid)) discValues.Add(CSharp.Literal(vid));
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
