using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.OpenApi;
using Portico.CodeGeneration.Diagnostics;
using Portico.CodeGeneration.Emit;
using Portico.CodeGeneration.Model;

namespace Portico.CodeGeneration.Binding
{
    /// <summary>The result of binding: the client, its types and what went wrong on the way.</summary>
    internal sealed record BindResult(ClientModel Client, List<TypeModel> Types, List<PendingDiagnostic> Diagnostics);

    /// <summary>
    /// Turns a read <see cref="OpenApiDocument"/> into the equatable <see cref="ClientModel"/>: C# names,
    /// type mapping and the code of each operation are decided here.
    /// </summary>
    internal sealed partial class ClientBinder
    {
        private const string Http = "global::Portico.Http.";
        private const string Ct = "cancellationToken";

        private readonly OpenApiDocument _doc;
        private readonly SpecInput _input;
        private readonly CancellationToken _ct;
        private readonly DiagnosticBag _diagnostics = new();
        private readonly NameRegistry _typeNames = new();
        private readonly NameRegistry _contextNames = new();
        private readonly Dictionary<string, ContextTypeModel> _contextTypes = new(StringComparer.Ordinal);
        private string _ns = "Api";
        private string _contextName = "ApiJsonContext";

        public ClientBinder(OpenApiDocument doc, SpecInput input, CancellationToken ct)
        {
            _doc = doc;
            _input = input;
            _ct = ct;
        }

        public static string FileStem(string path)
        {
            string file = path.Replace('\\', '/');
            int slash = file.LastIndexOf('/');
            if (slash >= 0) file = file.Substring(slash + 1);
            foreach (var ext in new[] { ".yaml", ".yml", ".json" })
            {
                if (file.EndsWith(ext, StringComparison.OrdinalIgnoreCase)) return file.Substring(0, file.Length - ext.Length);
            }
            return file;
        }

