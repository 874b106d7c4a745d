using System;
using System.Globalization;
using System.Text.Json.Nodes;
using SharpYaml.Serialization;

namespace Portico.CodeGeneration.Reading
{
    /// <summary>
    /// A YAML node as a JSON tree (plain scalars typed as YAML's core schema types them: null, booleans, numbers),
    /// bounded in depth and in the number of nodes a caller allows across its documents.
    /// </summary>
    internal static class YamlJson
    {
        public static JsonNode? Convert(YamlNode node, int maxDepth, ref int nodes, int maxNodes, string tooLarge)
            => Convert(node, 0, maxDepth, ref nodes, maxNodes, tooLarge);

        private static JsonNode? Convert(YamlNode node, int depth, int maxDepth, ref int nodes, int maxNodes, string tooLarge)
        {
            if (++nodes > maxNodes || depth > maxDepth) throw new InvalidOperationException(tooLarge);
            switch (node)
            {
                case YamlMappingNode map:
                    var o = new JsonObject();
                    foreach (var pair in map.Children)
                    {
                        string key = pair.Key is YamlScalarNode k ? k.Value ?? string.Empty : pair.Key.ToString();
                        o[key] = Convert(pair.Value, depth + 1, maxDepth, ref nodes, maxNodes, tooLarge);
                    }
                    return o;
                case YamlSequenceNode seq:
                    var a = new JsonArray();
                    foreach (var item in seq.Children) a.Add(Convert(item, depth + 1, maxDepth, ref nodes, maxNodes, tooLarge));
                    return a;
                case YamlScalarNode scalar:
                    return Scalar(scalar);
                default:
                    return null;
            }
        }

        private static JsonNode? Scalar(YamlScalarNode scalar)
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
