using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Portico.Http
{
    /// <summary>Creates request bodies. Every body is buffered, so a retried request sends the same bytes again.</summary>
    public static class Bodies
    {
        /// <summary>A JSON body.</summary>
        public static HttpContent Json<T>(T value, JsonTypeInfo<T> typeInfo, string mediaType = "application/json")
        {
            byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = mediaType.IndexOf("json", StringComparison.OrdinalIgnoreCase) >= 0 ? "utf-8" : null };
            return content;
        }

        /// <summary>A text body.</summary>
        public static HttpContent Text(string value, string mediaType = "text/plain")
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(value));
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
            return content;
        }

        /// <summary>A binary body; the stream is read to the end now.</summary>
        public static HttpContent Binary(Stream value, string mediaType = "application/octet-stream")
        {
            var content = new ByteArrayContent(ReadAll(value));
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return content;
        }

        /// <summary>A binary body from a file parameter.</summary>
        public static HttpContent Binary(FileParameter value, string mediaType = "application/octet-stream")
            => Binary(value.Content, value.ContentType ?? mediaType);

        /// <summary>
        /// An <c>application/x-www-form-urlencoded</c> body from the JSON form of a model. Nested objects and arrays
        /// use bracket notation (<c>a[b]=1</c>, <c>items[0][id]=2</c>) unless <paramref name="explodeArrays"/> asks for repeated keys.
        /// </summary>
        public static HttpContent Form(JsonElement value, bool explodeArrays = true)
        {
            var sb = new StringBuilder();
            if (value.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in value.EnumerateObject())
                {
                    AppendForm(sb, p.Name, p.Value, explodeArrays, topLevel: true);
                }
            }
            var content = new ByteArrayContent(Encoding.ASCII.GetBytes(sb.ToString()));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
            return content;
        }

        private static void AppendForm(StringBuilder sb, string key, JsonElement value, bool explodeArrays, bool topLevel)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                case JsonValueKind.Undefined:
                    return;
                case JsonValueKind.Object:
                    foreach (var p in value.EnumerateObject()) AppendForm(sb, key + "[" + p.Name + "]", p.Value, explodeArrays, false);
                    return;
                case JsonValueKind.Array:
                    int i = 0;
                    foreach (var item in value.EnumerateArray())
                    {
                        bool scalar = item.ValueKind != JsonValueKind.Object && item.ValueKind != JsonValueKind.Array;
                        string itemKey = topLevel && explodeArrays && scalar ? key : key + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
                        AppendForm(sb, itemKey, item, explodeArrays, false);
                        i++;
                    }
                    return;
                default:
                    if (sb.Length > 0) sb.Append('&');
                    sb.Append(FormEscape(key)).Append('=').Append(FormEscape(RequestBuilder.ElementText(value)));
                    return;
            }
        }

        private static string FormEscape(string s) => Uri.EscapeDataString(s).Replace("%20", "+");

        /// <summary>Starts a <c>multipart/form-data</c> body.</summary>
        public static MultipartFormDataContent Multipart() => new MultipartFormDataContent();

        /// <summary>Adds a text part.</summary>
        public static void AddPart(MultipartFormDataContent content, string name, string? value)
        {
            if (value is null) return;
            content.Add(new StringContent(value, Encoding.UTF8), Quote(name));
        }

        /// <summary>Adds a file part (buffered).</summary>
        public static void AddPart(MultipartFormDataContent content, string name, FileParameter? file)
        {
            if (file is null) return;
            var part = new ByteArrayContent(ReadAll(file.Content));
            part.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType ?? "application/octet-stream");
            content.Add(part, Quote(name), Quote(file.FileName ?? name));
        }

        /// <summary>Adds a JSON part.</summary>
        public static void AddJsonPart<T>(MultipartFormDataContent content, string name, T? value, JsonTypeInfo<T> typeInfo)
        {
            if (value is null) return;
            var part = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
            part.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            content.Add(part, Quote(name));
        }

        private static string Quote(string name) => "\"" + name.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

        private static byte[] ReadAll(Stream stream)
        {
            if (stream is MemoryStream ms && ms.TryGetBuffer(out var segment) && stream.Position == 0)
            {
                return segment.Count == segment.Array!.Length ? segment.Array : ms.ToArray();
            }
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        }
    }
}