        public BindResult Bind(string generatorVersion)
        {
            var options = _input.Options;
            string stem = CSharp.Pascal(FileStem(_input.Path), "Api");
            if (stem[0] == '_') stem = "Api" + stem;

            // Namespace: metadata, else root namespace + file name.
            string ns;
            if (!string.IsNullOrWhiteSpace(options.Namespace))
            {
                ns = options.Namespace!.Trim();
                if (!CSharp.IsValidNamespace(ns))
                {
                    string fixedNs = CSharp.ToNamespace(ns);
                    _diagnostics.Add(DiagnosticCatalog.InvalidMetadata, string.Empty, "Namespace", ns, "namespace", fixedNs);
                    ns = fixedNs;
                }
            }
            else
            {
                string rootNs = string.IsNullOrWhiteSpace(options.RootNamespace) ? string.Empty : CSharp.ToNamespace(options.RootNamespace!);
                ns = rootNs.Length == 0 ? stem : rootNs + "." + stem;
            }
            _ns = ns;

            string title = _doc.Info?.Title ?? string.Empty;
            string clientName;
            if (!string.IsNullOrWhiteSpace(options.ClientName))
            {
                clientName = options.ClientName!.Trim();
                if (!IsIdentifier(clientName))
                {
                    string fixedName = NameRegistry.TypeName(clientName);
                    _diagnostics.Add(DiagnosticCatalog.InvalidMetadata, string.Empty, "ClientName", clientName, "type name", fixedName);
                    clientName = fixedName;
                }
            }
            else
            {
                string basis = CSharp.Pascal(title, string.Empty);
                if (basis.Length == 0 || basis[0] == '_') basis = stem;
                if (basis.EndsWith("Api", StringComparison.Ordinal) || basis.EndsWith("API", StringComparison.Ordinal)) { }
                clientName = basis.EndsWith("Client", StringComparison.Ordinal) ? basis : basis + "Client";
            }
            _typeNames.Reserve(clientName);
            _contextName = _typeNames.Claim(clientName + "JsonContext");
            string extensionsName = _typeNames.Claim(clientName + "ServiceCollectionExtensions");
            foreach (var n in new[] { "System", "Portico", "Microsoft", "Global" }) _typeNames.Reserve(n);
            foreach (var n in new[] { "Options", "GetTypeInfo", "Default", "GeneratedSerializerOptions", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone" }) _contextNames.Reserve(n);

            var operations = SelectOperations();
            PrepareComponents();
            PrepareValidation(clientName);

            // Group classes are named before inline types so that they keep their names.
            var groupOrder = new List<string>();
            var groupOps = new Dictionary<string, List<OperationRef>>(StringComparer.Ordinal);
            var rootOps = new List<OperationRef>();
            foreach (var op in operations)
            {
                string? tag = op.Operation.Tags?.FirstOrDefault()?.Name;
                if (tag is null && op.Operation.Tags is null && TagNames(op.Operation) is { Count: > 0 } names) tag = names[0];
                if (string.IsNullOrWhiteSpace(tag)) { rootOps.Add(op); continue; }
                if (!groupOps.TryGetValue(tag!, out var list))
                {
                    groupOps[tag!] = list = new List<OperationRef>();
                    groupOrder.Add(tag!);
                }
                list.Add(op);
            }
            var clientMembers = new NameRegistry();
            foreach (var n in new[] { clientName, "Core", "DefaultBaseAddress", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone" }) clientMembers.Reserve(n);
            var groupNames = new List<(string Tag, string Property, string Class)>();
            foreach (var tag in groupOrder)
            {
                string prop = CSharp.Pascal(tag, "Default");
                if (prop[0] == '_') prop = "Tag" + prop;
                prop = clientMembers.Claim(prop);
                string cls = _typeNames.Claim(prop + "Operations");
                groupNames.Add((tag, prop, cls));
            }

            if (!options.HasFilter)
            {
                foreach (var id in ComponentSchemas.Keys.ToList())
                {
                    _ct.ThrowIfCancellationRequested();
                    ComponentType(id);
                }
            }

            var groups = new List<GroupModel>();
            foreach (var (tag, prop, cls) in groupNames)
            {
                var methodNames = new NameRegistry();
                foreach (var n in new[] { cls, "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone" }) methodNames.Reserve(n);
                var ops = new List<OperationModel>();
                foreach (var op in groupOps[tag])
                {
                    _ct.ThrowIfCancellationRequested();
                    ops.Add(BindOperation(op, methodNames));
                }
                var tagInfo = _doc.Tags?.FirstOrDefault(t => t.Name == tag);
                groups.Add(new GroupModel(prop, cls, CSharp.DocLines(tagInfo?.Description ?? ("Operations tagged '" + tag + "'.")).ToEquatableArray(), ops.ToEquatableArray()));
            }
            var root = new List<OperationModel>();
            foreach (var op in rootOps)
            {
                _ct.ThrowIfCancellationRequested();
                root.Add(BindOperation(op, clientMembers));
            }

            // Subtypes of reachable bases can arrive in any payload that names the base.
            bool grew = true;
            while (grew)
            {
                grew = false;
                foreach (var baseId in _derivedByBase.Keys.ToList())
                {
                    if (!_componentTypes.ContainsKey(baseId)) continue;
                    foreach (var d in _derivedByBase[baseId])
                    {
                        if (!_componentTypes.ContainsKey(d)) { ComponentType(d); grew = true; }
                    }
                }
            }

            DocumentSharedEnums();
            foreach (var t in _types)
            {
                UseContext(new TypeRef("global::" + _ns + "." + t.Name, "global::" + _ns + "." + t.ConverterName + ".Instance", t.Kind == TypeModelKinds.StringEnum || t.Kind == TypeModelKinds.IntegerEnum, TypeKinds.Model, t.Name));
            }

            var contextTypes = _contextTypes.Values.OrderBy(c => c.Property, StringComparer.Ordinal).ToEquatableArray();
            var client = new ClientModel(
                _input.Path,
                HintPrefix(),
                ns,
                clientName,
                _contextName,
                extensionsName,
                title,
                _doc.Info?.Version ?? string.Empty,
                DefaultServer() is string server ? CSharp.Literal(server) : "null",
                CSharp.DocLines(string.IsNullOrWhiteSpace(_doc.Info?.Description) ? (title.Length > 0 ? "Client for " + title + "." : null) : _doc.Info!.Description).ToEquatableArray(),
                groups.ToEquatableArray(),
                root.ToEquatableArray(),
                contextTypes,
                generatorVersion)
            {
                SecuritySchemes = BindSecuritySchemes().ToEquatableArray(),
                ThrottleRate = DocumentThrottle()?.Rate,
                ThrottleBurst = DocumentThrottle()?.Burst,
                Validation = FinishValidation(),
                NullableWarnings = _input.Options.NullableWarnings,
                EmitClient = _input.Options.Client,
            };
            var types = _types.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
            return new BindResult(client, types, _diagnostics.Items);
        }

        private static List<string> TagNames(OpenApiOperation op) => new List<string>();

        private static bool IsIdentifier(string s)
        {
            if (s.Length == 0 || !(char.IsLetter(s[0]) || s[0] == '_') || CSharp.IsKeyword(s)) return false;
            foreach (char c in s) if (!(char.IsLetterOrDigit(c) || c == '_')) return false;
            return true;
        }

        private string HintPrefix()
        {
            string path = _input.Path.Replace('\\', '/');
            string? dir = _input.Options.ProjectDirectory?.Replace('\\', '/').TrimEnd('/');
            if (dir is { Length: > 0 } && path.StartsWith(dir + "/", StringComparison.OrdinalIgnoreCase)) path = path.Substring(dir.Length + 1);
            else
            {
                int slash = path.LastIndexOf('/');
                if (slash >= 0) path = path.Substring(slash + 1);
            }
            var sb = new StringBuilder();
            foreach (char c in path)
            {
                sb.Append(c < 128 && (char.IsLetterOrDigit(c) || c == '.' || c == '-') ? c : '_');
            }
            return sb.ToString().Trim('.');
        }

        private string? DefaultServer()
        {
            var server = _doc.Servers?.FirstOrDefault();
            if (server?.Url is null) return null;
            string url = server.Url;
            if (server.Variables is not null)
            {
                foreach (var v in server.Variables)
                {
                    url = url.Replace("{" + v.Key + "}", v.Value?.Default ?? string.Empty);
                }
            }
            return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == "http" || uri.Scheme == "https") ? url : null;
        }

        // ---------------------------------------------------------------- selection

        private sealed class OperationRef
        {
            public OperationRef(string path, string method, OpenApiOperation operation, IOpenApiPathItem pathItem, string pointer)
            {
                Path = path;
                Method = method;
                Operation = operation;
                PathItem = pathItem;
                Pointer = pointer;
            }

            public string Path { get; }
            public string Method { get; }
            public OpenApiOperation Operation { get; }
            public IOpenApiPathItem PathItem { get; }
            public string Pointer { get; }
        }

        private List<OperationRef> SelectOperations()
        {
            var all = new List<OperationRef>();
            if (_doc.Paths is null) return all;
            foreach (var path in _doc.Paths)
            {
                if (path.Value?.Operations is null) continue;
                foreach (var op in path.Value.Operations)
                {
                    string method = op.Key.Method.ToLowerInvariant();
                    all.Add(new OperationRef(path.Key, method, op.Value, path.Value, "#/paths/" + Reading.SourceLocator.Escape(path.Key) + "/" + method));
                }
            }
            var o = _input.Options;
            if (!o.HasFilter) return all;
            var kept = all.Where(op =>
            {
                var tags = op.Operation.Tags?.Select(t => t.Name ?? string.Empty).ToList() ?? new List<string>();
                string id = op.Operation.OperationId ?? string.Empty;
                bool include = (o.IncludeTags.IsEmpty && o.IncludePaths.IsEmpty && o.IncludeOperations.IsEmpty)
                    || tags.Any(t => o.IncludeTags.Contains(t, StringComparer.OrdinalIgnoreCase))
                    || o.IncludePaths.Any(p => PathMatches(p, op.Path))
                    || o.IncludeOperations.Contains(id, StringComparer.Ordinal);
                bool exclude = tags.Any(t => o.ExcludeTags.Contains(t, StringComparer.OrdinalIgnoreCase))
                    || o.ExcludePaths.Any(p => PathMatches(p, op.Path))
                    || o.ExcludeOperations.Contains(id, StringComparer.Ordinal);
                return include && !exclude;
            }).ToList();
            if (kept.Count == 0 && all.Count > 0)
            {
                _diagnostics.Add(DiagnosticCatalog.EmptySelection, string.Empty, all.Count.ToString(CultureInfo.InvariantCulture));
            }
            return kept;
        }

        /// <summary>Path filters: exact, a prefix ending in <c>*</c>, or <c>*</c> wildcards inside, matched per character.</summary>
        internal static bool PathMatches(string pattern, string path)
        {
            if (pattern == path) return true;
            if (pattern.IndexOf('*') < 0) return path.StartsWith(pattern.TrimEnd('/') + "/", StringComparison.Ordinal);
            string regex = "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*\\*", ".*").Replace("\\*", "[^/]*") + "$";
            if (pattern.EndsWith("*", StringComparison.Ordinal)) regex = "^" + System.Text.RegularExpressions.Regex.Escape(pattern.TrimEnd('*')).Replace("\\*", "[^/]*") + ".*$";
            return System.Text.RegularExpressions.Regex.IsMatch(path, regex);
        }

        // ---------------------------------------------------------------- context

        private string UseContext(TypeRef type)
        {
            if (_contextTypes.TryGetValue(type.Name, out var existing)) return existing.Property;
            string prop = _contextNames.Claim(type.ContextProperty.Length == 0 ? "Type" : type.ContextProperty);
            _contextTypes[type.Name] = new ContextTypeModel(prop, type.Name, type.Converter);
            return prop;
        }

        private string ContextRef(TypeRef type) => "global::" + _ns + "." + _contextName + ".Default." + UseContext(type);

        // ---------------------------------------------------------------- operations

        private sealed class BoundParameter
        {
            public BoundParameter(IOpenApiParameter p, string name, TypeRef type, bool required, bool nullable, string pointer)
            {
                Source = p;
                Name = name;
                Type = type;
                Required = required;
                Nullable = nullable;
                Pointer = pointer;
            }

            public IOpenApiParameter Source { get; }
            public string Name { get; }
            public TypeRef Type { get; }
            public bool Required { get; }
            public bool Nullable { get; }
            public string Pointer { get; }
        }

        private OperationModel BindOperation(OperationRef op, NameRegistry methodNames)
        {
            var operation = op.Operation;
            string opId = string.IsNullOrWhiteSpace(operation.OperationId) ? op.Method + " " + op.Path : operation.OperationId!;
            string baseName = CSharp.Pascal(opId, "Operation");
            if (baseName[0] == '_') baseName = "Operation" + baseName;
            string methodName = baseName + "Async";
            if (methodNames.IsUsed(methodName) || methodNames.IsUsed(baseName + "WithResponseAsync"))
            {
                string unique = methodNames.Claim(baseName + "Async");
                string stemUnique = unique.Substring(0, unique.Length - "Async".Length);
                if (stemUnique.EndsWith("Async", StringComparison.Ordinal)) { }
                // Claim produced e.g. GetAsync2; make it Get2Async.
                string suffix = unique.Substring((baseName + "Async").Length);
                baseName = baseName + suffix;
                methodName = baseName + "Async";
                methodNames.Reserve(methodName);
                if (!string.IsNullOrWhiteSpace(operation.OperationId))
                {
                    _diagnostics.Add(DiagnosticCatalog.DuplicateOperationId, op.Pointer + "/operationId", operation.OperationId!, methodName);
                }
            }
            else
            {
                methodNames.Reserve(methodName);
            }
            methodNames.Reserve(baseName + "WithResponseAsync");
            string typeHint = baseName;

            // Parameters: path item's, overridden by the operation's (same name and location).
            var merged = new List<(IOpenApiParameter P, string Pointer)>();
            if (op.PathItem.Parameters is not null)
            {
                for (int i = 0; i < op.PathItem.Parameters.Count; i++)
                {
                    merged.Add((op.PathItem.Parameters[i], "#/paths/" + Reading.SourceLocator.Escape(op.Path) + "/parameters/" + i));
                }
            }
            if (operation.Parameters is not null)
            {
                for (int i = 0; i < operation.Parameters.Count; i++)
                {
                    var p = operation.Parameters[i];
                    int existing = merged.FindIndex(m => m.P.Name == p.Name && m.P.In == p.In);
                    var entry = (p, op.Pointer + "/parameters/" + i);
                    if (existing >= 0) merged[existing] = entry;
                    else merged.Add(entry);
                }
            }

            var argNames = new NameRegistry();
            foreach (var n in new[] { "body", Ct }) argNames.Reserve(n);
            var bound = new List<BoundParameter>();
            var pathParams = PathParameterNames(op.Path);
            foreach (var (p, pointer) in merged)
            {
                if (p is null || p.Name is null || p.In is null) continue;
                if (p.In == ParameterLocation.Header && IsReservedHeader(p.Name)) continue;
                bool required = p.Required || p.In == ParameterLocation.Path;
                if (p.In == ParameterLocation.Path && !pathParams.Contains(p.Name)) continue;
                IOpenApiSchema? schema = p.Schema;
                if (schema is null && p.Content is { Count: > 0 }) schema = p.Content.First().Value?.Schema;
                var type = Map(schema, typeHint + CSharp.Pascal(p.Name, "Parameter"), pointer + "/schema");
                if (type.Kind == TypeKinds.File) type = s_string;
                bool nullable = !required || IsNullable(schema);
                string name = argNames.Claim(CSharp.Camel(p.Name, "parameter"));
                bound.Add(new BoundParameter(p, name, type, required, nullable, pointer));
            }
            foreach (var name in pathParams)
            {
                if (bound.Any(b => b.Source.In == ParameterLocation.Path && b.Source.Name == name)) continue;
                _diagnostics.Add(DiagnosticCatalog.UndeclaredPathParameter, op.Pointer, op.Path, name);
                var synthetic = new OpenApiParameter { Name = name, In = ParameterLocation.Path, Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
                bound.Add(new BoundParameter(synthetic, argNames.Claim(CSharp.Camel(name, "parameter")), s_string, true, false, op.Pointer));
            }

            // Body.
            var body = BindBody(operation, op, typeHint);

            // Signature: path and required parameters in document order, then the body, then optional ones.
            var signature = new List<string>();
            var args = new List<string>();
            var paramModels = new List<ParameterModel>();
            var requiredParams = bound.Where(b => b.Required).ToList();
            var optionalParams = bound.Where(b => !b.Required).ToList();
            foreach (var b in requiredParams)
            {
                signature.Add(b.Type.Declared(b.Nullable) + " " + b.Name);
                args.Add(b.Name);
            }
            if (body is not null && body.Required)
            {
                signature.Add(body.DeclaredType + " body");
                args.Add("body");
            }
            if (body is not null && !body.Required)
            {
                signature.Add(body.DeclaredType + " body = null");
                args.Add("body");
            }
            foreach (var b in optionalParams)
            {
                signature.Add(b.Type.Declared(true) + " " + b.Name + " = null");
                args.Add(b.Name);
            }
            signature.Add("global::System.Threading.CancellationToken " + Ct + " = default");
            args.Add(Ct);
            foreach (var b in bound)
            {
                paramModels.Add(new ParameterModel(b.Name, b.Source.Name!, b.Source.In!.Value.ToString().ToLowerInvariant(), b.Type.Declared(b.Nullable), CSharp.DocLines(b.Source.Description).ToEquatableArray()));
            }

            // Request construction. A required reference that is null fails here, naming the argument, instead of
            // deep in formatting or as a 'null' JSON body on the wire.
            var build = new List<string>();
            foreach (var b in requiredParams)
            {
                if (!b.Type.IsValueType && !b.Nullable) build.Add("if (" + b.Name + " is null) throw new global::System.ArgumentNullException(nameof(" + b.Name + "));");
            }
            if (body is not null && body.Required && !body.DeclaredType.EndsWith("?", StringComparison.Ordinal) && !body.IsValueType)
            {
                build.Add("if (body is null) throw new global::System.ArgumentNullException(nameof(body));");
            }
            AppendPath(build, op.Path, bound);
            foreach (var b in bound.Where(b => b.Source.In != ParameterLocation.Path))
            {
                AppendParameter(build, b);
            }
            if (body is not null) build.AddRange(body.Statements);

            // Responses.
            var (resultType, hasResult, plan, accept) = BindResponses(operation, op, typeHint);
            if (accept is not null) build.Add("builder_.Accept = " + CSharp.Literal(accept) + ";");
            build.AddRange(PipelineStatements(operation, op.PathItem));
            build.AddRange(OperationValidation(op, baseName, bound, body is not null));

            var docs = OperationDocs(operation, bound, body, op);
            string? deprecation = operation.Deprecated ? "This operation is deprecated in the API description." : null;
            string httpMethod = op.Method switch
            {
                "get" => "global::System.Net.Http.HttpMethod.Get",
                "post" => "global::System.Net.Http.HttpMethod.Post",
                "put" => "global::System.Net.Http.HttpMethod.Put",
                "delete" => "global::System.Net.Http.HttpMethod.Delete",
                "head" => "global::System.Net.Http.HttpMethod.Head",
                "options" => "global::System.Net.Http.HttpMethod.Options",
                "trace" => "global::System.Net.Http.HttpMethod.Trace",
                "patch" => "new global::System.Net.Http.HttpMethod(\"PATCH\")",
                _ => "new global::System.Net.Http.HttpMethod(" + CSharp.Literal(op.Method.ToUpperInvariant()) + ")",
            };
            return new OperationModel(baseName, CSharp.Literal(operation.OperationId ?? (op.Method.ToUpperInvariant() + " " + op.Path)), httpMethod, CSharp.Literal(op.Path),
                docs.ToEquatableArray(), operation.Deprecated, deprecation is null ? null : CSharp.Literal(deprecation),
                paramModels.ToEquatableArray(), signature.ToEquatableArray(), args.ToEquatableArray(), build.ToEquatableArray(),
                hasResult ? "global::System.Threading.Tasks.Task<global::Portico.ApiResponse<" + resultType + ">>" : "global::System.Threading.Tasks.Task<global::Portico.ApiResponse>",
                resultType, hasResult, hasResult ? "global::Portico.Http.ResponsePlan<" + resultType + ">" : "global::Portico.Http.ResponsePlan", plan.ToEquatableArray(),
                accept is null ? null : CSharp.Literal(accept));
        }

        private static bool IsReservedHeader(string name)
            => string.Equals(name, "Accept", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase);

        private static List<string> PathParameterNames(string path)
        {
            var names = new List<string>();
            int i = 0;
            while ((i = path.IndexOf('{', i)) >= 0)
            {
                int end = path.IndexOf('}', i);
                if (end < 0) break;
                string name = path.Substring(i + 1, end - i - 1);
                if (name.Length > 0 && !names.Contains(name)) names.Add(name);
                i = end + 1;
            }
            return names;
        }

        private void AppendPath(List<string> build, string path, List<BoundParameter> bound)
        {
            int i = 0;
            var literal = new StringBuilder();
            while (i < path.Length)
            {
                int open = path.IndexOf('{', i);
                int close = open < 0 ? -1 : path.IndexOf('}', open);
                if (open < 0 || close < 0)
                {
                    literal.Append(path.Substring(i));
                    break;
                }
                literal.Append(path.Substring(i, open - i));
                string name = path.Substring(open + 1, close - open - 1);
                var b = bound.FirstOrDefault(x => x.Source.In == ParameterLocation.Path && x.Source.Name == name);
                if (b is null)
                {
                    literal.Append(path.Substring(open, close - open + 1));
                }
                else
                {
                    if (literal.Length > 0) { build.Add("builder_.AppendPath(" + CSharp.Literal(literal.ToString()) + ");"); literal.Clear(); }
                    var style = b.Source.Style ?? Microsoft.OpenApi.ParameterStyle.Simple;
                    string value = b.Type.Kind == TypeKinds.Model || b.Type.Kind == TypeKinds.Map ? JsonElementOf(b) : Formatted(b.Type, b.Name, b.Nullable);
                    build.Add("builder_.AppendPathParameter(" + CSharp.Literal(name) + ", " + value + ", " + StyleExpr(style) + ", " + (b.Source.Explode ? "true" : "false") + ");");
                }
                i = close + 1;
            }
            if (literal.Length > 0) build.Add("builder_.AppendPath(" + CSharp.Literal(literal.ToString()) + ");");
        }

        private static string StyleExpr(Microsoft.OpenApi.ParameterStyle style) => Http + "ParameterStyle." + style switch
        {
            Microsoft.OpenApi.ParameterStyle.Matrix => "Matrix",
            Microsoft.OpenApi.ParameterStyle.Label => "Label",
            Microsoft.OpenApi.ParameterStyle.Form => "Form",
            Microsoft.OpenApi.ParameterStyle.SpaceDelimited => "SpaceDelimited",
            Microsoft.OpenApi.ParameterStyle.PipeDelimited => "PipeDelimited",
            Microsoft.OpenApi.ParameterStyle.DeepObject => "DeepObject",
            _ => "Simple",
        };

        /// <summary>The JSON form of a model or map parameter, which the runtime spreads into key/value pairs.</summary>
        private string JsonElementOf(BoundParameter b)
        {
            string v = b.Nullable && b.Type.IsValueType ? b.Name + ".Value" : b.Name;
            return "global::System.Text.Json.JsonSerializer.SerializeToElement(" + v + ", " + ContextRef(b.Type) + ")";
        }

        /// <summary>Whether an enum type is an integer enum (its wire value is its number, not its member name).</summary>
        private bool IsIntegerEnum(TypeRef type)
            => type.Kind == TypeKinds.Enum && _types.Any(t => t.Kind == TypeModelKinds.IntegerEnum && "global::" + _ns + "." + t.Name == type.Name);

        /// <summary>An expression giving the wire text (a string, or a list of strings for lists) of a value.</summary>
        private string Formatted(TypeRef type, string expr, bool nullable)
        {
            string v = nullable && type.IsValueType ? expr + ".Value" : expr;
            switch (type.Kind)
            {
                case TypeKinds.List:
                    {
                        var item = _listItems.TryGetValue(type.Name, out var it) ? it : s_string;
                        bool itemNullable = type.Name.EndsWith("?>", StringComparison.Ordinal);
                        string formatted = Formatted(item, "v", itemNullable && item.IsValueType);
                        return Http + "ParameterFormatter.FormatAll(" + v + ", v => " + formatted + ")";
                    }
                case TypeKinds.Model:
                case TypeKinds.Map:
                    return Http + "ParameterFormatter.Format(global::System.Text.Json.JsonSerializer.SerializeToElement(" + v + ", " + ContextRef(type) + "))";
                case TypeKinds.Enum:
                    return IsIntegerEnum(type) ? Http + "ParameterFormatter.Format((long)" + v + ")" : v + ".ToString()";
                default:
                    return ScalarFormat(type.Name, v, type.Kind);
            }
        }

        private static string ScalarFormat(string typeName, string v, string kind)
        {
            if (typeName == "string") return v;
            if (typeName == "string?") return v + " ?? string.Empty";
            if (kind == TypeKinds.Any) return Http + "ParameterFormatter.Format(" + v + ")";
            return Http + "ParameterFormatter.Format(" + v + ")";
        }

        private void AppendParameter(List<string> build, BoundParameter b)
        {
            var p = b.Source;
            string wire = CSharp.Literal(p.Name!);
            string guard = b.Nullable ? "if (" + b.Name + " is not null) " : string.Empty;
            var location = p.In!.Value;
            var defaultStyle = location == ParameterLocation.Query || location == ParameterLocation.Cookie ? Microsoft.OpenApi.ParameterStyle.Form : Microsoft.OpenApi.ParameterStyle.Simple;
            var style = p.Style ?? defaultStyle;
            bool explode = p.Explode;
            switch (location)
            {
                case ParameterLocation.Query:
                    if (b.Type.Kind == TypeKinds.Model || b.Type.Kind == TypeKinds.Map)
                    {
                        string v = b.Nullable && b.Type.IsValueType ? b.Name + ".Value" : b.Name;
                        build.Add(guard + "builder_.AddQueryObject(" + wire + ", global::System.Text.Json.JsonSerializer.SerializeToElement(" + v + ", " + ContextRef(b.Type) + "), " + StyleExpr(style) + ", " + (explode ? "true" : "false") + ");");
                    }
                    else if (b.Type.Kind == TypeKinds.List)
                    {
                        build.Add(guard + "builder_.AddQuery(" + wire + ", " + Formatted(b.Type, b.Name, b.Nullable) + ", " + StyleExpr(style) + ", " + (explode ? "true" : "false") + (p.AllowReserved ? ", allowReserved: true" : string.Empty) + ");");
                    }
                    else
                    {
                        build.Add(guard + "builder_.AddQuery(" + wire + ", " + Formatted(b.Type, b.Name, b.Nullable) + (p.AllowReserved ? ", allowReserved: true" : string.Empty) + ");");
                    }
                    break;
                case ParameterLocation.Header:
                    if (b.Type.Kind == TypeKinds.Model || b.Type.Kind == TypeKinds.Map)
                    {
                        build.Add(guard + "builder_.AddHeader(" + wire + ", " + JsonElementOf(b) + ", " + (explode ? "true" : "false") + ");");
                    }
                    else
                    {
                        build.Add(guard + "builder_.AddHeader(" + wire + ", " + Formatted(b.Type, b.Name, b.Nullable) + ");");
                    }
                    break;
                case ParameterLocation.Cookie:
                    {
                        string f = b.Type.Kind == TypeKinds.Model || b.Type.Kind == TypeKinds.Map ? JsonElementOf(b) : Formatted(b.Type, b.Name, b.Nullable);
                        build.Add(guard + "builder_.AddCookie(" + wire + ", " + f + ");");
                        break;
                    }
            }
        }

        // ---------------------------------------------------------------- bodies

        private sealed class BoundBody
        {
            public string DeclaredType = "object";
            public bool IsValueType;
            public bool Required;
            public string MediaType = "application/json";
            public List<string> Statements = new();
            public string? Description;
        }

        private static bool IsJson(string mediaType)
        {
            string m = mediaType.ToLowerInvariant();
            int semi = m.IndexOf(';');
            if (semi >= 0) m = m.Substring(0, semi).Trim();
            return m == "application/json" || m.EndsWith("+json", StringComparison.Ordinal) || m == "text/json" || m == "*/*" && false || (m.StartsWith("application/", StringComparison.Ordinal) && m.Contains("json"));
        }

        private BoundBody? BindBody(OpenApiOperation operation, OperationRef op, string typeHint)
        {
            var rb = operation.RequestBody;
            if (rb?.Content is null || rb.Content.Count == 0) return null;
            string pointer = op.Pointer + "/requestBody/content/";
            var content = rb.Content;
            var result = new BoundBody { Required = rb.Required, Description = rb.Description };
            string? json = content.Keys.FirstOrDefault(IsJson);
            string? form = content.Keys.FirstOrDefault(k => k.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase));
            string? multipart = content.Keys.FirstOrDefault(k => k.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase));
            string? text = content.Keys.FirstOrDefault(k => k.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase));
            string hint = typeHint + "Request";
            string optionalGuard = rb.Required ? string.Empty : "if (body is not null) ";
            if (json is not null)
            {
                var schema = content[json]?.Schema;
                var type = Map(schema, hint, pointer + Reading.SourceLocator.Escape(json) + "/schema");
                if (type.Kind == TypeKinds.File) return BinaryBody(result, json, rb.Required);
                bool nullable = !rb.Required || IsNullable(schema);
                result.DeclaredType = type.Declared(nullable);
                result.IsValueType = type.IsValueType;
                result.MediaType = json;
                string v = nullable && type.IsValueType ? "body.Value" : "body";
                // A body whose schema allows null is sent as JSON null; the metadata of T serves T? too.
                bool nullRef = nullable && !type.IsValueType && rb.Required;
                string typeArg = nullRef ? type.Name + "?" : type.Name;
                string info = ContextRef(type) + (nullRef ? "!" : string.Empty);
                result.Statements.Add(optionalGuard + "builder_.Content = " + Http + "Bodies.Json<" + typeArg + ">(" + v + ", " + info + ", " + CSharp.Literal(MediaTypeOnly(json)) + ");");
                return result;
            }
            if (form is not null)
            {
                var schema = content[form]?.Schema;
                var type = Map(schema, hint, pointer + Reading.SourceLocator.Escape(form) + "/schema");
                result.DeclaredType = type.Declared(!rb.Required);
                result.IsValueType = type.IsValueType;
                result.MediaType = form;
                if (type.Kind == TypeKinds.Model || type.Kind == TypeKinds.Map || type.Kind == TypeKinds.Any)
                {
                    string v = !rb.Required && type.IsValueType ? "body.Value" : "body";
                    result.Statements.Add(optionalGuard + "builder_.Content = " + Http + "Bodies.Form(global::System.Text.Json.JsonSerializer.SerializeToElement(" + v + ", " + ContextRef(type) + "));");
                }
                else
                {
                    result.Statements.Add(optionalGuard + "builder_.Content = " + Http + "Bodies.Text(" + Formatted(type, "body", !rb.Required) + ", \"application/x-www-form-urlencoded\");");
                }
                return result;
            }
            if (multipart is not null)
            {
                var schema = content[multipart]?.Schema;
                var type = Map(schema, hint, pointer + Reading.SourceLocator.Escape(multipart) + "/schema");
                result.MediaType = multipart;
                result.DeclaredType = type.Declared(!rb.Required);
                result.IsValueType = type.IsValueType;
                var model = type.IsModel ? _types.FirstOrDefault(t => "global::" + _ns + "." + t.Name == type.Name && t.Kind == TypeModelKinds.Class) : null;
                if (model is null)
                {
                    if (type.Kind == TypeKinds.File)
                    {
                        result.Statements.Add(optionalGuard + "{ var multipart_ = " + Http + "Bodies.Multipart(); " + Http + "Bodies.AddPart(multipart_, \"file\", body); builder_.Content = multipart_; }");
                    }
                    else
                    {
                        result.Statements.Add(optionalGuard + "{ var multipart_ = " + Http + "Bodies.Multipart(); " + Http + "Bodies.AddJsonPart(multipart_, \"body\", body, " + ContextRef(type) + "); builder_.Content = multipart_; }");
                    }
                    return result;
                }
                var lines = new List<string> { "var multipart_ = " + Http + "Bodies.Multipart();" };
                foreach (var prop in model.AllProperties)
                {
                    string access = "body." + prop.Name;
                    var pt = prop.Type;
                    if (pt.Kind == TypeKinds.File)
                    {
                        lines.Add(Http + "Bodies.AddPart(multipart_, " + prop.WireLiteral + ", " + access + ");");
                    }
                    else if (pt.Kind == TypeKinds.List && pt.Name.Contains("Portico.FileParameter"))
                    {
                        lines.Add("if (" + access + " is not null) foreach (var file_ in " + access + ") " + Http + "Bodies.AddPart(multipart_, " + prop.WireLiteral + ", file_);");
                    }
                    else if (pt.Kind == TypeKinds.Scalar || pt.Kind == TypeKinds.Enum)
                    {
                        bool nullableValue = pt.IsValueType && prop.DeclaredType.EndsWith("?", StringComparison.Ordinal);
                        string formatted = Formatted(pt, access, nullableValue);
                        string guard = prop.DeclaredType.EndsWith("?", StringComparison.Ordinal) ? "if (" + access + " is not null) " : string.Empty;
                        lines.Add(guard + Http + "Bodies.AddPart(multipart_, " + prop.WireLiteral + ", " + formatted + ");");
                    }
                    else if (pt.Kind == TypeKinds.List && _listItems.TryGetValue(pt.Name, out var item) && (item.Kind == TypeKinds.Scalar || item.Kind == TypeKinds.Enum)
                        && !pt.Name.EndsWith("?>", StringComparison.Ordinal))
                    {
                        // Arrays of primitives: one text part per item under the same name, as form posts send them.
                        lines.Add("if (" + access + " is not null) foreach (var item_ in " + access + ") " + Http + "Bodies.AddPart(multipart_, " + prop.WireLiteral + ", " + Formatted(item, "item_", false) + ");");
                    }
                    else if (pt.IsValueType && prop.DeclaredType.EndsWith("?", StringComparison.Ordinal))
                    {
                        lines.Add("if (" + access + " is not null) " + Http + "Bodies.AddJsonPart(multipart_, " + prop.WireLiteral + ", " + access + ".Value, " + ContextRef(pt) + ");");
                    }
                    else
                    {
                        lines.Add(Http + "Bodies.AddJsonPart(multipart_, " + prop.WireLiteral + ", " + access + ", " + ContextRef(pt) + ");");
                    }
                }
                lines.Add("builder_.Content = multipart_;");
                if (!rb.Required)
                {
                    result.Statements.Add("if (body is not null)");
                    result.Statements.Add("{");
                    foreach (var l in lines) result.Statements.Add("    " + l);
                    result.Statements.Add("}");
                }
                else
                {
                    result.Statements.AddRange(lines);
                }
                return result;
            }
            if (text is not null)
            {
                var schema = content[text]?.Schema;
                var type = schema is null ? s_string : Map(schema, hint, pointer + Reading.SourceLocator.Escape(text) + "/schema");
                if (type.Kind != TypeKinds.Scalar) type = s_string;
                result.DeclaredType = type.Declared(!rb.Required);
                result.IsValueType = type.IsValueType;
                result.MediaType = text;
                result.Statements.Add(optionalGuard + "builder_.Content = " + Http + "Bodies.Text(" + Formatted(type, "body", !rb.Required) + ", " + CSharp.Literal(MediaTypeOnly(text)) + ");");
                return result;
            }
            // Anything else: raw bytes with the declared media type.
            string first = content.Keys.First();
            if (!IsBinaryMediaType(first))
            {
                _diagnostics.Add(DiagnosticCatalog.UnsupportedMediaType, op.Pointer + "/requestBody", "request body", op.Method.ToUpperInvariant() + " " + op.Path, string.Join(", ", content.Keys));
            }
            return BinaryBody(result, first, rb.Required);
        }

