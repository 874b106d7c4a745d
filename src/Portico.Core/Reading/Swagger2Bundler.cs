using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portico.CodeGeneration.Model;

namespace Portico.CodeGeneration.Reading
{
    /// <summary>
    /// Folds the files an OpenAPI 2.0 JSON document reaches through relative $refs into the document itself
    /// (as definitions, parameters and responses), so that it reads as one file. Microsoft.OpenApi cannot follow
    /// such references in 2.0 documents: a $ref to a whole file fails, and a fragment after a file name is taken
    /// as part of the file name.
    /// </summary>
    internal sealed class Swagger2Bundler
    {
        private readonly Dictionary<string, string> _texts = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly Dictionary<string, JsonNode?> _parsed = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _localRefs = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly HashSet<string> _usedNames = new HashSet<string>(StringComparer.Ordinal);
        private readonly string _rootPath;
        private JsonObject _root = new JsonObject();

        private Swagger2Bundler(SpecInput input)
        {
            _rootPath = Normalize(input.Path);
            foreach (var f in input.ReferencedFiles) _texts[Normalize(f.Path)] = f.Text;
        }

        /// <summary>The bundled text, or null when the document is not a 2.0 JSON document or a file is missing.</summary>
        public static string? TryBundle(SpecInput input)
        {
            JsonObject? root;
            try
            {
                root = JsonNode.Parse(input.Text) as JsonObject;
            }
            catch (JsonException)
            {
                return null;
            }
            if (root is null || !root.ContainsKey("swagger")) return null;
            var bundler = new Swagger2Bundler(input) { _root = root };
            foreach (var section in new[] { "definitions", "parameters", "responses" })
            {
                if (root[section] is JsonObject existing) foreach (var pair in existing) bundler._usedNames.Add(section + "/" + pair.Key);
            }
            try
            {
                bundler.Rewrite(root, bundler._rootPath, Kind.Schema, isRoot: true);
            }
            catch (InvalidOperationException)
            {
                return null;
            }
            return root.ToJsonString();
        }

        private enum Kind
        {
            Schema,
            Parameter,
            Response,
        }

        private void Rewrite(JsonNode? node, string file, Kind kind, bool isRoot)
        {
            if (node is JsonArray array)
            {
                foreach (var item in array) Rewrite(item, file, kind, isRoot);
                return;
            }
            if (node is not JsonObject obj) return;
            if (obj["$ref"] is JsonValue refValue && refValue.TryGetValue(out string? reference) && reference is not null)
            {
                string? local = Localize(reference, file, kind, isRoot);
                if (local is not null) obj["$ref"] = local;
                return;
            }
            var keys = new List<string>();
            foreach (var pair in obj) keys.Add(pair.Key);
            foreach (var key in keys)
            {
                var child = obj[key];
                switch (key)
                {
                    case "parameters":
                        RewriteMembers(child, file, Kind.Parameter, isRoot);
                        break;
                    case "responses":
                        RewriteMembers(child, file, Kind.Response, isRoot);
                        break;
                    case "definitions":
                    case "properties":
                        RewriteMembers(child, file, Kind.Schema, isRoot);
                        break;
                    default:
                        Rewrite(child, file, Kind.Schema, isRoot);
                        break;
                }
            }
        }

        /// <summary>Each member of a list or map holds an object of the given kind.</summary>
        private void RewriteMembers(JsonNode? node, string file, Kind kind, bool isRoot)
        {
            if (node is JsonArray array)
            {
                foreach (var item in array) Rewrite(item, file, kind, isRoot);
            }
            else if (node is JsonObject obj)
            {
                var keys = new List<string>();
                foreach (var pair in obj) keys.Add(pair.Key);
                foreach (var key in keys) Rewrite(obj[key], file, kind, isRoot);
            }
        }

        private string? Localize(string reference, string file, Kind kind, bool isRoot)
        {
            if (reference.IndexOf("://", StringComparison.Ordinal) >= 0) return null;
            int hash = reference.IndexOf('#');
            string filePart = hash >= 0 ? reference.Substring(0, hash) : reference;
            string pointer = hash >= 0 ? reference.Substring(hash + 1) : string.Empty;
            if (filePart.Length == 0 && isRoot) return null;
            string target = filePart.Length == 0 ? file : Normalize(Directory(file) + Uri.UnescapeDataString(filePart));
            if (target == _rootPath) return "#" + pointer;
            string key = target + "#" + pointer + "|" + kind;
            if (_localRefs.TryGetValue(key, out var known)) return known;
            var content = Navigate(Load(target), pointer)?.DeepClone() ?? throw new InvalidOperationException("unresolved " + reference);
            string section = kind == Kind.Parameter ? "parameters" : kind == Kind.Response ? "responses" : "definitions";
            string name = UniqueName(section, pointer.Length > 0 ? pointer.Substring(pointer.LastIndexOf('/') + 1) : Stem(target));
            string local = "#/" + section + "/" + name;
            _localRefs[key] = local;
            if (_root[section] is not JsonObject bucket)
            {
                bucket = new JsonObject();
                _root[section] = bucket;
            }
            bucket[name] = content;
            Rewrite(content, target, kind, isRoot: false);
            return local;
        }

        private string UniqueName(string section, string basis)
        {
            string name = basis.Length == 0 ? "Item" : basis;
            for (int i = 2; !_usedNames.Add(section + "/" + name); i++) name = basis + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return name;
        }

        private JsonNode? Load(string path)
        {
            if (_parsed.TryGetValue(path, out var node)) return node;
            if (!_texts.TryGetValue(path, out var text)) throw new InvalidOperationException("missing " + path);
            try
            {
                node = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                throw new InvalidOperationException("not JSON: " + path);
            }
            _parsed[path] = node;
            return node;
        }

        private static JsonNode? Navigate(JsonNode? node, string pointer)
        {
            if (pointer.Length == 0 || pointer == "/") return node;
            foreach (var raw in pointer.TrimStart('/').Split('/'))
            {
                string segment = Uri.UnescapeDataString(raw).Replace("~1", "/").Replace("~0", "~");
                node = node switch
                {
                    JsonObject o => o[segment],
                    JsonArray a when int.TryParse(segment, out int i) && i >= 0 && i < a.Count => a[i],
                    _ => null,
                };
                if (node is null) return null;
            }
            return node;
        }

        private static string Directory(string path) => path.Substring(0, path.LastIndexOf('/') + 1);

        private static string Stem(string path)
        {
            string name = path.Substring(path.LastIndexOf('/') + 1);
            int dot = name.LastIndexOf('.');
            return dot > 0 ? name.Substring(0, dot) : name;
        }

        private static string Normalize(string path)
        {
            var parts = new List<string>();
            foreach (var seg in path.Replace('\\', '/').Split('/'))
            {
                if (seg == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); }
                else if (seg != "." && seg.Length > 0) parts.Add(seg);
            }
            return "/" + string.Join("/", parts);
        }
    }
}
