using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portico.CodeGeneration.Reading;

namespace Portico.CodeGeneration.Documents
{
    /// <summary>Reads JSON or YAML text into a <see cref="JsonNode"/> tree (YAML through Microsoft.OpenApi.YamlReader's converter).</summary>
    public static class JsonTree
    {
        /// <summary>Parses the text; on failure returns null and a one-line reason (with the position the reader gives).</summary>
        public static JsonNode? Parse(string text, out string? error, out int line, out int column)
        {
            error = null;
            line = 1;
            column = 1;
            try
            {
                if (SourceLocator.LooksLikeJson(text))
                {
                    return JsonNode.Parse(text, new JsonNodeOptions(), new JsonDocumentOptions { MaxDepth = 1024 });
                }
                var stream = new SharpYaml.Serialization.YamlStream();
                stream.Load(new StringReader(text));
                if (stream.Documents.Count == 0)
                {
                    error = "the file is empty";
                    return null;
                }
                return Microsoft.OpenApi.YamlReader.YamlConverter.ToJsonNode(stream.Documents[0]);
            }
            catch (JsonException ex)
            {
                line = (int)(ex.LineNumber ?? 0) + 1;
                column = (int)(ex.BytePositionInLine ?? 0) + 1;
                string m = ex.Message;
                int cut = m.IndexOf(" LineNumber:", StringComparison.Ordinal);
                error = cut > 0 ? m.Substring(0, cut) : m;
                return null;
            }
            catch (SharpYaml.YamlException ex)
            {
                line = Math.Max(1, ex.Start.Line + 1);
                column = Math.Max(1, ex.Start.Column + 1);
                error = ex.Message.Replace("\r", " ").Replace("\n", " ");
                return null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                error = ex.Message.Replace("\r", " ").Replace("\n", " ");
                return null;
            }
        }

        /// <summary>Writes a tree as indented JSON (what the reader is handed after overlays and expansion).</summary>
        public static string ToJson(JsonNode node)
            => node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        /// <summary>The string value of a node, or null when it is not a JSON string.</summary>
        public static string? AsString(JsonNode? node)
            => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

        /// <summary>A JSON pointer segment appended to a pointer.</summary>
        public static string Child(string pointer, string segment) => pointer + "/" + SourceLocator.Escape(segment);

        public static string Child(string pointer, int index) => pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