        private static BoundBody BinaryBody(BoundBody result, string mediaType, bool required)
        {
            result.DeclaredType = required ? "global::System.IO.Stream" : "global::System.IO.Stream?";
            result.MediaType = mediaType;
            string media = MediaTypeOnly(mediaType);
            if (media.IndexOf('*') >= 0) media = "application/octet-stream";
            result.Statements.Add((required ? string.Empty : "if (body is not null) ") + "builder_.Content = " + Http + "Bodies.Binary(body, " + CSharp.Literal(media) + ");");
            return result;
        }

        private static bool IsBinaryMediaType(string m)
        {
            m = m.ToLowerInvariant();
            return m.StartsWith("application/octet-stream", StringComparison.Ordinal) || m.StartsWith("image/", StringComparison.Ordinal) || m.StartsWith("audio/", StringComparison.Ordinal)
                || m.StartsWith("video/", StringComparison.Ordinal) || m.StartsWith("application/pdf", StringComparison.Ordinal) || m.StartsWith("application/zip", StringComparison.Ordinal) || m == "*/*";
        }

        private static string MediaTypeOnly(string m)
        {
            int semi = m.IndexOf(';');
            return (semi >= 0 ? m.Substring(0, semi) : m).Trim();
        }

        // ---------------------------------------------------------------- responses

