using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.OpenApi;
using Portico.CodeGeneration.Reading;

namespace Portico.CodeGeneration.Diff
{
    /// <summary>Walks two documents side by side; one instance per comparison (its caches live only as long as it does).</summary>
    internal sealed class DocumentComparer
    {
        private const int MaxDepth = 48;
        private static readonly Regex s_template = new Regex(@"\{[^}/]*\}");

        private readonly OpenApiDocument _b;
        private readonly OpenApiDocument _r;
        private readonly CancellationToken _ct;
        private readonly Dictionary<(string, string, Direction, string), List<Pending>> _memo = new Dictionary<(string, string, Direction, string), List<Pending>>();
        private readonly HashSet<(string, string, Direction, string)> _inProgress = new HashSet<(string, string, Direction, string)>();
        private readonly Dictionary<OpenApiSchemaReference, IOpenApiSchema?> _targets = new Dictionary<OpenApiSchemaReference, IOpenApiSchema?>(IdentityComparer.Instance);

        public DocumentComparer(OpenApiDocument @base, OpenApiDocument revision, CancellationToken ct)
        {
            _b = @base;
            _r = revision;
            _ct = ct;
        }

        public List<RawFinding> Findings { get; } = new List<RawFinding>();

        /// <summary>A finding inside an operation before the operation is stamped on it.</summary>
        private readonly struct Pending
        {
            public Pending(DiffRule rule, string pointer, bool inBase, string message)
            {
                Rule = rule;
                Pointer = pointer;
                InBase = inBase;
                Message = message;
            }

            public DiffRule Rule { get; }
            public string Pointer { get; }
            public bool InBase { get; }
            public string Message { get; }
        }

        private static string Esc(string segment) => SourceLocator.Escape(segment);

        private void Add(DiffRule rule, string? method, string? path, string pointer, bool inBase, string message)
            => Findings.Add(new RawFinding(rule, method, path, pointer, inBase, message));

        public void Run()
        {
            CompareServers();
            CompareSecuritySchemes();
            ComparePaths();
        }

        // ---- servers and security schemes ----

        private void CompareServers()
        {
            string bPath = BasePath(_b), rPath = BasePath(_r);
            if (!string.Equals(bPath, rPath, StringComparison.Ordinal))
            {
                Add(DiffRules.ServerBasePathChanged, null, null, _r.Servers is { Count: > 0 } ? "#/servers/0/url" : "#/servers", false,
                    "the base path changed from '" + bPath + "' to '" + rPath + "': every request URL changes");
            }
        }

        private static string BasePath(OpenApiDocument doc)
        {
            var server = doc.Servers?.FirstOrDefault();
            string url = server?.Url ?? "/";
            url = s_template.Replace(url, m =>
            {
                string name = m.Value.Substring(1, m.Value.Length - 2);
                return server?.Variables is not null && server.Variables.TryGetValue(name, out var v) && v?.Default is string d ? d : m.Value;
            });
            string path = url;
            int scheme = url.IndexOf("://", StringComparison.Ordinal);
            if (scheme >= 0)
            {
                int slash = url.IndexOf('/', scheme + 3);
                path = slash < 0 ? "/" : url.Substring(slash);
            }
            int query = path.IndexOfAny(new[] { '?', '#' });
            if (query >= 0) path = path.Substring(0, query);
            path = "/" + path.Trim('/');
            return path;
        }

        private void CompareSecuritySchemes()
        {
            var b = _b.Components?.SecuritySchemes;
            var r = _r.Components?.SecuritySchemes;
            if (b is null || r is null) return;
            foreach (var pair in b)
            {
                if (pair.Value is null || !r.TryGetValue(pair.Key, out var rs) || rs is null) continue;
                var bs = pair.Value;
                var changes = new List<string>();
                if (bs.Type != rs.Type) changes.Add("type " + bs.Type + " -> " + rs.Type);
                else if (bs.Type == SecuritySchemeType.ApiKey)
                {
                    if (bs.In != rs.In) changes.Add("location " + bs.In + " -> " + rs.In);
                    if (!string.Equals(bs.Name, rs.Name, bs.In == ParameterLocation.Header ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)) changes.Add("name '" + bs.Name + "' -> '" + rs.Name + "'");
                }
                else if (bs.Type == SecuritySchemeType.Http && !string.Equals(bs.Scheme, rs.Scheme, StringComparison.OrdinalIgnoreCase))
                {
                    changes.Add("HTTP scheme '" + bs.Scheme + "' -> '" + rs.Scheme + "'");
                }
                if (changes.Count > 0)
                {
                    Add(DiffRules.SecuritySchemeChanged, null, null, "#/components/securitySchemes/" + Esc(pair.Key), false,
                        "security scheme '" + pair.Key + "' changed: " + string.Join(", ", changes) + "; clients send credentials the old way");
                }
            }
        }

        // ---- paths and operations ----

        private static string Normalize(string path) => s_template.Replace(path, "{}");

        private static Dictionary<string, (string Key, IOpenApiPathItem Item)> PathMap(OpenApiDocument doc)
        {
            var map = new Dictionary<string, (string, IOpenApiPathItem)>(StringComparer.Ordinal);
            if (doc.Paths is null) return map;
            foreach (var p in doc.Paths)
            {
                if (p.Value is null) continue;
                string n = Normalize(p.Key);
                if (!map.ContainsKey(n)) map[n] = (p.Key, p.Value);
            }
            return map;
        }

