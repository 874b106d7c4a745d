using System;
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
                return Reading.YamlJson.Convert(stream.Documents[0].RootNode, MaxDepth, ref nodes, MaxNodes, "document too large") as JsonObject;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return null;
            }
        }
    }
}