        /// <summary>
        /// The operation's answers as a <c>ResponsePlan</c>: one fluent call per declared status or range, in order
        /// (exact codes, then ranges, then <c>default</c>), and the error of any other status.
        /// </summary>
        private (string ResultType, bool HasResult, List<string> Plan, string? Accept) BindResponses(OpenApiOperation operation, OperationRef op, string typeHint)
        {
            var plan = new List<string>();
            var responses = operation.Responses ?? new OpenApiResponses();
            var accepts = new List<string>();
            bool anyExplicitSuccess = responses.Keys.Any(k => k.Length == 3 && k[0] == '2');
            string? resultType = null;
            string? resultKind = null;
            TypeRef? resultRef = null;
            bool emptySuccess = false;
            var ordered = responses.OrderBy(r => r.Key == "default" ? 2 : r.Key.EndsWith("XX", StringComparison.OrdinalIgnoreCase) || r.Key.EndsWith("xx", StringComparison.Ordinal) ? 1 : 0).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();

            // First pass: the result type comes from the first success response with a body.
            foreach (var r in ordered)
            {
                bool success = IsSuccess(r.Key, anyExplicitSuccess);
                if (!success) continue;
                var (kind, type, media) = ResponseBody(r.Value, typeHint + "Response", op.Pointer + "/responses/" + Reading.SourceLocator.Escape(r.Key));
                if (media is not null && !accepts.Contains(media)) accepts.Add(media);
                if (kind == "none") { emptySuccess = true; continue; }
                if (resultKind is null)
                {
                    resultKind = kind;
                    resultRef = type;
                    resultType = kind == "stream" ? "global::System.IO.Stream" : kind == "text" ? "string" : type!.Name;
                }
            }
            bool hasResult = resultKind is not null;
            if (hasResult && emptySuccess && resultType is not null && !resultType.EndsWith("?", StringComparison.Ordinal)) resultType += "?";

            string? otherwise = null;
            bool otherwiseSet = false;
            bool anySuccess = false;
            foreach (var r in ordered)
            {
                var range = StatusRange(r.Key, anyExplicitSuccess);
                bool success = IsSuccess(r.Key, anyExplicitSuccess);
                string pointer = op.Pointer + "/responses/" + Reading.SourceLocator.Escape(r.Key);
                if (range is null)
                {
                    // 'default' beside explicit successes: every status no other entry lists fails with its body.
                    if (r.Key == "default" && !otherwiseSet)
                    {
                        otherwiseSet = true;
                        otherwise = ErrorInfo(r.Value, typeHint + "Error", pointer);
                    }
                    continue;
                }
                string bounds = Int(range.Value.Lo) + ", " + Int(range.Value.Hi);
                if (success)
                {
                    anySuccess = true;
                    var (kind, type, _) = ResponseBody(r.Value, typeHint + "Response", pointer);
                    if (!hasResult) plan.Add(".Success(" + bounds + ")");
                    else if (kind == resultKind && (kind != "json" || type!.Name == resultRef!.Name))
                    {
                        plan.Add(kind switch
                        {
                            "stream" => ".Stream(" + bounds + ")",
                            "text" => ".Text(" + bounds + ")",
                            _ => ".Json(" + bounds + ", " + ContextRef(type!) + (ResponseValidatorExpr(r.Value, pointer) is string v ? ", " + v : string.Empty) + ")",
                        });
                    }
                    else
                    {
                        plan.Add(".Empty(" + bounds + ")");
                    }
                    if (r.Key == "default" && !otherwiseSet)
                    {
                        // 'default' is the success answer when no 2xx is declared; other statuses still fail, with the
                        // same body ('default' describes every status), so the error is typed by it.
                        otherwiseSet = true;
                        otherwise = ErrorInfo(r.Value, typeHint + "Response", pointer);
                    }
                }
                else
                {
                    string? info = ErrorInfo(r.Value, typeHint + "Error", pointer);
                    plan.Add(".Error(" + bounds + (info is null ? string.Empty : ", " + info) + ")");
                }
            }
            if (!hasResult && !anySuccess) plan.Insert(0, ".Success(200, 299)");
            if (otherwise is not null) plan.Add(".Otherwise(" + otherwise + ")");
            string? accept = accepts.Count == 0 ? null : string.Join(", ", accepts);
            return (resultType ?? "void", hasResult, plan, accept);
        }

