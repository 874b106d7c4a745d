using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Portico.CodeGeneration.Binding
{
    /// <summary>
    /// OpenAPI 3.0's <c>nullable: true</c> on a schema without <c>type</c> (common beside <c>anyOf</c>/<c>oneOf</c>/<c>allOf</c>,
    /// as in Stripe's description) is dropped by Microsoft.OpenApi, which records nullability only in the type. The
    /// pointers of such schemas are read from the document's text once, so the validators still let null through.
    /// </summary>
    internal sealed partial class ClientBinder
    {
        private static readonly Regex s_openApi30 = new("(^|[{,\\s])[\"']?openapi[\"']?\\s*:\\s*[\"']?3\\.0", RegexOptions.Multiline | RegexOptions.CultureInvariant);

        private HashSet<string>? _untypedNullable;

        /// <summary>True when the schema at <paramref name="pointer"/> (<c>#/…</c>) says <c>nullable: true</c> without a <c>type</c>.</summary>
        private bool IsUntypedNullable(string pointer)
        {
            _untypedNullable ??= FindUntypedNullable(_input.Text);
            return _untypedNullable.Count > 0 && _untypedNullable.Contains(pointer);
        }

        internal static HashSet<string> FindUntypedNullable(string text)
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            if (text.IndexOf("nullable", StringComparison.Ordinal) < 0 || !s_openApi30.IsMatch(text)) return found;
            try
            {
                if (Reading.SourceLocator.LooksLikeJson(text)) ScanJson(text, found);
                else if (Documents.JsonTree.Parse(text, out _, out _, out _) is JsonNode root) ScanTree(root, new List<string>(), found, 0);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
            {
                // A document the reader accepted but this scan cannot follow keeps the reader's view.
            }
            return found;
        }

        private static string Pointer(List<string> segments)
        {
            var sb = new StringBuilder("#");
            foreach (var s in segments) sb.Append('/').Append(Reading.SourceLocator.Escape(s));
            return sb.ToString();
        }

        private static bool IsJsonTrue(JsonNode? node)
            => node is JsonValue v && (v.TryGetValue(out bool b) ? b : v.TryGetValue(out string? s) && string.Equals(s, "true", StringComparison.OrdinalIgnoreCase));

        private static void ScanTree(JsonNode node, List<string> path, HashSet<string> found, int depth)
        {
            if (depth > 512) return;
            if (node is JsonObject obj)
            {
                if (obj.TryGetPropertyValue("nullable", out var n) && IsJsonTrue(n) && !obj.ContainsKey("type")) found.Add(Pointer(path));
                foreach (var kv in obj)
                {
                    if (kv.Value is null) continue;
                    path.Add(kv.Key);
                    ScanTree(kv.Value, path, found, depth + 1);
                    path.RemoveAt(path.Count - 1);
                }
            }
            else if (node is JsonArray array)
            {
                for (int i = 0; i < array.Count; i++)
                {
                    if (array[i] is not JsonNode item) continue;
                    path.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    ScanTree(item, path, found, depth + 1);
                    path.RemoveAt(path.Count - 1);
                }
            }
        }

        /// <summary>A streaming pass over JSON text (no tree): large documents cost a few milliseconds.</summary>
        private static void ScanJson(string text, HashSet<string> found)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 1024, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var path = new List<string>();
            // Per open container: is it an object, the next array index, and for objects what was seen.
            var frames = new List<(bool IsObject, int Index, bool Type, bool Nullable)>();
            string? key = null;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        key = reader.GetString();
                        if (frames.Count > 0)
                        {
                            var f = frames[frames.Count - 1];
                            if (key == "type") frames[frames.Count - 1] = (f.IsObject, f.Index, true, f.Nullable);
                        }
                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        EnterValue(frames, path, ref key);
                        frames.Add((reader.TokenType == JsonTokenType.StartObject, 0, false, false));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        var closed = frames[frames.Count - 1];
                        if (closed.IsObject && closed.Nullable && !closed.Type) found.Add(Pointer(path));
                        frames.RemoveAt(frames.Count - 1);
                        if (path.Count > 0 && frames.Count > 0) path.RemoveAt(path.Count - 1);
                        break;
                    default:
                        if (frames.Count > 0 && frames[frames.Count - 1].IsObject && key == "nullable" && reader.TokenType == JsonTokenType.True)
                        {
                            var f = frames[frames.Count - 1];
                            frames[frames.Count - 1] = (f.IsObject, f.Index, f.Type, true);
                        }
                        if (frames.Count > 0 && !frames[frames.Count - 1].IsObject)
                        {
                            var f = frames[frames.Count - 1];
                            frames[frames.Count - 1] = (f.IsObject, f.Index + 1, f.Type, f.Nullable);
                        }
                        key = null;
                        break;
                }
            }
        }

        /// <summary>A container value starts: its segment (the key, or the array index) joins the path.</summary>
        private static void EnterValue(List<(bool IsObject, int Index, bool Type, bool Nullable)> frames, List<string> path, ref string? key)
        {
            if (frames.Count == 0) return;
            var parent = frames[frames.Count - 1];
            if (parent.IsObject)
            {
                path.Add(key ?? string.Empty);
            }
            else
            {
                path.Add(parent.Index.ToString(System.Globalization.CultureInfo.InvariantCulture));
                frames[frames.Count - 1] = (parent.IsObject, parent.Index + 1, parent.Type, parent.Nullable);
            }
            key = null;
        }
    }
}
