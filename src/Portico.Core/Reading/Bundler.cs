using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portico.CodeGeneration.Model;

namespace Portico.CodeGeneration.Reading
{
    /// <summary>
    /// Brings fragments of other files into the document: a <c>$ref</c> to a file that is not a whole OpenAPI document
    /// (<c>schemas/Pet.yaml</c>, <c>parameters.yaml#/petId</c>) becomes a component of the root document and a local
    /// reference to it. References into whole documents are left to the OpenAPI reader, which resolves those itself.
    /// The root's own pointers do not change, so positions of problems are still found in its text.
    /// </summary>
    internal sealed class Bundler
    {
        private const int MaxNodes = 2_000_000;
        private const int MaxDepth = 400;

        private readonly SpecInput _input;
        private readonly Dictionary<string, SourceFile> _files = new Dictionary<string, SourceFile>(StringComparer.Ordinal);
        private readonly Dictionary<string, JsonNode?> _parsed = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _imported = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly HashSet<string> _usedNames = new HashSet<string>(StringComparer.Ordinal);
        private JsonObject _root = new JsonObject();
        private bool _v2;
        private bool _changed;
        private int _nodes;

        private Bundler(SpecInput input)
        {
            _input = input;
            foreach (var f in input.ReferencedFiles) _files[Normalize(f.Path)] = f;
        }

        /// <summary>The bundled document as JSON, or null when no fragment had to be brought in (or the text does not read).</summary>
        public static string? Bundle(SpecInput input, bool json)
        {
            try
            {
                var b = new Bundler(input);
                if (b.Parse(input.Text, json) is not JsonObject root) return null;
                b._root = root;
                b._v2 = root["swagger"] is not null;
                foreach (var key in new[] { "schemas", "parameters", "responses", "requestBodies", "headers", "examples", "links", "callbacks" })
                {
                    if (b.Section(key, create: false) is JsonObject existing) foreach (var p in existing) b._usedNames.Add(key + "/" + p.Key);
                }
                b.Walk(root, Normalize(input.Path), new List<string>(), 0);
                return b._changed ? root.ToJsonString() : null;
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is JsonException || ex is FormatException || ex is ArgumentException || ex is SharpYaml.YamlException || ex is InsufficientExecutionStackException)
            {
                return null;
            }
        }

        private void Walk(JsonNode node, string file, List<string> path, int depth)
        {
            if (depth > MaxDepth) throw new InvalidOperationException("too deep");
            if (node is JsonObject obj)
            {
                if (obj["$ref"] is JsonValue rv && rv.TryGetValue<string>(out var reference))
                {
                    Rewrite(obj, reference, file, path);
                }
                foreach (var p in obj.ToList())
                {
                    if (p.Value is null || p.Key == "$ref") continue;
                    path.Add(p.Key);
                    Walk(p.Value, file, path, depth + 1);
                    path.RemoveAt(path.Count - 1);
                }
            }
            else if (node is JsonArray arr)
            {
                for (int i = 0; i < arr.Count; i++)
                {
                    if (arr[i] is null) continue;
                    path.Add(i.ToString(CultureInfo.InvariantCulture));
                    Walk(arr[i]!, file, path, depth + 1);
                    path.RemoveAt(path.Count - 1);
                }
            }
        }

        private void Rewrite(JsonObject obj, string reference, string file, List<string> path)
        {
            if (reference.IndexOf("://", StringComparison.Ordinal) >= 0) return;
            int hash = reference.IndexOf('#');
            string filePart = hash >= 0 ? reference.Substring(0, hash) : reference;
            string fragment = hash >= 0 ? reference.Substring(hash + 1) : string.Empty;
            bool inRoot = file == Normalize(_input.Path);
            if (filePart.Length == 0)
            {
                if (inRoot) return;
                // A local reference inside a fragment means that fragment's own file.
                filePart = file;
            }
            string target = Normalize(filePart.StartsWith("/", StringComparison.Ordinal) ? filePart : Directory(file) + Uri.UnescapeDataString(filePart));
            var doc = Load(target);
            if (doc is null)
            {
                // Not part of the build: left for the reader, which reports it (made absolute when inside a fragment).
                if (!inRoot) { obj["$ref"] = target + (fragment.Length > 0 ? "#" + fragment : string.Empty); _changed = true; }
                return;
            }
            if (doc is JsonObject whole && (whole["openapi"] is not null || whole["swagger"] is not null))
            {
                if (target == Normalize(_input.Path)) { obj["$ref"] = "#" + fragment; _changed = true; }
                else if (!inRoot) { obj["$ref"] = target + "#" + fragment; _changed = true; }
                return;
            }
            string key = target + "#" + fragment;
            string section = SectionFor(path);
            if (!_imported.TryGetValue(key, out var local))
            {
                var fragmentNode = Resolve(doc, fragment);
                if (fragmentNode is null) return;
                string name = Claim(section, NameFor(target, fragment));
                local = LocalRef(section, name);
                _imported[key] = local;
                var copy = fragmentNode.DeepClone();
                Section(section, create: true)![name] = copy;
                Walk(copy, target, new List<string>(SectionPath(section)) { name }, 0);
            }
            obj["$ref"] = local;
            _changed = true;
        }

