using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portico.Json
{
    /// <summary>Reads and writes a value delegating to a converter; used by generated converters.</summary>
    public static class JsonIO
    {
        /// <summary>Reads a reference-type value; a JSON <c>null</c> gives <c>null</c>.</summary>
        public static T? ReadRef<T>(ref Utf8JsonReader reader, JsonConverter<T> converter, JsonSerializerOptions options) where T : class
            => reader.TokenType == JsonTokenType.Null ? null : converter.Read(ref reader, typeof(T), options);

        /// <summary>Reads a value type that may be <c>null</c>.</summary>
        public static T? ReadNullable<T>(ref Utf8JsonReader reader, JsonConverter<T> converter, JsonSerializerOptions options) where T : struct
            => reader.TokenType == JsonTokenType.Null ? null : converter.Read(ref reader, typeof(T), options);

        /// <summary>Reads a value type that must not be <c>null</c>.</summary>
        public static T ReadValue<T>(ref Utf8JsonReader reader, JsonConverter<T> converter, JsonSerializerOptions options, string propertyName) where T : struct
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                throw new JsonException("Property '" + propertyName + "' is null but its schema does not allow null.");
            }
            return converter.Read(ref reader, typeof(T), options);
        }

        /// <summary>Writes a reference-type value or <c>null</c>.</summary>
        public static void WriteRef<T>(Utf8JsonWriter writer, T? value, JsonConverter<T> converter, JsonSerializerOptions options) where T : class
        {
            if (value is null) writer.WriteNullValue();
            else converter.Write(writer, value, options);
        }

        /// <summary>Writes a nullable value type or <c>null</c>.</summary>
        public static void WriteNullable<T>(Utf8JsonWriter writer, T? value, JsonConverter<T> converter, JsonSerializerOptions options) where T : struct
        {
            if (value is null) writer.WriteNullValue();
            else converter.Write(writer, value.Value, options);
        }

        /// <summary>Writes any value, <c>null</c> as JSON null (for map values whose type may be a struct or a reference).</summary>
        public static void WriteItem<T>(Utf8JsonWriter writer, T value, JsonConverter<T> converter, JsonSerializerOptions options)
        {
            if (value is null) writer.WriteNullValue();
            else converter.Write(writer, value, options);
        }

        /// <summary>Reports a required property that is missing from the payload.</summary>
        public static JsonException MissingRequired(string typeName, string propertyName)
            => new JsonException("JSON for '" + typeName + "' lacks the required property '" + propertyName + "'.");

        /// <summary>Fails when the current token is not the expected one.</summary>
        public static void Expect(ref Utf8JsonReader reader, JsonTokenType expected, string typeName)
        {
            if (reader.TokenType != expected)
            {
                throw new JsonException("Expected " + expected + " for '" + typeName + "' but found " + reader.TokenType + ".");
            }
        }

        /// <summary>Reads the current value as a <see cref="JsonElement"/> (for unknown or free-form members).</summary>
        public static JsonElement ReadElement(ref Utf8JsonReader reader)
        {
            using var doc = JsonDocument.ParseValue(ref reader);
            return doc.RootElement.Clone();
        }

        /// <summary>
        /// Looks ahead in an object for a string property, without moving <paramref name="reader"/>.
        /// Used to pick a variant by discriminator.
        /// </summary>
        public static string? PeekString(Utf8JsonReader reader, string propertyName)
        {
            if (reader.TokenType != JsonTokenType.StartObject) return null;
            int depth = reader.CurrentDepth;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth) return null;
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1)
                {
                    bool match = reader.ValueTextEquals(propertyName);
                    reader.Read();
                    if (match)
                    {
                        return reader.TokenType == JsonTokenType.String ? reader.GetString()
                            : reader.TokenType == JsonTokenType.Number || reader.TokenType == JsonTokenType.True || reader.TokenType == JsonTokenType.False
                                ? System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray())
                                : null;
                    }
                    reader.Skip();
                }
            }
            return null;
        }

        /// <summary>Collects the property names of the object at the reader, without moving it.</summary>
        public static HashSet<string> PeekPropertyNames(Utf8JsonReader reader)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            if (reader.TokenType != JsonTokenType.StartObject) return names;
            int depth = reader.CurrentDepth;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth) break;
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1)
                {
                    names.Add(reader.GetString()!);
                    reader.Read();
                    reader.Skip();
                }
            }
            return names;
        }

        /// <summary>Scores how well an object's property names fit a variant: -1 when a required one is missing.</summary>
        public static int Score(HashSet<string> present, string[] required, string[] known)
        {
            foreach (var r in required)
            {
                if (!present.Contains(r)) return -1;
            }
            int score = 0;
            foreach (var k in known)
            {
                if (present.Contains(k)) score++;
            }
            return score;
        }
    }
}
