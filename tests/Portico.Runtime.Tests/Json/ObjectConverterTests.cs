using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Portico.Json;
using Xunit;

namespace Portico.Runtime.Tests.Json;

/// <summary>The name table, required tracking and helpers of <see cref="ObjectConverter{T}"/>, with converters written the way the generator writes them.</summary>
public sealed class ObjectConverterTests
{
    private sealed class Point
    {
        public long X { get; set; }
        public string? Label { get; set; }
        public DateTimeOffset? At { get; set; }
        public Dictionary<string, long>? Extra { get; set; }
    }

    private sealed class PointConverter : ObjectConverter<Point>
    {
        public PointConverter(bool keepsAdditional) : base("Point", ["x", "label", "at"], [0], keepsAdditional) { }

        protected override Point Create() => new();

        protected override void ReadProperty(ref Utf8JsonReader reader, Point value, int index, JsonSerializerOptions options)
        {
            switch (index)
            {
                case 0: value.X = ReadValue(ref reader, Int64, options, "x"); break;
                case 1: value.Label = ReadRef(ref reader, String, options); break;
                case 2: value.At = ReadNullable(ref reader, DateTimeOffset, options); break;
            }
        }

        protected override void ReadAdditional(ref Utf8JsonReader reader, Point value, string name, JsonSerializerOptions options)
            => (value.Extra ??= new Dictionary<string, long>(StringComparer.Ordinal))[name] = ReadValue(ref reader, Int64, options, name);

        protected override void WriteProperties(Utf8JsonWriter writer, Point value, JsonSerializerOptions options)
        {
            WriteValue(writer, "x"u8, value.X, Int64, options);
            WriteRef(writer, "label"u8, value.Label, String, options);
            if (value.At is not null) WriteNullable(writer, "at"u8, value.At, DateTimeOffset, options);
            if (value.Extra is not null)
            {
                foreach (var pair in value.Extra) WriteMember(writer, pair.Key, pair.Value, Int64, options);
            }
        }
    }

    /// <summary>A converter over many properties, so that the seen-flags no longer fit on the stack.</summary>
    private sealed class WideConverter : ObjectConverter<long[]>
    {
        public const int Count = 300;

        public WideConverter() : base("Wide", Enumerable.Range(0, Count).Select(i => "p" + i).ToArray(), [0, Count - 1], false) { }

        protected override long[] Create() => new long[Count];

        protected override void ReadProperty(ref Utf8JsonReader reader, long[] value, int index, JsonSerializerOptions options)
            => value[index] = ReadValue(ref reader, Int64, options, "p" + index);

        protected override void WriteProperties(Utf8JsonWriter writer, long[] value, JsonSerializerOptions options)
        {
            for (int i = 0; i < Count; i++) WriteValue(writer, Encoding.UTF8.GetBytes("p" + i), value[i], Int64, options);
        }
    }

    private static T Read<T>(JsonConverter<T> converter, string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return converter.Read(ref reader, typeof(T), new JsonSerializerOptions())!;
    }

    private static string Write<T>(JsonConverter<T> converter, T value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) converter.Write(writer, value, new JsonSerializerOptions());
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Theory]
    [InlineData("""{"x":1,"label":"a","at":"2024-01-02T03:04:05+00:00"}""")]
    [InlineData("""{"at":"2024-01-02T03:04:05+00:00","label":"a","x":1}""")]
    [InlineData("""{"label":"a","skip":{"deep":[1,2,{"x":9}]},"x":1,"at":"2024-01-02T03:04:05+00:00"}""")]
    [InlineData("""{"\u0078":1,"lab\u0065l":"a","at":"2024-01-02T03:04:05+00:00"}""")]
    public void Reads_properties_in_any_order_skipping_unknown_ones(string json)
    {
        var p = Read(new PointConverter(keepsAdditional: false), json);
        Assert.Equal(1, p.X);
        Assert.Equal("a", p.Label);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), p.At);
        Assert.Null(p.Extra);
    }

    [Fact]
    public void Properties_the_table_does_not_name_go_to_ReadAdditional_when_kept()
    {
        var p = Read(new PointConverter(keepsAdditional: true), """{"y":2,"x":1,"z":3}""");
        Assert.Equal(1, p.X);
        Assert.Equal(new Dictionary<string, long> { ["y"] = 2, ["z"] = 3 }, p.Extra);
        Assert.Equal("""{"x":1,"label":null,"y":2,"z":3}""", Write(new PointConverter(true), p));
    }

    [Fact]
    public void A_missing_required_property_is_reported_by_wire_name_and_a_null_one_by_its_name()
    {
        var missing = Assert.Throws<JsonException>(() => Read(new PointConverter(false), """{"label":"a"}"""));
        Assert.Equal("JSON for 'Point' lacks the required property 'x'.", missing.Message);
        var nulled = Assert.Throws<JsonException>(() => Read(new PointConverter(false), """{"x":null}"""));
        Assert.Contains("'x'", nulled.Message, StringComparison.Ordinal);
        Assert.Throws<JsonException>(() => Read(new PointConverter(false), """[1]"""));
    }

    [Fact]
    public void Writes_set_properties_and_null_references()
    {
        Assert.Equal("""{"x":5,"label":null}""", Write(new PointConverter(false), new Point { X = 5 }));
        Assert.Equal("""{"x":0,"label":"b","at":"2024-01-02T03:04:05+00:00"}""",
            Write(new PointConverter(false), new Point { Label = "b", At = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero) }));
    }

    [Fact]
    public void Many_properties_are_tracked_too()
    {
        var converter = new WideConverter();
        var values = Enumerable.Range(0, WideConverter.Count).Select(i => (long)i * 3).ToArray();
        string json = Write(converter, values);
        Assert.Equal(values, Read(converter, json));
        string withoutLast = json.Replace(",\"p299\":897", string.Empty, StringComparison.Ordinal);
        Assert.NotEqual(json, withoutLast);
        var e = Assert.Throws<JsonException>(() => Read(converter, withoutLast));
        Assert.Contains("'p299'", e.Message, StringComparison.Ordinal);
    }

    private readonly struct Color(string value)
    {
        public string Value { get; } = value;
    }

    private sealed class ColorConverter : StringEnumConverter<Color>
    {
        protected override Color Create(string value) => new(value);

        protected override string ToWire(Color value) => value.Value;
    }

    [Fact]
    public void String_enums_keep_any_value()
    {
        Assert.Equal("teal", Read(new ColorConverter(), "\"teal\"").Value);
        Assert.Equal("\"red\"", Write(new ColorConverter(), new Color("red")));
    }

    [Fact]
    public async Task ValueAsync_gives_the_body_of_the_response()
    {
        var response = Task.FromResult(new ApiResponse<string>(200, new Dictionary<string, IEnumerable<string>>(), "body"));
        Assert.Equal("body", await Portico.Http.ApiClientCore.ValueAsync(response));
        var failed = Task.FromException<ApiResponse<string>>(new InvalidOperationException("no"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Portico.Http.ApiClientCore.ValueAsync(failed));
    }
}