        private static string SectionFor(List<string> path)
        {
            if (path.Count >= 2 && path[path.Count - 2] == "parameters") return "parameters";
            if (path.Count >= 1 && path[path.Count - 1] == "parameters") return "parameters";
            if (path.Count >= 2 && path[path.Count - 2] == "responses" && !(path.Count >= 3 && path[path.Count - 3] == "components")) return "responses";
            if (path.Count >= 1 && path[path.Count - 1] == "requestBody") return "requestBodies";
            if (path.Count >= 2 && path[path.Count - 2] == "headers") return "headers";
            if (path.Count >= 2 && path[path.Count - 2] == "examples") return "examples";
            if (path.Count >= 2 && path[path.Count - 2] == "links") return "links";
            if (path.Count >= 2 && path[path.Count - 2] == "callbacks") return "callbacks";
            return "schemas";
        }

        private string[] SectionPath(string section)
        {
            if (_v2)
            {
                return section switch
                {
                    "schemas" => new[] { "definitions" },
                    "parameters" => new[] { "parameters" },
                    "responses" => new[] { "responses" },
                    _ => new[] { "x-portico-" + section },
                };
            }
            return new[] { "components", section };
        }

        private string LocalRef(string section, string name) => "#/" + string.Join("/", SectionPath(section)) + "/" + SourceLocator.Escape(name);

        private JsonObject? Section(string section, bool create)
        {
            JsonObject current = _root;
            foreach (var part in SectionPath(section))
            {
                if (current[part] is JsonObject next) { current = next; continue; }
                if (!create) return null;
                next = new JsonObject();
                current[part] = next;
                current = next;
            }
            return current;
        }

        private string Claim(string section, string name)
        {
            string candidate = name.Length == 0 ? "Fragment" : name;
            for (int i = 2; !_usedNames.Add(section + "/" + candidate); i++) candidate = name + i.ToString(CultureInfo.InvariantCulture);
            return candidate;
        }

        private static string NameFor(string file, string fragment)
        {
            string f = fragment.TrimEnd('/');
            if (f.Length > 0)
            {
                string last = f.Substring(f.LastIndexOf('/') + 1);
                return last.Replace("~1", "/").Replace("~0", "~");
            }
            string name = file.Substring(file.LastIndexOf('/') + 1);
            int dot = name.IndexOf('.');
            return dot > 0 ? name.Substring(0, dot) : name;
        }

        private static JsonNode? Resolve(JsonNode doc, string fragment)
        {
            JsonNode? current = doc;
            foreach (var raw in fragment.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries))
            {
                string seg = Uri.UnescapeDataString(raw).Replace("~1", "/").Replace("~0", "~");
                current = current switch
                {
                    JsonObject o => o[seg],
                    JsonArray a when int.TryParse(seg, NumberStyles.None, CultureInfo.InvariantCulture, out int i) && i < a.Count => a[i],
                    _ => null,
                };
                if (current is null) return null;
            }
            return current;
        }

        private JsonNode? Load(string path)
        {
            if (_parsed.TryGetValue(path, out var node)) return node;
            node = _files.TryGetValue(path, out var file) ? Parse(file.Text, SourceLocator.LooksLikeJson(file.Text)) : null;
            _parsed[path] = node;
            return node;
        }

        private JsonNode? Parse(string text, bool json)
        {
            if (json) return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth });
            var stream = new SharpYaml.Serialization.YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0) return null;
            return YamlJson.Convert(stream.Documents[0].RootNode, MaxDepth, ref _nodes, MaxNodes, "document too large to bundle");
        }

        private static string Directory(string path)
        {
            string p = Normalize(path);
            return p.Substring(0, p.LastIndexOf('/') + 1);
        }

        private static string Normalize(string path)
        {
            string p = path.Replace('\\', '/');
            var parts = new List<string>();
            foreach (var seg in p.Split('/'))
            {
                if (seg == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); }
                else if (seg != "." && seg.Length > 0) parts.Add(seg);
            }
            return "/" + string.Join("/", parts);
        }
    }
}
