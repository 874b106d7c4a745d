using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Portico.CodeGeneration.Diagnostics;
using Portico.CodeGeneration.Model;

namespace Portico.CodeGeneration.Documents
{
    /// <summary>A stage known at build time: its name, its base URL (from the stage's servers) and its stage variables.</summary>
    public sealed record StageModel(string Name, string? BaseAddress, EquatableArray<SourceFile> Variables);

    /// <summary>A document after overlays, the stage and <c>x-portico-integration</c> expansion.</summary>
    public sealed record PreparedDocument(string Text, bool Changed, EquatableArray<DiagnosticInfo> Diagnostics, EquatableArray<StageModel> Stages, string? Stage)
    {
        /// <summary>The prepared tree (null when the document was handed on unchanged or could not be parsed).</summary>
        public JsonNode? Tree { get; init; }
    }

    /// <summary>
    /// Prepares a document before it is read: applies its overlays (those without <c>x-portico-stage</c> always, a stage's
    /// overlay only when that stage is selected), resolves the selected stage's <c>${stageVariables.x}</c>, and expands
    /// <c>x-portico-integration</c>. Pure: no disk, no network.
    /// </summary>
    public static class DocumentPreparer
    {
        private static readonly Regex s_stageVariable = new Regex(@"\$\{stageVariables\.([A-Za-z0-9_]+)\}", RegexOptions.Compiled);

        /// <summary>Whether a document needs preparing at all (overlays, or a short form in its text).</summary>
        public static bool NeedsPreparing(string text, IReadOnlyCollection<SourceFile> overlays, string? stage)
            => overlays.Count > 0 || !string.IsNullOrEmpty(stage) || text.IndexOf(IntegrationExpander.ShortForm, StringComparison.Ordinal) >= 0;