        private static IEnumerable<(string Method, OpenApiOperation Operation)> Operations(IOpenApiPathItem item)
        {
            if (item.Operations is null) yield break;
            foreach (var op in item.Operations)
            {
                if (op.Value is not null) yield return (op.Key.Method.ToLowerInvariant(), op.Value);
            }
        }

        private static string OpPointer(string path, string method) => "#/paths/" + Esc(path) + "/" + method;

        private void ComparePaths()
        {
            var bMap = PathMap(_b);
            var rMap = PathMap(_r);
            foreach (var pair in bMap)
            {
                _ct.ThrowIfCancellationRequested();
                var (bKey, bItem) = pair.Value;
                if (!rMap.TryGetValue(pair.Key, out var r))
                {
                    foreach (var (method, op) in Operations(bItem))
                    {
                        var rule = op.Deprecated ? DiffRules.PathRemovedDeprecated : DiffRules.PathRemoved;
                        Add(rule, method, bKey, OpPointer(bKey, method), true, "the path was removed" + (op.Deprecated ? " (the operation was deprecated)" : string.Empty));
                    }
                    continue;
                }
                var rOps = Operations(r.Item).ToDictionary(o => o.Method, o => o.Operation, StringComparer.Ordinal);
                var bOps = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (method, op) in Operations(bItem))
                {
                    bOps.Add(method);
                    if (!rOps.TryGetValue(method, out var rOp))
                    {
                        var rule = op.Deprecated ? DiffRules.OperationRemovedDeprecated : DiffRules.OperationRemoved;
                        Add(rule, method, bKey, OpPointer(bKey, method), true, "the operation was removed" + (op.Deprecated ? " (it was deprecated)" : string.Empty));
                        continue;
                    }
                    CompareOperation(method, bKey, bItem, op, r.Key, r.Item, rOp);
                }
                foreach (var (method, _) in Operations(r.Item))
                {
                    if (!bOps.Contains(method)) Add(DiffRules.EndpointAdded, method, r.Key, OpPointer(r.Key, method), false, "the operation was added");
                }
            }
            foreach (var pair in rMap)
            {
                if (bMap.ContainsKey(pair.Key)) continue;
                foreach (var (method, _) in Operations(pair.Value.Item))
                {
                    Add(DiffRules.EndpointAdded, method, pair.Value.Key, OpPointer(pair.Value.Key, method), false, "the operation was added");
                }
            }
        }

        private void CompareOperation(string method, string bKey, IOpenApiPathItem bItem, OpenApiOperation bOp, string rKey, IOpenApiPathItem rItem, OpenApiOperation rOp)
        {
            string bPtr = OpPointer(bKey, method), rPtr = OpPointer(rKey, method);
            var sink = new List<Pending>();
            if (!bOp.Deprecated && rOp.Deprecated) sink.Add(new Pending(DiffRules.EndpointDeprecated, rPtr + "/deprecated", false, "the operation was deprecated"));
            if (bOp.Deprecated && !rOp.Deprecated) sink.Add(new Pending(DiffRules.EndpointReactivated, rPtr, false, "the operation is no longer deprecated"));
            if (!string.IsNullOrEmpty(bOp.OperationId) && !string.IsNullOrEmpty(rOp.OperationId) && !string.Equals(bOp.OperationId, rOp.OperationId, StringComparison.Ordinal))
            {
                sink.Add(new Pending(DiffRules.OperationIdChanged, rPtr + "/operationId", false, "operationId changed from '" + bOp.OperationId + "' to '" + rOp.OperationId + "'"));
            }
            CompareParameters(bKey, bItem, bOp, bPtr, rKey, rItem, rOp, rPtr, sink);
            CompareRequestBody(bOp, bPtr, rOp, rPtr, sink);
            CompareResponses(bOp, bPtr, rOp, rPtr, sink);
            CompareSecurity(bOp, bPtr, rOp, rPtr, sink);
            foreach (var p in sink) Add(p.Rule, method, rKey, p.Pointer, p.InBase, p.Message);
        }

        // ---- parameters ----

        private sealed class Param
        {
            public Param(IOpenApiParameter p, string pointer, string key)
            {
                P = p;
                Pointer = pointer;
                Key = key;
            }

            public IOpenApiParameter P { get; }
            public string Pointer { get; }
            public string Key { get; }
            public ParameterLocation In => P.In ?? ParameterLocation.Query;
            public string Name => P.Name ?? string.Empty;
            public bool Required => P.Required || In == ParameterLocation.Path;
            public string Describe => Location(In) + " parameter '" + Name + "'";
        }

        private static string Location(ParameterLocation? l) => l switch
        {
            ParameterLocation.Path => "path",
            ParameterLocation.Header => "header",
            ParameterLocation.Cookie => "cookie",
            _ => "query",
        };

