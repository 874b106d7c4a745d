using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portico.CodeGeneration.Gateway
{
    /// <summary>
    /// The document as a plain JSON tree (YAML converted), so API Gateway's extensions can be read exactly as written,
    /// with a JSON pointer for every value. Bounded in depth and size; a text that does not parse gives null (the
    /// reader has already reported it).
    /// </summary>
    internal static class RawDocument
    {
        private const int MaxDepth = 256;
        private const int MaxNodes = 5_000_000;

        public static JsonObject? Parse(string text)
        {
            try
            {
                if (Reading.SourceLocator.LooksLikeJson(text))
                {
                    return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }) as JsonObject;
                }
                var stream = new SharpYaml.Serialization.YamlStream();
                stream.Load(new StringReader(text));
                if (stream.Documents.Count == 0) return null;
                int nodes = 0;
                return Convert(stream.Documents[0].RootNode, 0, ref nodes) as JsonObject;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return null;
            }
        }

        private static JsonNode? Convert(SharpYaml.Serialization.YamlNode node, int depth, ref int nodes)
        {
            if (++nodes > MaxNodes || depth > MaxDepth) throw new InvalidOperationException("document too large");
            switch (node)
            {
                case SharpYaml.Serialization.YamlMappingNode map:
                    var o = new JsonObject();
                    foreach (var pair in map.Children)
                    {
                        string key = pair.Key is SharpYaml.Serialization.YamlScalarNode k ? k.Value ?? string.Empty : pair.Key.ToString();
                        o[key] = Convert(pair.Value, depth + 1, ref nodes);
                    }
                    return o;
                case SharpYaml.Serialization.YamlSequenceNode seq:
                    var a = new JsonArray();
                    foreach (var item in seq.Children) a.Add(Convert(item, depth + 1, ref nodes));
                    return a;
                case SharpYaml.Serialization.YamlScalarNode scalar:
                    return Scalar(scalar);
                default:
                    return null;
            }
        }

        private static JsonNode? Scalar(SharpYaml.Serialization.YamlScalarNode scalar)
        {
            string v = scalar.Value ?? string.Empty;
            if (scalar.Style != SharpYaml.ScalarStyle.Plain) return JsonValue.Create(v);
            switch (v)
            {
                case "":
                case "~":
                case "null":
                case "Null":
                case "NULL":
                    return null;
                case "true":
                case "True":
                case "TRUE":
                    return JsonValue.Create(true);
                case "false":
                case "False":
                case "FALSE":
                    return JsonValue.Create(false);
            }
            if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l)) return JsonValue.Create(l);
            if (decimal.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal d) && v.IndexOfAny(new[] { 'x', 'X' }) < 0) return JsonValue.Create(d);
            return JsonValue.Create(v);
        }
    }
}
