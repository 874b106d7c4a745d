using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Portico.CodeGeneration.Diagnostics;
using Portico.CodeGeneration.Model;

namespace Portico.CodeGeneration.Documents
{
    /// <summary>A stage an overlay declares with <c>x-portico-stage: { name, variables }</c> at its root.</summary>
    public sealed record StageDeclaration(string Name, EquatableArray<SourceFile> Variables)
    {
        public string? Variable(string name)
        {
            foreach (var v in Variables)
            {
                if (v.Path == name) return v.Text;
            }
            return null;
        }
    }

    /// <summary>
    /// An OpenAPI Overlay 1.0 document: actions whose <c>target</c> (JSONPath) selects nodes to <c>update</c> (deep merge:
    /// objects merge key by key, any other value replaces; on an array the update is appended) or <c>remove</c>.
    /// </summary>
    public sealed class Overlay
    {
        private readonly List<(string Target, JsonPathQuery? Query, JsonNode? Update, bool Remove, string Pointer)> _actions = new();
        private readonly List<Located.Pending> _pending = new();

        private Overlay(SourceFile file) => File = file;

        public SourceFile File { get; }

        /// <summary>The stage this overlay declares, or null for an overlay every stage shares.</summary>
        public StageDeclaration? Stage { get; private set; }

        /// <summary>Whether the overlay could be read (unreadable overlays apply nothing).</summary>
        public bool Usable { get; private set; }

        /// <summary>Problems found reading the overlay, located in it.</summary>
        public List<DiagnosticInfo> ReadDiagnostics { get; private set; } = new List<DiagnosticInfo>();

        public static Overlay Read(SourceFile file)
        {
            var overlay = new Overlay(file);
            overlay.Parse();
            overlay.ReadDiagnostics = Located.Resolve(file.Path, file.Text, overlay._pending);
            overlay._pending.Clear();
            return overlay;
        }

        private void Parse()
        {
            var root = JsonTree.Parse(File.Text, out var error, out int line, out int column);
            if (root is null)
            {
                _pending.Add(new Located.Pending(DiagnosticCatalog.OverlayUnreadable, Reading.SourceLocator.AtPosition(line, column), string.IsNullOrWhiteSpace(File.Text) ? "the file is empty" : "it is not valid JSON or YAML: " + error));
                return;
            }
            if (root is not JsonObject o)
            {
                _pending.Add(new Located.Pending(DiagnosticCatalog.OverlayUnreadable, string.Empty, "it is not an object with 'overlay' and 'actions'"));
                return;
            }
            string? version = JsonTree.AsString(o["overlay"]) ?? o["overlay"]?.ToJsonString();
            if (version is null)
            {
                _pending.Add(new Located.Pending(DiagnosticCatalog.OverlayUnreadable, string.Empty, "it has no 'overlay' version field, so it is not an Overlay document"));
                return;
            }
            if (!System.Text.RegularExpressions.Regex.IsMatch(version, @"^1\.0\.\d+$"))
            {
                _pending.Add(new Located.Pending(DiagnosticCatalog.OverlayVersion, "/overlay", version));
                return;
            }
            if (o["x-portico-stage"] is JsonNode stageNode)
            {
                string? name = stageNode is JsonObject so ? JsonTree.AsString(so["name"]) : JsonTree.AsString(stageNode);
                if (string.IsNullOrWhiteSpace(name) || !System.Text.RegularExpressions.Regex.IsMatch(name!, @"^[A-Za-z0-9_$-]{1,128}$"))
                {
                    _pending.Add(new Located.Pending(DiagnosticCatalog.OverlayUnreadable, "/x-portico-stage", "x-portico-stage needs a 'name' of letters, digits, '-' or '_' (at most 128), as API Gateway stage names"));
                }
                else
                {
                    var vars = new List<SourceFile>();
                    if (stageNode is JsonObject so2 && so2["variables"] is JsonObject vo)
                    {
                        foreach (var p in vo)
                        {
                            string? value = JsonTree.AsString(p.Value) ?? (p.Value is JsonValue ? p.Value.ToJsonString() : null);
                            if (value is null)
                            {
                                _pending.Add(new Located.Pending(DiagnosticCatalog.OverlayUnreadable, "/x-portico-stage/variables/" + Reading.SourceLocator.Escape(p.Key), "stage variable '" + p.Key + "' must be a string"));
                                continue;
                            }
                            vars.Add(new SourceFile(p.Key, value));
                        }
                    }
                    Stage = new StageDeclaration(name!, vars.OrderBy(v => v.Path, StringComparer.Ordinal).ToEquatableArray());
                }
            }
            if (o["actions"] is not JsonArray actions)
            {
                _pending.Add(new Located.Pending(DiagnosticCatalog.OverlayUnreadable, o.ContainsKey("actions") ? "/actions" : string.Empty, "'actions' must be a list of actions"));
                return;
            }
            Usable = true;
            for (int i = 0; i < actions.Count; i++)
            {
                string pointer = "/actions/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (actions[i] is not JsonObject a)
                {
                    _pending.Add(new Located.Pending(DiagnosticCatalog.OverlayInvalidAction, pointer, "#" + (i + 1), "an action is an object with 'target' and 'update' or 'remove'"));
                    continue;
                }
                string? target = JsonTree.AsString(a["target"]);
                if (target is null)
                {
                    _pending.Add(new Located.Pending(DiagnosticCatalog.OverlayInvalidAction, pointer, "#" + (i + 1), "it has no 'target'"));
                    continue;
                }
                JsonPathQuery? query;
                try
                {
                    query = JsonPathQuery.Parse(target);
                }
                catch (FormatException ex)
                {
                    _pending.Add(new Located.Pending(DiagnosticCatalog.OverlayInvalidTarget, pointer + "/target", target, ex.Message));
                    continue;
                }
                bool remove = a["remove"] is JsonValue rv && rv.GetValueKind() == System.Text.Json.JsonValueKind.True;
                bool hasUpdate = a.ContainsKey("update");
                if (!remove && !hasUpdate)
                {
                    _pending.Add(new Located.Pending(DiagnosticCatalog.OverlayInvalidAction, pointer, target, "it has neither 'update' nor 'remove: true'"));
                    continue;
                }
                _actions.Add((target, query, a["update"], remove, pointer));
            }
        }