        public static PreparedDocument Prepare(string path, string text, IReadOnlyList<SourceFile> overlays, string? stage, string? apiType, bool forceTree = false, IReadOnlyList<string>? missingOverlays = null)
        {
            var diagnostics = new List<DiagnosticInfo>();
            foreach (var m in missingOverlays ?? Array.Empty<string>())
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.OverlayMissing, SourceSpan.FileStart(path), m));
            }
            if (!forceTree && !NeedsPreparing(text, overlays, stage))
            {
                return new PreparedDocument(text, false, diagnostics.ToEquatableArray(), EquatableArray<StageModel>.Empty, null);
            }
            var read = overlays.Select(Overlay.Read).ToList();
            foreach (var o in read) diagnostics.AddRange(o.ReadDiagnostics);
            var tree = JsonTree.Parse(text, out _, out _, out _) as JsonObject;
            if (tree is null)
            {
                // The reader reports the syntax error with its position.
                return new PreparedDocument(text, false, diagnostics.ToEquatableArray(), EquatableArray<StageModel>.Empty, null);
            }
            var specPending = new List<Located.Pending>();
            var declared = read.Where(o => o.Usable && o.Stage is not null).Select(o => o.Stage!.Name).Distinct(StringComparer.Ordinal).ToList();
            string? selected = string.IsNullOrWhiteSpace(stage) ? null : stage!.Trim();
            if (selected is not null && !declared.Contains(selected, StringComparer.Ordinal))
            {
                specPending.Add(new Located.Pending(DiagnosticCatalog.UnknownStage, string.Empty, selected, declared.Count == 0 ? "none" : string.Join(", ", declared)));
                selected = null;
            }

            // The stages every overlay declares, each with the base URL its servers give (for run-time selection).
            var stages = new List<StageModel>();
            foreach (var name in declared.OrderBy(n => n, StringComparer.Ordinal))
            {
                var copy = (JsonObject)tree.DeepClone();
                StageDeclaration? declaration = null;
                foreach (var o in read)
                {
                    if (!o.Usable || o.Stage is not null && o.Stage.Name != name) continue;
                    o.Apply(copy);
                    if (o.Stage is not null) declaration = o.Stage;
                }
                if (declaration is not null) ResolveStageVariables(copy, declaration, null);
                stages.Add(new StageModel(name, BaseAddress(copy), declaration?.Variables ?? EquatableArray<SourceFile>.Empty));
            }

            StageDeclaration? active = null;
            foreach (var o in read)
            {
                if (!o.Usable) continue;
                if (o.Stage is not null && o.Stage.Name != selected) continue;
                diagnostics.AddRange(o.Apply(tree));
                if (o.Stage is not null) active = o.Stage;
            }
            if (active is not null) ResolveStageVariables(tree, active, specPending);

            var flavour = IntegrationExpander.Flavour(tree, apiType);
            specPending.AddRange(IntegrationExpander.Expand(tree, flavour));
            diagnostics.AddRange(Located.Resolve(path, text, specPending));
            return new PreparedDocument(JsonTree.ToJson(tree), true, diagnostics.ToEquatableArray(), stages.ToEquatableArray(), active?.Name) { Tree = tree };
        }

        /// <summary>Replaces <c>${stageVariables.x}</c> in every string with the stage's value; unknown ones are reported and kept.</summary>
        private static void ResolveStageVariables(JsonNode node, StageDeclaration stage, List<Located.Pending>? problems)
        {
            var reported = new HashSet<string>(StringComparer.Ordinal);
            void Visit(JsonNode? n, string pointer, Action<JsonNode> replace)
            {
                switch (n)
                {
                    case JsonObject o:
                        foreach (var p in o.ToList())
                        {
                            var key = p.Key;
                            Visit(p.Value, JsonTree.Child(pointer, key), v => o[key] = v);
                        }
                        break;
                    case JsonArray a:
                        for (int i = 0; i < a.Count; i++)
                        {
                            int at = i;
                            Visit(a[i], JsonTree.Child(pointer, i), v => a[at] = v);
                        }
                        break;
                    default:
                        if (JsonTree.AsString(n) is string s && s.IndexOf("${stageVariables.", StringComparison.Ordinal) >= 0)
                        {
                            string replaced = s_stageVariable.Replace(s, m =>
                            {
                                string? value = stage.Variable(m.Groups[1].Value);
                                if (value is null && problems is not null && reported.Add(m.Groups[1].Value))
                                {
                                    problems.Add(new Located.Pending(DiagnosticCatalog.UndefinedStageVariable, pointer, m.Groups[1].Value, stage.Name));
                                }
                                return value ?? m.Value;
                            });
                            if (!string.Equals(replaced, s, StringComparison.Ordinal)) replace(JsonValue.Create(replaced)!);
                        }
                        break;
                }
            }
            Visit(node, string.Empty, _ => { });
        }

        /// <summary>The first server's URL with its variables at their defaults (Swagger 2.0: scheme, host and basePath), when absolute.</summary>
        public static string? BaseAddress(JsonObject document)
        {
            string? url = null;
            if (document["servers"] is JsonArray servers && servers.Count > 0 && servers[0] is JsonObject server)
            {
                url = JsonTree.AsString(server["url"]);
                if (url is not null && server["variables"] is JsonObject vars)
                {
                    foreach (var v in vars)
                    {
                        if (v.Value is JsonObject vo && JsonTree.AsString(vo["default"]) is string d) url = url.Replace("{" + v.Key + "}", d);
                    }
                }
            }
            else if (JsonTree.AsString(document["host"]) is string host)
            {
                string scheme = document["schemes"] is JsonArray schemes && schemes.Count > 0 && JsonTree.AsString(schemes[0]) is string s ? s : "https";
                url = scheme + "://" + host + (JsonTree.AsString(document["basePath"]) ?? string.Empty);
            }
            if (url is null || url.IndexOf('{') >= 0 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https")) return null;
            return url;
        }
    }
}
