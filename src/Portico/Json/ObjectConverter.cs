using System;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portico.Json
{
    /// <summary>
    /// The base of generated object converters. It matches property names against the table the generated converter
    /// passes in, tracks which required properties came, and skips (or hands over) the ones the schema does not name;
    /// the generated converter only creates the instance and reads or writes each property by its index.
    /// No reflection: trimming and Native AOT keep working.
    /// </summary>
    /// <typeparam name="T">The generated model class.</typeparam>
    public abstract class ObjectConverter<T> : JsonConverter<T> where T : class
    {
        private readonly string _typeName;
        private readonly string[] _wireNames;
        private readonly byte[][] _utf8Names;
        private readonly JsonEncodedText[] _encodedNames;
        private readonly int[] _required;
        private readonly bool _keepsAdditional;

        /// <summary>Creates the converter.</summary>
        /// <param name="typeName">The C# type name, for error messages.</param>
        /// <param name="wireNames">The JSON property names, in the order of the indexes <see cref="ReadProperty"/> receives.</param>
        /// <param name="required">The indexes of the properties the payload must carry.</param>
        /// <param name="keepsAdditional">Whether properties not in <paramref name="wireNames"/> go to <see cref="ReadAdditional"/> instead of being skipped.</param>
        protected ObjectConverter(string typeName, string[] wireNames, int[] required, bool keepsAdditional)
        {
            _typeName = typeName ?? throw new ArgumentNullException(nameof(typeName));
            _wireNames = wireNames ?? throw new ArgumentNullException(nameof(wireNames));
            _required = required ?? throw new ArgumentNullException(nameof(required));
            _keepsAdditional = keepsAdditional;
            _utf8Names = new byte[wireNames.Length][];
            _encodedNames = new JsonEncodedText[wireNames.Length];
            for (int i = 0; i < wireNames.Length; i++)
            {
                _utf8Names[i] = Encoding.UTF8.GetBytes(wireNames[i]);
                _encodedNames[i] = JsonEncodedText.Encode(wireNames[i]);
            }
        }

        /// <summary>A new instance whose properties <see cref="ReadProperty"/> then sets.</summary>
        protected abstract T Create();

        /// <summary>Reads the value of property <paramref name="index"/> (the reader is on its value) into <paramref name="value"/>.</summary>
        protected abstract void ReadProperty(ref Utf8JsonReader reader, T value, int index, JsonSerializerOptions options);

        /// <summary>Reads a property the schema does not name (the reader is on its value); only called when the converter keeps them.</summary>
        protected virtual void ReadAdditional(ref Utf8JsonReader reader, T value, string name, JsonSerializerOptions options) => reader.Skip();

        /// <summary>Writes every property of <paramref name="value"/>, between the braces <see cref="Write"/> writes.</summary>
        protected abstract void WriteProperties(Utf8JsonWriter writer, T value, JsonSerializerOptions options);

        /// <inheritdoc/>
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            JsonIO.Expect(ref reader, JsonTokenType.StartObject, _typeName);
            T value = Create();
            int count = _wireNames.Length;
            Span<bool> seen = _required.Length == 0 ? default : count <= 256 ? stackalloc bool[count] : new bool[count];
            int next = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                int index = Find(ref reader, next);
                if (index < 0)
                {
                    if (_keepsAdditional)
                    {
                        string name = reader.GetString()!;
                        reader.Read();
                        ReadAdditional(ref reader, value, name, options);
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                    continue;
                }
                reader.Read();
                ReadProperty(ref reader, value, index, options);
                if (_required.Length > 0) seen[index] = true;
                next = index + 1;
            }
            foreach (int r in _required)
            {
                if (!seen[r]) throw JsonIO.MissingRequired(_typeName, _wireNames[r]);
            }
            return value;
        }

        /// <inheritdoc/>
        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            WriteProperties(writer, value, options);
            writer.WriteEndObject();
        }

        /// <summary>The index of the property name at the reader, or -1; payloads usually keep the schema's order, so <paramref name="next"/> is tried first.</summary>
        private int Find(ref Utf8JsonReader reader, int next)
        {
            var names = _utf8Names;
            if (next < names.Length && reader.ValueTextEquals(names[next])) return next;
            for (int i = 0; i < names.Length; i++)
            {
                if (i != next && reader.ValueTextEquals(names[i])) return i;
            }
            return -1;
        }

        /// <summary>Strings (<see cref="JsonConverters.String"/>).</summary>
        protected static JsonConverter<string> String => JsonConverters.String;

        /// <summary>32-bit integers (<see cref="JsonConverters.Int32"/>).</summary>
        protected static JsonConverter<int> Int32 => JsonConverters.Int32;

        /// <summary>64-bit integers (<see cref="JsonConverters.Int64"/>).</summary>
        protected static JsonConverter<long> Int64 => JsonConverters.Int64;

        /// <summary>Single-precision numbers (<see cref="JsonConverters.Single"/>).</summary>
        protected static JsonConverter<float> Single => JsonConverters.Single;

        /// <summary>Double-precision numbers (<see cref="JsonConverters.Double"/>).</summary>
        protected static JsonConverter<double> Double => JsonConverters.Double;

        /// <summary>Decimal numbers (<see cref="JsonConverters.Decimal"/>).</summary>
        protected static JsonConverter<decimal> Decimal => JsonConverters.Decimal;

        /// <summary>Booleans (<see cref="JsonConverters.Boolean"/>).</summary>
        protected static JsonConverter<bool> Boolean => JsonConverters.Boolean;

        /// <summary>RFC 3339 date-time values (<see cref="JsonConverters.DateTimeOffset"/>).</summary>
        protected static JsonConverter<DateTimeOffset> DateTimeOffset => JsonConverters.DateTimeOffset;

        /// <summary>UUIDs (<see cref="JsonConverters.Guid"/>).</summary>
        protected static JsonConverter<Guid> Guid => JsonConverters.Guid;

        /// <summary>Base64 bytes (<see cref="JsonConverters.Bytes"/>).</summary>
        protected static JsonConverter<byte[]> Bytes => JsonConverters.Bytes;

        /// <summary>Any JSON value, kept as is (<see cref="JsonConverters.Any"/>).</summary>
        protected static JsonConverter<JsonElement> Any => JsonConverters.Any;

        /// <summary>Files inside JSON, as base64 (<see cref="JsonConverters.File"/>).</summary>
        protected static JsonConverter<FileParameter> File => JsonConverters.File;