        private static List<Param> MergedParameters(string path, IOpenApiPathItem item, OpenApiOperation op, string opPtr)
        {
            var merged = new List<Param>();
            var templateNames = s_template.Matches(path).Cast<Match>().Select(m => m.Value.Substring(1, m.Value.Length - 2)).ToList();
            void AddAll(IList<IOpenApiParameter>? list, string basePtr)
            {
                if (list is null) return;
                for (int i = 0; i < list.Count; i++)
                {
                    var p = list[i];
                    if (p?.Name is null) continue;
                    string key;
                    if (p.In == ParameterLocation.Path)
                    {
                        // Path parameters are matched by position: renaming {id} to {petId} changes nothing on the wire.
                        int index = templateNames.IndexOf(p.Name);
                        key = index >= 0 ? "path#" + index.ToString(CultureInfo.InvariantCulture) : "path:" + p.Name;
                    }
                    else
                    {
                        key = Location(p.In) + ":" + (p.In == ParameterLocation.Header ? p.Name.ToLowerInvariant() : p.Name);
                    }
                    var entry = new Param(p, basePtr + "/parameters/" + i.ToString(CultureInfo.InvariantCulture), key);
                    int existing = merged.FindIndex(m => m.Key == key);
                    if (existing >= 0) merged[existing] = entry;
                    else merged.Add(entry);
                }
            }
            AddAll(item.Parameters, "#/paths/" + Esc(path));
            AddAll(op.Parameters, opPtr);
            return merged;
        }