        /// <summary>The JSON context property of an error body's type, or null when the error is untyped.</summary>
        private string? ErrorInfo(IOpenApiResponse? response, string hint, string pointer)
        {
            var (kind, type, _) = ResponseBody(response, hint, pointer);
            return kind == "json" && type is not null && type.Kind != TypeKinds.Any ? ContextRef(type) : null;
        }

        private static bool IsSuccess(string key, bool anyExplicitSuccess)
            => key.Length == 3 && key[0] == '2' || (key == "default" && !anyExplicitSuccess);

        /// <summary>The statuses a response key covers: a code, a range such as 4XX, or 'default' as the success range; null for 'default' beside explicit successes (the fallback) and for keys that name no status.</summary>
        private static (int Lo, int Hi)? StatusRange(string key, bool anyExplicitSuccess)
        {
            if (key == "default") return anyExplicitSuccess ? null : (200, 299);
            if (key.Length == 3 && key.EndsWith("XX", StringComparison.OrdinalIgnoreCase) && char.IsDigit(key[0]))
            {
                int d = key[0] - '0';
                return (d * 100, d * 100 + 99);
            }
            if (int.TryParse(key, NumberStyles.Integer, CultureInfo.InvariantCulture, out int code)) return (code, code);
            return null;
        }

        /// <summary>What a response carries: none, json (with type), text or stream.</summary>
        private (string Kind, TypeRef? Type, string? Media) ResponseBody(IOpenApiResponse? response, string hint, string pointer)
        {
            var content = response?.Content;
            if (content is null || content.Count == 0) return ("none", null, null);
            string? json = content.Keys.FirstOrDefault(IsJson);
            if (json is not null)
            {
                var schema = content[json]?.Schema;
                if (schema is null) return ("none", null, MediaTypeOnly(json));
                var type = Map(schema, hint, pointer + "/content/" + Reading.SourceLocator.Escape(json) + "/schema");
                if (type.Kind == TypeKinds.File) return ("stream", null, MediaTypeOnly(json));
                return ("json", type, MediaTypeOnly(json));
            }
            string first = content.Keys.First();
            var firstSchema = content[first]?.Schema;
            if (first.StartsWith("text/", StringComparison.OrdinalIgnoreCase) && !IsBinarySchema(firstSchema)) return ("text", s_string, MediaTypeOnly(first));
            if (first.IndexOf("xml", StringComparison.OrdinalIgnoreCase) >= 0) return ("text", s_string, MediaTypeOnly(first));
            return ("stream", null, MediaTypeOnly(first));
        }

