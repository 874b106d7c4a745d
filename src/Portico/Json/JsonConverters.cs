using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Portico.Json
{
    /// <summary>Converters that generated code composes; primitives come from System.Text.Json itself.</summary>
    public static class JsonConverters
    {
        /// <summary>A list of items.</summary>
        public static JsonConverter<List<T>> List<T>(JsonConverter<T> item) => new ListConverter<T>(item);

        /// <summary>A map from string keys to values.</summary>
        public static JsonConverter<Dictionary<string, T>> Map<T>(JsonConverter<T> value) => new MapConverter<T>(value);

        /// <summary>A value type that may be <c>null</c>.</summary>
        public static JsonConverter<T?> Nullable<T>(JsonConverter<T> value) where T : struct => new NullableConverter<T>(value);

        /// <summary>Any JSON value, kept as is.</summary>
        public static JsonConverter<JsonElement> Any => JsonMetadataServices.JsonElementConverter;

        /// <summary>Strings.</summary>
        public static JsonConverter<string> String => JsonMetadataServices.StringConverter!;

        /// <summary>32-bit integers.</summary>
        public static JsonConverter<int> Int32 => JsonMetadataServices.Int32Converter;

        /// <summary>64-bit integers.</summary>
        public static JsonConverter<long> Int64 => JsonMetadataServices.Int64Converter;

        /// <summary>Single-precision numbers.</summary>
        public static JsonConverter<float> Single => JsonMetadataServices.SingleConverter;

        /// <summary>Double-precision numbers.</summary>
        public static JsonConverter<double> Double => JsonMetadataServices.DoubleConverter;

        /// <summary>Decimal numbers.</summary>
        public static JsonConverter<decimal> Decimal => JsonMetadataServices.DecimalConverter;

        /// <summary>Booleans.</summary>
        public static JsonConverter<bool> Boolean => JsonMetadataServices.BooleanConverter;

        /// <summary>RFC 3339 date-time values.</summary>
        public static JsonConverter<DateTimeOffset> DateTimeOffset => JsonMetadataServices.DateTimeOffsetConverter;

        /// <summary>UUIDs.</summary>
        public static JsonConverter<Guid> Guid => JsonMetadataServices.GuidConverter;

        /// <summary>Base64 bytes (<c>format: byte</c>).</summary>
        public static JsonConverter<byte[]> Bytes => JsonMetadataServices.ByteArrayConverter!;

        /// <summary>Files inside JSON, as base64.</summary>
        public static JsonConverter<FileParameter> File => FileConverter.Instance;

#if NET8_0_OR_GREATER
        /// <summary>RFC 3339 full-date values.</summary>
        public static JsonConverter<DateOnly> Date => JsonMetadataServices.DateOnlyConverter;

        /// <summary>Times of day.</summary>
        public static JsonConverter<TimeOnly> Time => JsonMetadataServices.TimeOnlyConverter;
#endif
    }

    internal sealed class ListConverter<T> : JsonConverter<List<T>>
    {
        private readonly JsonConverter<T> _item;
        public ListConverter(JsonConverter<T> item) => _item = item;

        public override List<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            JsonIO.Expect(ref reader, JsonTokenType.StartArray, "array");
            var list = new List<T>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.Null && !_item.HandleNull)
                {
                    list.Add(default!);
                }
                else
                {
                    list.Add(_item.Read(ref reader, typeof(T), options)!);
                }
            }
            return list;
        }

        public override void Write(Utf8JsonWriter writer, List<T> value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var item in value)
            {
                if (item is null) writer.WriteNullValue();
                else _item.Write(writer, item, options);
            }
            writer.WriteEndArray();
        }
    }

    internal sealed class MapConverter<T> : JsonConverter<Dictionary<string, T>>
    {
        private readonly JsonConverter<T> _value;
        public MapConverter(JsonConverter<T> value) => _value = value;

        public override Dictionary<string, T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            JsonIO.Expect(ref reader, JsonTokenType.StartObject, "object");
            var map = new Dictionary<string, T>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                string key = reader.GetString()!;
                reader.Read();
                map[key] = reader.TokenType == JsonTokenType.Null && !_value.HandleNull ? default! : _value.Read(ref reader, typeof(T), options)!;
            }
            return map;
        }

        public override void Write(Utf8JsonWriter writer, Dictionary<string, T> value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            foreach (var pair in value)
            {
                writer.WritePropertyName(pair.Key);
                if (pair.Value is null) writer.WriteNullValue();
                else _value.Write(writer, pair.Value, options);
            }
            writer.WriteEndObject();
        }
    }

    internal sealed class NullableConverter<T> : JsonConverter<T?> where T : struct
    {
        private readonly JsonConverter<T> _value;
        public NullableConverter(JsonConverter<T> value) => _value = value;
        public override bool HandleNull => true;

        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => reader.TokenType == JsonTokenType.Null ? null : _value.Read(ref reader, typeof(T), options);

        public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
        {
            if (value is null) writer.WriteNullValue();
            else _value.Write(writer, value.Value, options);
        }
    }

    internal sealed class FileConverter : JsonConverter<FileParameter>
    {
        public static readonly FileConverter Instance = new FileConverter();

        public override FileParameter Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => new FileParameter(new System.IO.MemoryStream(reader.GetBytesFromBase64()));

        public override void Write(Utf8JsonWriter writer, FileParameter value, JsonSerializerOptions options)
        {
            using var buffer = new System.IO.MemoryStream();
            value.Content.CopyTo(buffer);
            writer.WriteBase64StringValue(buffer.ToArray());
        }
    }
}