#if NET8_0_OR_GREATER
        /// <summary>RFC 3339 full-date values (<see cref="JsonConverters.Date"/>).</summary>
        protected static JsonConverter<DateOnly> Date => JsonConverters.Date;

        /// <summary>Times of day (<see cref="JsonConverters.Time"/>).</summary>
        protected static JsonConverter<TimeOnly> Time => JsonConverters.Time;
#endif

        /// <summary>Reads a reference-type value; a JSON <c>null</c> gives <c>null</c>.</summary>
        protected static TValue? ReadRef<TValue>(ref Utf8JsonReader reader, JsonConverter<TValue> converter, JsonSerializerOptions options) where TValue : class
            => JsonIO.ReadRef(ref reader, converter, options);

        /// <summary>Reads a value type that may be <c>null</c>.</summary>
        protected static TValue? ReadNullable<TValue>(ref Utf8JsonReader reader, JsonConverter<TValue> converter, JsonSerializerOptions options) where TValue : struct
            => JsonIO.ReadNullable(ref reader, converter, options);

        /// <summary>Reads a value type that must not be <c>null</c>.</summary>
        protected static TValue ReadValue<TValue>(ref Utf8JsonReader reader, JsonConverter<TValue> converter, JsonSerializerOptions options, string propertyName) where TValue : struct
            => JsonIO.ReadValue(ref reader, converter, options, propertyName);

        /// <summary>Writes a property of a reference type: its name, then its value or JSON null.</summary>
        protected static void WriteRef<TValue>(Utf8JsonWriter writer, ReadOnlySpan<byte> name, TValue? value, JsonConverter<TValue> converter, JsonSerializerOptions options) where TValue : class
        {
            writer.WritePropertyName(name);
            if (value is null) writer.WriteNullValue();
            else converter.Write(writer, value, options);
        }

        /// <summary>Writes a property of a value type: its name, then its value.</summary>
        protected static void WriteValue<TValue>(Utf8JsonWriter writer, ReadOnlySpan<byte> name, TValue value, JsonConverter<TValue> converter, JsonSerializerOptions options) where TValue : struct
        {
            writer.WritePropertyName(name);
            converter.Write(writer, value, options);
        }

        /// <summary>Writes a property of a nullable value type: its name, then its value or JSON null.</summary>
        protected static void WriteNullable<TValue>(Utf8JsonWriter writer, ReadOnlySpan<byte> name, TValue? value, JsonConverter<TValue> converter, JsonSerializerOptions options) where TValue : struct
        {
            writer.WritePropertyName(name);
            if (value is null) writer.WriteNullValue();
            else converter.Write(writer, value.Value, options);
        }

        /// <summary>Writes property <paramref name="name"/> (an index in the name table) of a reference type: its name, then its value or JSON null.</summary>
        protected void WriteRef<TValue>(Utf8JsonWriter writer, int name, TValue? value, JsonConverter<TValue> converter, JsonSerializerOptions options) where TValue : class
        {
            writer.WritePropertyName(_encodedNames[name]);
            if (value is null) writer.WriteNullValue();
            else converter.Write(writer, value, options);
        }

        /// <summary>Writes property <paramref name="name"/> (an index in the name table) of a value type: its name, then its value.</summary>
        protected void WriteValue<TValue>(Utf8JsonWriter writer, int name, TValue value, JsonConverter<TValue> converter, JsonSerializerOptions options) where TValue : struct
        {
            writer.WritePropertyName(_encodedNames[name]);
            converter.Write(writer, value, options);
        }

        /// <summary>Writes property <paramref name="name"/> (an index in the name table) of a nullable value type: its name, then its value or JSON null.</summary>
        protected void WriteNullable<TValue>(Utf8JsonWriter writer, int name, TValue? value, JsonConverter<TValue> converter, JsonSerializerOptions options) where TValue : struct
        {
            writer.WritePropertyName(_encodedNames[name]);
            if (value is null) writer.WriteNullValue();
            else converter.Write(writer, value.Value, options);
        }

        /// <summary>Writes a property whose name is only known at run time (additional properties), then its value (<c>null</c> as JSON null).</summary>
        protected static void WriteMember<TValue>(Utf8JsonWriter writer, string name, TValue value, JsonConverter<TValue> converter, JsonSerializerOptions options)
        {
            writer.WritePropertyName(name);
            if (value is null) writer.WriteNullValue();
            else converter.Write(writer, value, options);
        }
    }

    /// <summary>
    /// The base of generated converters of extensible string enumerations: the value is read and written as a JSON
    /// string, and values the description does not list are kept.
    /// </summary>
    /// <typeparam name="T">The generated enumeration.</typeparam>
    public abstract class StringEnumConverter<T> : JsonConverter<T> where T : struct
    {
        /// <summary>Wraps a wire value.</summary>
        protected abstract T Create(string value);

        /// <summary>The wire value of <paramref name="value"/>.</summary>
        protected abstract string ToWire(T value);

        /// <inheritdoc/>
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => Create(reader.GetString() ?? string.Empty);

        /// <inheritdoc/>
        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
            => writer.WriteStringValue(ToWire(value));
    }
}