        private void CompareParameters(string bKey, IOpenApiPathItem bItem, OpenApiOperation bOp, string bPtr, string rKey, IOpenApiPathItem rItem, OpenApiOperation rOp, string rPtr, List<Pending> sink)
        {
            var bParams = MergedParameters(bKey, bItem, bOp, bPtr);
            var rParams = MergedParameters(rKey, rItem, rOp, rPtr);
            var removed = bParams.Where(b => rParams.All(r => r.Key != b.Key)).ToList();
            var added = rParams.Where(r => bParams.All(b => b.Key != r.Key)).ToList();
            foreach (var b in removed.ToList())
            {
                var moved = added.FirstOrDefault(a => string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase) && a.In != b.In);
                if (moved is null) continue;
                removed.Remove(b);
                added.Remove(moved);
                sink.Add(new Pending(DiffRules.ParameterLocationChanged, moved.Pointer + "/in", false,
                    "parameter '" + b.Name + "' moved from " + Location(b.In) + " to " + Location(moved.In) + "; clients send it in the old place"));
            }
            foreach (var b in removed)
            {
                sink.Add(new Pending(DiffRules.ParameterRemoved, b.Pointer, true, b.Describe + " was removed"));
            }
            foreach (var r in added)
            {
                sink.Add(r.Required
                    ? new Pending(DiffRules.NewRequiredParameter, r.Pointer, false, "new required " + r.Describe + "; existing clients do not send it")
                    : new Pending(DiffRules.NewOptionalParameter, r.Pointer, false, "new optional " + r.Describe));
            }
            foreach (var b in bParams)
            {
                var r = rParams.FirstOrDefault(x => x.Key == b.Key);
                if (r is null) continue;
                if (!b.Required && r.Required) sink.Add(new Pending(DiffRules.ParameterBecameRequired, r.Pointer + "/required", false, r.Describe + " became required"));
                if (b.Required && !r.Required) sink.Add(new Pending(DiffRules.ParameterBecameOptional, r.Pointer, false, r.Describe + " became optional"));
                var (bSchema, bSchemaPtr) = ParameterSchema(b);
                var (rSchema, rSchemaPtr) = ParameterSchema(r);
                if (b.P.Style != r.P.Style)
                {
                    sink.Add(new Pending(DiffRules.ParameterStyleChanged, r.Pointer + "/style", false, r.Describe + " style changed from " + Style(b.P.Style) + " to " + Style(r.P.Style)));
                }
                else if (b.P.Explode != r.P.Explode && IsStructured(Resolve(rSchema, rSchemaPtr).Schema))
                {
                    sink.Add(new Pending(DiffRules.ParameterExplodeChanged, r.Pointer + "/explode", false, r.Describe + " explode changed from " + b.P.Explode.ToString().ToLowerInvariant() + " to " + r.P.Explode.ToString().ToLowerInvariant()));
                }
                CompareSchema(bSchema, rSchema, bSchemaPtr, rSchemaPtr, Direction.Request, "request-parameter", r.Describe, string.Empty, false, sink, 0);
            }
        }

        private static string Style(ParameterStyle? s) => s?.ToString().ToLowerInvariant() ?? "(default)";

        private static (IOpenApiSchema? Schema, string Pointer) ParameterSchema(Param p)
        {
            if (p.P.Schema is not null) return (p.P.Schema, p.Pointer + "/schema");
            if (p.P.Content is { Count: > 0 } content)
            {
                var first = content.First();
                return (first.Value?.Schema, p.Pointer + "/content/" + Esc(first.Key) + "/schema");
            }
            return (null, p.Pointer);
        }

        private static bool IsStructured(IOpenApiSchema? s)
            => s is null || s.Type is not JsonSchemaType t || (t & (JsonSchemaType.Array | JsonSchemaType.Object)) != 0;

        // ---- request bodies ----

        private static string MediaKey(string mediaType)
        {
            int semi = mediaType.IndexOf(';');
            return (semi >= 0 ? mediaType.Substring(0, semi) : mediaType).Trim().ToLowerInvariant();
        }

        private static Dictionary<string, (string Raw, IOpenApiMediaType? Media)> Media(IDictionary<string, IOpenApiMediaType>? content)
        {
            var map = new Dictionary<string, (string, IOpenApiMediaType?)>(StringComparer.Ordinal);
            if (content is null) return map;
            foreach (var c in content)
            {
                string key = MediaKey(c.Key);
                if (!map.ContainsKey(key)) map[key] = (c.Key, c.Value);
            }
            return map;
        }

        private static bool Covers(Dictionary<string, (string Raw, IOpenApiMediaType? Media)> types, string mediaType)
        {
            if (types.ContainsKey("*/*")) return true;
            int slash = mediaType.IndexOf('/');
            return slash > 0 && types.ContainsKey(mediaType.Substring(0, slash) + "/*");
        }

        private void CompareRequestBody(OpenApiOperation bOp, string bPtr, OpenApiOperation rOp, string rPtr, List<Pending> sink)
        {
            var b = bOp.RequestBody;
            var r = rOp.RequestBody;
            if (b is null && r is null) return;
            if (b is null)
            {
                sink.Add(r!.Required
                    ? new Pending(DiffRules.RequestBodyAddedRequired, rPtr + "/requestBody", false, "a required request body was added; existing clients send none")
                    : new Pending(DiffRules.RequestBodyAddedOptional, rPtr + "/requestBody", false, "an optional request body was added"));
                return;
            }
            if (r is null)
            {
                sink.Add(new Pending(DiffRules.RequestBodyRemoved, bPtr + "/requestBody", true, "the request body was removed"));
                return;
            }
            if (!b.Required && r.Required) sink.Add(new Pending(DiffRules.RequestBodyBecameRequired, rPtr + "/requestBody/required", false, "the request body became required"));
            if (b.Required && !r.Required) sink.Add(new Pending(DiffRules.RequestBodyBecameOptional, rPtr + "/requestBody", false, "the request body became optional"));
            var bm = Media(b.Content);
            var rm = Media(r.Content);
            foreach (var pair in bm)
            {
                string bMediaPtr = bPtr + "/requestBody/content/" + Esc(pair.Value.Raw);
                if (!rm.TryGetValue(pair.Key, out var rv))
                {
                    if (!Covers(rm, pair.Key)) sink.Add(new Pending(DiffRules.RequestMediaTypeRemoved, bMediaPtr, true, "request media type '" + pair.Key + "' is no longer accepted"));
                    continue;
                }
                string label = bm.Count > 1 ? "request body (" + pair.Key + ")" : "request body";
                CompareSchema(pair.Value.Media?.Schema, rv.Media?.Schema, bMediaPtr + "/schema", rPtr + "/requestBody/content/" + Esc(rv.Raw) + "/schema", Direction.Request, "request-body", label, string.Empty, false, sink, 0);
            }
            foreach (var pair in rm)
            {
                if (!bm.ContainsKey(pair.Key)) sink.Add(new Pending(DiffRules.RequestMediaTypeAdded, rPtr + "/requestBody/content/" + Esc(pair.Value.Raw), false, "request media type '" + pair.Key + "' was added"));
            }
        }

        // ---- responses ----

        private static bool IsSuccess(string status) => status.StartsWith("2", StringComparison.Ordinal);

        private void CompareResponses(OpenApiOperation bOp, string bPtr, OpenApiOperation rOp, string rPtr, List<Pending> sink)
        {
            var b = bOp.Responses;
            var r = rOp.Responses;
            if (b is null) return;
            foreach (var pair in b)
            {
                string status = pair.Key;
                string bRespPtr = bPtr + "/responses/" + Esc(status);
                if (r is null || !r.TryGetValue(status, out var rResp) || rResp is null)
                {
                    // 200 folded into 2XX still matches what a client expects.
                    string family = status.Length == 3 ? status.Substring(0, 1) + "XX" : status;
                    if (r is not null && (r.ContainsKey(family) || r.ContainsKey(family.ToLowerInvariant()))) continue;
                    sink.Add(IsSuccess(status)
                        ? new Pending(DiffRules.SuccessStatusRemoved, bRespPtr, true, "success response " + status + " was removed")
                        : new Pending(DiffRules.NonSuccessStatusRemoved, bRespPtr, true, "response " + status + " was removed"));
                    continue;
                }
                string rRespPtr = rPtr + "/responses/" + Esc(status);
                var bm = Media(pair.Value?.Content);
                var rm = Media(rResp.Content);
                foreach (var m in bm)
                {
                    string bMediaPtr = bRespPtr + "/content/" + Esc(m.Value.Raw);
                    if (!rm.TryGetValue(m.Key, out var rv))
                    {
                        if (IsSuccess(status) && !Covers(rm, m.Key))
                        {
                            sink.Add(new Pending(DiffRules.ResponseMediaTypeRemoved, bMediaPtr, true, "response " + status + " no longer returns '" + m.Key + "'"));
                        }
                        continue;
                    }
                    string label = "response " + status + (bm.Count > 1 ? " (" + m.Key + ")" : string.Empty);
                    CompareSchema(m.Value.Media?.Schema, rv.Media?.Schema, bMediaPtr + "/schema", rRespPtr + "/content/" + Esc(rv.Raw) + "/schema", Direction.Response, "response-body", label, string.Empty, false, sink, 0);
                }
                foreach (var m in rm)
                {
                    if (!bm.ContainsKey(m.Key)) sink.Add(new Pending(DiffRules.ResponseMediaTypeAdded, rRespPtr + "/content/" + Esc(m.Value.Raw), false, "response " + status + " may return '" + m.Key + "'"));
                }
            }
            if (r is null) return;
            foreach (var pair in r)
            {
                if (b.ContainsKey(pair.Key)) continue;
                sink.Add(IsSuccess(pair.Key)
                    ? new Pending(DiffRules.SuccessStatusAdded, rPtr + "/responses/" + Esc(pair.Key), false, "success response " + pair.Key + " was added")
                    : new Pending(DiffRules.NonSuccessStatusAdded, rPtr + "/responses/" + Esc(pair.Key), false, "response " + pair.Key + " was added"));
            }
        }

        // ---- security ----

        private static List<Dictionary<string, HashSet<string>>> Alternatives(IList<OpenApiSecurityRequirement>? requirements)
        {
            var list = new List<Dictionary<string, HashSet<string>>>();
            if (requirements is null) return list;
            foreach (var requirement in requirements)
            {
                var alt = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
                if (requirement is not null)
                {
                    foreach (var pair in requirement)
                    {
                        string? name;
                        try
                        {
                            name = pair.Key?.Reference?.Id;
                        }
                        catch (Exception)
                        {
                            name = null;
                        }
                        if (name is null) continue;
                        alt[name] = new HashSet<string>(pair.Value ?? new List<string>(), StringComparer.Ordinal);
                    }
                }
                list.Add(alt);
            }
            return list;
        }

        private static string Show(Dictionary<string, HashSet<string>> alt)
            => alt.Count == 0 ? "no credentials" : string.Join(" + ", alt.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value.Count == 0 ? p.Key : p.Key + " [" + string.Join(", ", p.Value.OrderBy(s => s, StringComparer.Ordinal)) + "]"));

        private void CompareSecurity(OpenApiOperation bOp, string bPtr, OpenApiOperation rOp, string rPtr, List<Pending> sink)
        {
            var b = Alternatives(bOp.Security ?? _b.Security);
            var r = Alternatives(rOp.Security ?? _r.Security);
            string rSecPtr = rOp.Security is not null ? rPtr + "/security" : "#/security";
            bool bAnon = b.Count == 0 || b.Any(a => a.Count == 0);
            bool rAnon = r.Count == 0 || r.Any(a => a.Count == 0);
            if (bAnon && !rAnon)
            {
                sink.Add(new Pending(DiffRules.SecurityAdded, rSecPtr, false, "the operation now requires credentials (" + string.Join(" or ", r.Select(Show)) + ")"));
                return;
            }
            if (!bAnon && rAnon)
            {
                // Nothing left to point at in the revision when its requirements are gone: point at the base's.
                bool gone = rOp.Security is null && _r.Security is null;
                string bSecPtr = bOp.Security is not null ? bPtr + "/security" : "#/security";
                sink.Add(new Pending(DiffRules.SecurityRemoved, gone ? bSecPtr : rSecPtr, gone, "the operation now takes calls without credentials"));
                return;
            }
            if (bAnon) return;
            bool broke = false;
            foreach (var a in b)
            {
                bool Satisfies(Dictionary<string, HashSet<string>> need) => need.All(n => a.TryGetValue(n.Key, out var scopes) && n.Value.IsSubsetOf(scopes));
                if (r.Any(Satisfies)) continue;
                broke = true;
                var sameSchemes = r.FirstOrDefault(x => x.Keys.All(a.ContainsKey));
                var superset = r.FirstOrDefault(x => a.Keys.All(x.ContainsKey));
                if (sameSchemes is not null)
                {
                    var extra = sameSchemes.SelectMany(p => p.Value.Where(s => !a.TryGetValue(p.Key, out var have) || !have.Contains(s)).Select(s => p.Key + ":" + s)).ToList();
                    sink.Add(new Pending(DiffRules.SecurityScopeAdded, rSecPtr, false, "callers with " + Show(a) + " now also need scope(s) " + string.Join(", ", extra)));
                }
                else if (superset is not null)
                {
                    sink.Add(new Pending(DiffRules.SecurityAdded, rSecPtr, false, "callers with " + Show(a) + " now also need " + string.Join(" + ", superset.Keys.Where(k => !a.ContainsKey(k)).OrderBy(k => k, StringComparer.Ordinal))));
                }
                else
                {
                    sink.Add(new Pending(DiffRules.SecuritySchemeRemovedFromOperation, rSecPtr, false, Show(a) + " is no longer accepted (now: " + string.Join(" or ", r.Select(Show)) + ")"));
                }
            }
            if (broke) return;
            foreach (var x in r)
            {
                if (!b.Any(a => a.Count == x.Count && a.Keys.All(x.ContainsKey)))
                {
                    sink.Add(new Pending(DiffRules.SecurityAlternativeAdded, rSecPtr, false, Show(x) + " is now accepted too"));
                }
            }
        }

        // ---- schemas ----

        private (IOpenApiSchema? Schema, string Pointer, string? RefId) Resolve(IOpenApiSchema? schema, string pointer)
        {
            if (schema is OpenApiSchemaReference reference)
            {
                if (!_targets.TryGetValue(reference, out var target))
                {
                    try
                    {
                        target = reference.Target;
                    }
                    catch (Exception)
                    {
                        target = null;
                    }
                    _targets[reference] = target;
                }
                string? id;
                try
                {
                    id = reference.Reference?.Id;
                }
                catch (Exception)
                {
                    id = null;
                }
                return id is null ? (target, pointer, null) : (target, "#/components/schemas/" + Esc(id), id);
            }
            return (schema, pointer, null);
        }

        private static string Place(string place, bool nested) => !nested ? place : place switch
        {
            "request-body" => "request-property",
            "response-body" => "response-property",
            _ => place,
        };

        private static string Subject(Direction dir, string place, string label, string propPath)
        {
            if (propPath.Length == 0) return label;
            return place == "request-parameter" ? label + " property '" + propPath + "'" : (dir == Direction.Request ? "request" : "response") + " property '" + propPath + "'";
        }

        private void CompareSchema(IOpenApiSchema? b, IOpenApiSchema? r, string bPtr, string rPtr, Direction dir, string place, string label, string propPath, bool nested, List<Pending> sink, int depth)
        {
            if (b is null || r is null || depth > MaxDepth) return;
            _ct.ThrowIfCancellationRequested();
            var (bs, bp, bId) = Resolve(b, bPtr);
            var (rs, rp, rId) = Resolve(r, rPtr);
            if (bs is null || rs is null) return;
            string subject = Subject(dir, place, label, propPath);
            OwnChecks(bs, rs, bp, rp, dir, Place(place, nested), subject, sink);
            if (bId is not null && rId is not null)
            {
                // What is inside a referenced schema is compared once per pair and direction, then reported at each use
                // (per parameter for parameters, whose messages name the parameter).
                var key = (bId, rId, dir, place == "request-parameter" ? label : string.Empty);
                if (!_memo.TryGetValue(key, out var children))
                {
                    if (!_inProgress.Add(key)) return;
                    children = new List<Pending>();
                    Children(bs, rs, bp, rp, dir, place, label, rId, children, depth + 1);
                    _inProgress.Remove(key);
                    _memo[key] = children;
                }
                sink.AddRange(children);
                return;
            }
            Children(bs, rs, bp, rp, dir, place, label, propPath, sink, depth + 1);
        }

        private static JsonSchemaType TypeOf(IOpenApiSchema s) => (s.Type ?? 0) & ~JsonSchemaType.Null;

        private static bool Nullable(IOpenApiSchema s) => s.Type is JsonSchemaType t && (t & JsonSchemaType.Null) != 0;

        /// <summary>Whether every value of <paramref name="narrow"/> is a value of <paramref name="wide"/> (integers are numbers).</summary>
        private static bool Accepts(JsonSchemaType wide, JsonSchemaType narrow)
        {
            if ((wide & JsonSchemaType.Number) != 0) wide |= JsonSchemaType.Integer;
            return (narrow & ~wide) == 0;
        }

        private static string Types(JsonSchemaType t)
        {
            var names = new List<string>();
            foreach (JsonSchemaType v in Enum.GetValues(typeof(JsonSchemaType)))
            {
                if (v != 0 && (t & v) == v && v != JsonSchemaType.Null) names.Add(v.ToString().ToLowerInvariant());
            }
            return string.Join("|", names);
        }

        private static readonly HashSet<(string Narrow, string Wide)> s_widerFormats = new HashSet<(string, string)>
        {
            ("int32", "int64"), ("float", "double"), ("int32", "double"), ("int64", "double"), ("int32", "float"),
        };

        private static void OwnChecks(IOpenApiSchema b, IOpenApiSchema r, string bPtr, string rPtr, Direction dir, string place, string subject, List<Pending> sink)
        {
            void Emit(string suffix, string pointer, string message)
                => sink.Add(new Pending(DiffRules.Get(place + "-" + suffix), pointer, false, subject + ": " + message));
            bool request = dir == Direction.Request;
            var bt = TypeOf(b);
            var rt = TypeOf(r);
            if (bt != 0 && rt != 0 && bt != rt)
            {
                // A parameter travels as text: a string parameter takes every integer, number or boolean clients sent.
                bool asText = place == "request-parameter" && rt == JsonSchemaType.String
                    && (bt & ~(JsonSchemaType.Integer | JsonSchemaType.Number | JsonSchemaType.Boolean)) == 0;
                bool compatible = asText || (request ? Accepts(rt, bt) : Accepts(bt, rt));
                Emit(compatible ? "type-generalized" : "type-changed", rPtr + "/type", "type changed from " + Types(bt) + " to " + Types(rt));
                if (!compatible) return;
            }
            string? bf = string.IsNullOrEmpty(b.Format) ? null : b.Format, rf = string.IsNullOrEmpty(r.Format) ? null : r.Format;
            if (!string.Equals(bf, rf, StringComparison.Ordinal))
            {
                bool breaking = request
                    ? rf is not null && !(bf is not null && s_widerFormats.Contains((bf, rf)))
                    : bf is not null && !(rf is not null && s_widerFormats.Contains((rf, bf)));
                if (breaking) Emit("format-changed", rf is null ? rPtr : rPtr + "/format", "format changed from " + (bf ?? "(none)") + " to " + (rf ?? "(none)"));
            }
            if (request && Nullable(b) && !Nullable(r)) Emit("became-not-nullable", rPtr, "null is no longer accepted");
            if (!request && !Nullable(b) && Nullable(r) && bt != 0) Emit("became-nullable", rPtr, "may now be null");

            if (b.Enum is { Count: > 0 } be && r.Enum is { Count: > 0 } re)
            {
                var bv = be.Select(EnumValue).ToList();
                var rv = re.Select(EnumValue).ToList();
                var rSet = new HashSet<string>(rv, StringComparer.Ordinal);
                var bSet = new HashSet<string>(bv, StringComparer.Ordinal);
                foreach (var v in bv.Distinct().Where(v => !rSet.Contains(v)))
                {
                    Emit("enum-value-removed", rPtr + "/enum", "enum value " + v + " was removed");
                }
                foreach (var v in rv.Distinct().Where(v => !bSet.Contains(v)))
                {
                    Emit("enum-value-added", rPtr + "/enum", "enum value " + v + " was added");
                }
            }
            if (!request) return;

            decimal? bMax = Number(b.Maximum), rMax = Number(r.Maximum), bMin = Number(b.Minimum), rMin = Number(r.Minimum);
            if (rMax is decimal rmx)
            {
                if (bMax is null) Emit("max-set", rPtr + "/maximum", "maximum " + Show(rmx) + " was set");
                else if (rmx < bMax) Emit("max-decreased", rPtr + "/maximum", "maximum decreased from " + Show(bMax.Value) + " to " + Show(rmx));
            }
            if (rMin is decimal rmn)
            {
                if (bMin is null) Emit("min-set", rPtr + "/minimum", "minimum " + Show(rmn) + " was set");
                else if (rmn > bMin) Emit("min-increased", rPtr + "/minimum", "minimum increased from " + Show(bMin.Value) + " to " + Show(rmn));
            }
            if (r.MaxLength is int rml)
            {
                if (b.MaxLength is not int bml) Emit("max-length-set", rPtr + "/maxLength", "maxLength " + rml + " was set");
                else if (rml < bml) Emit("max-length-decreased", rPtr + "/maxLength", "maxLength decreased from " + bml + " to " + rml);
            }
            if ((r.MinLength ?? 0) > (b.MinLength ?? 0)) Emit("min-length-increased", rPtr + "/minLength", "minLength increased from " + (b.MinLength ?? 0) + " to " + r.MinLength);
            if (r.MaxItems is int rmi && (b.MaxItems is not int bmi || rmi < bmi)) Emit("max-items-decreased", rPtr + "/maxItems", "maxItems decreased from " + (b.MaxItems?.ToString(CultureInfo.InvariantCulture) ?? "(none)") + " to " + rmi);
            if ((r.MinItems ?? 0) > (b.MinItems ?? 0)) Emit("min-items-increased", rPtr + "/minItems", "minItems increased from " + (b.MinItems ?? 0) + " to " + r.MinItems);
            string? bpat = string.IsNullOrEmpty(b.Pattern) ? null : b.Pattern, rpat = string.IsNullOrEmpty(r.Pattern) ? null : r.Pattern;
            if (rpat is not null && bpat is null) Emit("pattern-added", rPtr + "/pattern", "pattern '" + rpat + "' was added");
            else if (rpat is not null && !string.Equals(bpat, rpat, StringComparison.Ordinal)) Emit("pattern-changed", rPtr + "/pattern", "pattern changed from '" + bpat + "' to '" + rpat + "'");
        }

        private static string EnumValue(System.Text.Json.Nodes.JsonNode? node) => node?.ToJsonString() ?? "null";

        private static decimal? Number(object? value)
        {
            string? text = value switch
            {
                null => null,
                string s => s,
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            return text is not null && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
        }

        private static string Show(decimal d) => d.ToString(CultureInfo.InvariantCulture);

        private sealed class Prop
        {
            public Prop(IOpenApiSchema schema, string pointer)
            {
                Schema = schema;
                Pointer = pointer;
            }

            public IOpenApiSchema Schema { get; }
            public string Pointer { get; }
        }

        /// <summary>Properties and required names of an object schema, with those its allOf parts bring in.</summary>
        private void Flatten(IOpenApiSchema s, string ptr, Dictionary<string, Prop> props, HashSet<string> required, HashSet<string> visited, int depth)
        {
            if (depth > MaxDepth) return;
            if (s.Properties is not null)
            {
                foreach (var p in s.Properties)
                {
                    if (p.Value is not null && !props.ContainsKey(p.Key)) props[p.Key] = new Prop(p.Value, ptr + "/properties/" + Esc(p.Key));
                }
            }
            if (s.Required is not null) required.UnionWith(s.Required);
            if (s.AllOf is null) return;
            for (int i = 0; i < s.AllOf.Count; i++)
            {
                var (part, partPtr, id) = Resolve(s.AllOf[i], ptr + "/allOf/" + i.ToString(CultureInfo.InvariantCulture));
                if (part is null || (id is not null && !visited.Add(id))) continue;
                Flatten(part, partPtr, props, required, visited, depth + 1);
            }
        }

        private static bool Hidden(IOpenApiSchema s, Direction dir) => dir == Direction.Request ? s.ReadOnly : s.WriteOnly;

        private bool HiddenResolved(IOpenApiSchema s, Direction dir) => Hidden(s, dir) || (Resolve(s, string.Empty).Schema is IOpenApiSchema t && Hidden(t, dir));

        private void Children(IOpenApiSchema b, IOpenApiSchema r, string bPtr, string rPtr, Direction dir, string place, string label, string propPath, List<Pending> sink, int depth)
        {
            if (depth > MaxDepth) return;
            bool request = dir == Direction.Request;
            var bProps = new Dictionary<string, Prop>(StringComparer.Ordinal);
            var rProps = new Dictionary<string, Prop>(StringComparer.Ordinal);
            var bReq = new HashSet<string>(StringComparer.Ordinal);
            var rReq = new HashSet<string>(StringComparer.Ordinal);
            Flatten(b, bPtr, bProps, bReq, new HashSet<string>(StringComparer.Ordinal), 0);
            Flatten(r, rPtr, rProps, rReq, new HashSet<string>(StringComparer.Ordinal), 0);
            string Path(string name) => propPath.Length == 0 ? name : propPath + "." + name;
            string What(string name) => Subject(dir, place, label, Path(name));
            bool parameter = place == "request-parameter";
            if (bProps.Count > 0 || rProps.Count > 0)
            {
                foreach (var pair in rProps)
                {
                    if (bProps.ContainsKey(pair.Key) || HiddenResolved(pair.Value.Schema, dir)) continue;
                    bool req = rReq.Contains(pair.Key);
                    if (request && !parameter)
                    {
                        sink.Add(req
                            ? new Pending(DiffRules.NewRequiredRequestProperty, pair.Value.Pointer, false, "new required " + What(pair.Key) + "; existing clients do not send it")
                            : new Pending(DiffRules.NewOptionalRequestProperty, pair.Value.Pointer, false, "new optional " + What(pair.Key)));
                    }
                    else if (!request)
                    {
                        sink.Add(new Pending(DiffRules.ResponsePropertyAdded, pair.Value.Pointer, false, What(pair.Key) + " was added"));
                    }
                }
                foreach (var pair in bProps)
                {
                    if (HiddenResolved(pair.Value.Schema, dir)) continue;
                    if (!rProps.TryGetValue(pair.Key, out var rProp))
                    {
                        if (request && !parameter) sink.Add(new Pending(DiffRules.RequestPropertyRemoved, pair.Value.Pointer, true, What(pair.Key) + " was removed"));
                        else if (!request)
                        {
                            sink.Add(bReq.Contains(pair.Key)
                                ? new Pending(DiffRules.ResponseRequiredPropertyRemoved, pair.Value.Pointer, true, "required " + What(pair.Key) + " was removed; clients expect it")
                                : new Pending(DiffRules.ResponseOptionalPropertyRemoved, pair.Value.Pointer, true, What(pair.Key) + " was removed"));
                        }
                        continue;
                    }
                    bool wasRequired = bReq.Contains(pair.Key), isRequired = rReq.Contains(pair.Key);
                    if (request && !parameter)
                    {
                        if (!wasRequired && isRequired) sink.Add(new Pending(DiffRules.RequestPropertyBecameRequired, rProp.Pointer, false, What(pair.Key) + " became required"));
                        if (wasRequired && !isRequired) sink.Add(new Pending(DiffRules.RequestPropertyBecameOptional, rProp.Pointer, false, What(pair.Key) + " became optional"));
                    }
                    else if (!request)
                    {
                        if (wasRequired && !isRequired) sink.Add(new Pending(DiffRules.ResponsePropertyBecameOptional, rProp.Pointer, false, What(pair.Key) + " became optional; clients may rely on it being there"));
                        if (!wasRequired && isRequired) sink.Add(new Pending(DiffRules.ResponsePropertyBecameRequired, rProp.Pointer, false, What(pair.Key) + " became required"));
                    }
                    CompareSchema(pair.Value.Schema, rProp.Schema, pair.Value.Pointer, rProp.Pointer, dir, place, label, Path(pair.Key), true, sink, depth + 1);
                }
            }
            if (b.Items is not null && r.Items is not null)
            {
                CompareSchema(b.Items, r.Items, bPtr + "/items", rPtr + "/items", dir, place, label, (propPath.Length == 0 ? "items" : propPath) + "[]", true, sink, depth + 1);
            }
            if (b.AdditionalProperties is not null && r.AdditionalProperties is not null)
            {
                CompareSchema(b.AdditionalProperties, r.AdditionalProperties, bPtr + "/additionalProperties", rPtr + "/additionalProperties", dir, place, label, (propPath.Length == 0 ? "values" : propPath) + "{}", true, sink, depth + 1);
            }
            CompareVariants(b.OneOf, r.OneOf, bPtr + "/oneOf/", rPtr + "/oneOf/", dir, place, label, propPath, sink, depth);
            CompareVariants(b.AnyOf, r.AnyOf, bPtr + "/anyOf/", rPtr + "/anyOf/", dir, place, label, propPath, sink, depth);
        }

        private void CompareVariants(IList<IOpenApiSchema>? b, IList<IOpenApiSchema>? r, string bPtr, string rPtr, Direction dir, string place, string label, string propPath, List<Pending> sink, int depth)
        {
            if (b is not { Count: > 0 } || r is not { Count: > 0 }) return;
            for (int i = 0; i < b.Count; i++)
            {
                int j = -1;
                if (b[i] is OpenApiSchemaReference br)
                {
                    string? id = Resolve(br, string.Empty).RefId;
                    for (int k = 0; k < r.Count && id is not null; k++)
                    {
                        if (r[k] is OpenApiSchemaReference rr && Resolve(rr, string.Empty).RefId == id) { j = k; break; }
                    }
                }
                else if (b.Count == r.Count && r[i] is not OpenApiSchemaReference)
                {
                    j = i;
                }
                if (j < 0) continue;
                CompareSchema(b[i], r[j], bPtr + i.ToString(CultureInfo.InvariantCulture), rPtr + j.ToString(CultureInfo.InvariantCulture), dir, place, label, propPath, true, sink, depth + 1);
            }
        }
    }

    /// <summary>Compares references by identity (netstandard2.0 has no ReferenceEqualityComparer).</summary>
    internal sealed class IdentityComparer : IEqualityComparer<OpenApiSchemaReference>
    {
        public static readonly IdentityComparer Instance = new IdentityComparer();

        public bool Equals(OpenApiSchemaReference? x, OpenApiSchemaReference? y) => ReferenceEquals(x, y);

        public int GetHashCode(OpenApiSchemaReference obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