        /// <summary>Applies the actions in order to <paramref name="document"/> (changed in place); returns problems located in the overlay.</summary>
        public List<DiagnosticInfo> Apply(JsonNode document)
        {
            var pending = new List<Located.Pending>();
            foreach (var (target, query, update, remove, pointer) in _actions)
            {
                var matches = query!.Select(document);
                if (matches.Count == 0)
                {
                    pending.Add(new Located.Pending(DiagnosticCatalog.OverlayNoMatch, pointer + "/target", target));
                    continue;
                }
                if (remove)
                {
                    // Remove from the end so that array indexes stay valid.
                    foreach (var m in matches.AsEnumerable().Reverse())
                    {
                        if (m.Parent is JsonObject po && m.Key is not null) po.Remove(m.Key);
                        else if (m.Parent is JsonArray pa && m.Index >= 0 && m.Index < pa.Count) pa.RemoveAt(m.Index);
                        else pending.Add(new Located.Pending(DiagnosticCatalog.OverlayInvalidAction, pointer + "/remove", target, "the document root cannot be removed"));
                    }
                    continue;
                }
                foreach (var m in matches)
                {
                    if (m.Node is JsonObject to)
                    {
                        if (update is JsonObject uo) Merge(to, uo);
                        else pending.Add(new Located.Pending(DiagnosticCatalog.OverlayInvalidAction, pointer + "/update", target, "the target is an object, so 'update' must be an object to merge"));
                    }
                    else if (m.Node is JsonArray ta)
                    {
                        ta.Add(update?.DeepClone());
                    }
                    else
                    {
                        pending.Add(new Located.Pending(DiagnosticCatalog.OverlayInvalidAction, pointer + "/update", target, "it selects " + Describe(m.Node) + " at '" + m.Pointer + "'; 'update' needs an object or an array (target its parent instead)"));
                    }
                }
            }
            return Located.Resolve(File.Path, File.Text, pending);
        }

        private static string Describe(JsonNode? node) => node is null ? "null" : "a " + node.GetValueKind().ToString().ToLowerInvariant() + " value";

        /// <summary>Deep merge: objects merge key by key; arrays and scalars in the update replace what was there.</summary>
        public static void Merge(JsonObject target, JsonObject update)
        {
            foreach (var p in update.ToList())
            {
                if (p.Value is JsonObject uo && target[p.Key] is JsonObject to) Merge(to, uo);
                else target[p.Key] = p.Value?.DeepClone();
            }
        }
    }

    /// <summary>Turns pointer-located problems into diagnostics with file, line and column.</summary>
    internal static class Located
    {
        internal sealed record Pending(DiagnosticDescriptorInfo Descriptor, string Pointer, params string[] Args);

        public static List<DiagnosticInfo> Resolve(string path, string text, List<Pending> pending)
        {
            var result = new List<DiagnosticInfo>();
            if (pending.Count == 0) return result;
            var spans = Reading.SourceLocator.Locate(path, text, pending.Select(p => p.Pointer).Distinct().ToList());
            foreach (var p in pending)
            {
                var span = spans.TryGetValue(p.Pointer, out var s) ? s : SourceSpan.FileStart(path);
                result.Add(DiagnosticInfo.Create(p.Descriptor, span, p.Args));
            }
            return result;
        }
    }
}