        private static bool IsBinarySchema(IOpenApiSchema? s) => s is not null && Target(s)?.Format == "binary";

        // ---------------------------------------------------------------- docs

        private static List<string> OperationDocs(OpenApiOperation operation, List<BoundParameter> bound, BoundBody? body, OperationRef op)
        {
            var lines = new List<string>();
            var summary = CSharp.DocLines(string.IsNullOrWhiteSpace(operation.Summary) ? operation.Description : operation.Summary);
            if (summary.Count == 0) summary.Add(op.Method.ToUpperInvariant() + " " + CSharp.DocLines(op.Path).FirstOrDefault());
            lines.Add("/// <summary>");
            foreach (var l in summary) lines.Add("/// " + l);
            lines.Add("/// </summary>");
            if (!string.IsNullOrWhiteSpace(operation.Summary) && !string.IsNullOrWhiteSpace(operation.Description))
            {
                lines.Add("/// <remarks>");
                foreach (var l in CSharp.DocLines(operation.Description)) lines.Add("/// " + l);
                lines.Add("/// </remarks>");
            }
            foreach (var b in bound)
            {
                var d = CSharp.DocLines(b.Source.Description);
                string text = d.Count > 0 ? string.Join(" ", d) : "The '" + CSharp.DocAttribute(b.Source.Name ?? string.Empty) + "' " + b.Source.In.ToString()!.ToLowerInvariant() + " parameter.";
                lines.Add("/// <param name=\"" + b.Name.TrimStart('@') + "\">" + text + "</param>");
            }
            if (body is not null)
            {
                var d = CSharp.DocLines(body.Description);
                lines.Add("/// <param name=\"body\">" + (d.Count > 0 ? string.Join(" ", d) : "The request body (" + CSharp.DocAttribute(body.MediaType) + ").") + "</param>");
            }
            lines.Add("/// <param name=\"cancellationToken\">Cancels the call.</param>");
            lines.Add("/// <exception cref=\"global::Portico.ApiException\">The service answered with a status the description does not list as success.</exception>");
            return lines;
        }
    }
}
