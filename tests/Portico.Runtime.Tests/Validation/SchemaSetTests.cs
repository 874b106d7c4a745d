using System.Text.Json;
using Portico.Validation;
using Xunit;

namespace Portico.Runtime.Tests.Validation;

/// <summary>The validation interpreter and its helpers, on rules written by hand as the generator writes them.</summary>
public sealed class SchemaSetTests
{
    // 0: Order { id (uuid), placedAt (date-time), total (number, multipleOf 0.01, exclusive 0 .. max 1000), lines (1..3 unique Line), note? (string <= 5 code points) }
    // 1: Line { sku (pattern), quantity (int32, >= 1) }, no additional properties
    // 2.. inline
    private static readonly SchemaSet s_set = new(
    [
        new SchemaNode
        {
            Name = "Order", Type = JsonTypes.Object, Required = ["id", "lines"],
            Properties = [new("id", 2), new("placedAt", 3), new("total", 4), new("lines", 5), new("note", 6), new("kind", 7), new("serial", 8)],
        },
        new SchemaNode { Name = "Line", Type = JsonTypes.Object, Required = ["sku"], Properties = [new("sku", 9), new("quantity", 10)], AdditionalProperties = SchemaSet.NoValue },
        new SchemaNode { Type = JsonTypes.String, Format = "uuid" },
        new SchemaNode { Type = JsonTypes.String, Format = "date-time" },
        new SchemaNode { Type = JsonTypes.Number, MultipleOf = 0.01, ExclusiveMinimum = 0, Maximum = 1000 },
        new SchemaNode { Type = JsonTypes.Array, Items = 1, MinItems = 1, MaxItems = 3, UniqueItems = true },
        new SchemaNode { Type = JsonTypes.String, MaxLength = 5, Nullable = true },
        new SchemaNode { EnumStrings = ["a", "b"] },
        new SchemaNode { Type = JsonTypes.Integer, ReadOnly = true },
        new SchemaNode { Type = JsonTypes.String, Pattern = "^[A-Z]{2}-\\d+$" },
        new SchemaNode { Type = JsonTypes.Integer, Format = "int32", Minimum = 1 },
    ]);

    private const string ValidOrder = """
        {"id":"5a8e3c1e-7f0b-4d8e-9c61-2b7f7f1c0a11","placedAt":"2024-02-29T22:59:60.5-01:00","total":19.99,
         "lines":[{"sku":"AB-1","quantity":2},{"sku":"AB-2"}],"note":null,"kind":"a"}
        """;

    private static ValidationResult Validate(int index, string json, ValidationDirection direction = ValidationDirection.None)
    {
        using var doc = JsonDocument.Parse(json);
        return s_set[index].Validate(doc.RootElement, direction);
    }

    private static string[] Errors(ValidationResult r) => r.Errors.Select(e => e.Path + " " + e.Keyword).ToArray();

    [Fact]
    public void Errors_of_a_value_checked_under_a_member_of_ones_own_carry_the_prefix_the_member_and_their_place()
    {
        var set = new SchemaSet(
        [
            new SchemaNode { Type = JsonTypes.Object, Properties = [new("a/b", 1), new("list", 2)], AdditionalProperties = SchemaSet.NoValue },
            new SchemaNode { Type = JsonTypes.Integer },
            new SchemaNode { Type = JsonTypes.Array, Items = 1 },
        ]);
        const string json = """{"a/b":"x","list":[1,"2",3,true],"zz":0}""";
        foreach (bool asText in new[] { false, true })
        {
            var collector = new ValidationCollector { Prefix = "body" };
            collector.Push("items");
            collector.Push("0");
            using var doc = JsonDocument.Parse(json);
            bool valid = asText ? set.Validate(0, System.Text.Encoding.UTF8.GetBytes(json), collector) : set.Validate(0, doc.RootElement, collector);
            collector.Pop();
            collector.Pop();
            Assert.False(valid);
            Assert.Equal(["body/items/0/a~1b type", "body/items/0/list/1 type", "body/items/0/list/3 type", "body/items/0/zz additionalProperties"],
                collector.Errors.Select(e => e.Path + " " + e.Keyword));
            // A check of one's own afterwards lands at the collector's own position again.
            collector.Add("custom", "A rule of one's own.");
            Assert.Equal("body", collector.Errors[^1].Path);
        }
    }

    [Fact]
    public void Valid_value_has_no_errors_and_shares_the_success_result()
    {
        var r = Validate(0, ValidOrder);
        Assert.True(r.IsValid, r.ToString());
        Assert.Same(ValidationResult.Success, r);
    }

    [Fact]
    public void Every_error_is_reported_with_its_pointer_and_keyword()
    {
        const string bad = """
            {"id":"5a8e3c1e-7f0b-4d8e-9c61","placedAt":"2024-02-30T10:00:00Z","total":0,
             "lines":[{"sku":"ab-1","quantity":0,"extra":1},{"sku":"AB-2"},{"sku":"AB-2"},{"sku":"AB-3"}],"note":"😀😀😀😀😀😀","kind":"c","serial":1}
            """;
        var r = Validate(0, bad, ValidationDirection.Request);
        Assert.Equal(
        [
            "/id format", "/placedAt format", "/total exclusiveMinimum", "/lines maxItems", "/lines/0/sku pattern", "/lines/0/quantity minimum",
            "/lines/0/extra additionalProperties", "/lines uniqueItems", "/note maxLength", "/kind enum", "/serial readOnly",
        ], Errors(r));
        Assert.All(r.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Fact]
    public void Pointers_name_members_by_their_unescaped_names_in_any_order()
    {
        // Members out of the schema's order, an escaped member name, names with '/' and '~', and a value reached twice
        // through allOf: every pointer is spelled from the document, whatever order the validator met it in.
        var set = new SchemaSet(
        [
            new SchemaNode { Type = JsonTypes.Object, Properties = [new("a", 1), new("b", 1), new("c/d~e", 2)], AdditionalProperties = 1 },
            new SchemaNode { Type = JsonTypes.Integer },
            new SchemaNode { Type = JsonTypes.Array, Items = 3 },
            new SchemaNode { AllOf = [4, 5] },
            new SchemaNode { Type = JsonTypes.Object, Properties = [new("x", 1)] },
            new SchemaNode { Type = JsonTypes.Object, Required = ["y"] },
        ]);
        using var doc = JsonDocument.Parse("""{"b":"no","\u0061":true,"c/d~e":[{"x":1,"y":2},{"x":"z"}],"more":"q","grüße":"r"}""");
        var r = set[0].Validate(doc.RootElement);
        Assert.Equal(["/b type", "/a type", "/c~1d~0e/1/x type", "/c~1d~0e/1 required", "/more type", "/grüße type"], Errors(r));
    }

    [Fact]
    public void Required_and_types_are_checked_and_read_only_properties_are_not_required_in_requests()
    {
        var missing = Validate(0, """{"id":"5a8e3c1e-7f0b-4d8e-9c61-2b7f7f1c0a11"}""");
        Assert.Equal([" required"], Errors(missing));
        Assert.Contains("'lines'", missing.Errors[0].Message);
        // 'serial' is read-only: a request must not carry it, and a response may.
        Assert.True(Validate(0, """{"id":"5a8e3c1e-7f0b-4d8e-9c61-2b7f7f1c0a11","lines":[{"sku":"AB-1"}],"serial":3}""", ValidationDirection.Response).IsValid);
        Assert.Equal([" required", " required"], Errors(Validate(0, "{}")));
        Assert.Equal([" type"], Errors(Validate(0, "[]")));
        Assert.Equal(["/lines/0 type"], Errors(Validate(0, """{"id":"5a8e3c1e-7f0b-4d8e-9c61-2b7f7f1c0a11","lines":[1]}""")));
    }

    [Theory]
    [InlineData("0.3", true)]
    [InlineData("19.99", true)]
    [InlineData("1000", true)]
    [InlineData("1000.001", false)]
    [InlineData("0.015", false)]
    [InlineData("1e2", true)]
    public void MultipleOf_is_exact_in_decimal(string total, bool valid)
        => Assert.Equal(valid, Validate(4, total).IsValid);

    [Theory]
    [InlineData("2147483647", true)]
    [InlineData("2147483648", false)]
    [InlineData("1.0", true)]
    [InlineData("1.5", false)]
    public void Int32_format_and_integer_type(string value, bool valid)
        => Assert.Equal(valid, Validate(10, value).IsValid);

    [Theory]
    [InlineData("date-time", "2024-02-29T12:30:00Z", true)]
    [InlineData("date-time", "2024-02-29t12:30:00.123456789-08:00", true)]
    [InlineData("date-time", "2023-02-29T12:30:00Z", false)]
    [InlineData("date-time", "2024-02-29T24:00:00Z", false)]
    [InlineData("date-time", "2024-02-29T12:30:00", false)]
    [InlineData("date", "2024-12-31", true)]
    [InlineData("date", "2024-13-01", false)]
    [InlineData("uuid", "5A8E3C1E-7F0B-4D8E-9C61-2B7F7F1C0A11", true)]
    [InlineData("uuid", "{5a8e3c1e-7f0b-4d8e-9c61-2b7f7f1c0a11}", false)]
    [InlineData("email", "ann@example.com", true)]
    [InlineData("email", "ann@@example.com", false)]
    [InlineData("email", "ann example@x.org", false)]
    [InlineData("uri", "https://example.com/a?b=c", true)]
    [InlineData("uri", "/relative/path", false)]
    [InlineData("uri", "http://example.com", true)]
    [InlineData("uri", "https://", true)]
    [InlineData("uri", "https://api.github.com:8443/repos/octocat/Hello-World/pulls/1347?state=open&page=2#top", true)]
    [InlineData("uri", "HTTPS://EXAMPLE.COM/A", true)]
    [InlineData("uri", "https://user:pw@example.com/", true)]
    [InlineData("uri", "https://[2001:db8::1]:8080/a", true)]
    [InlineData("uri", "https://[2001:db8::zz]/a", false)]
    [InlineData("uri", "https://ex%41mple.com/%7Euser", true)]
    [InlineData("uri", "https://example.com/%zz", false)]
    [InlineData("uri", "https://example.com/a%2", false)]
    [InlineData("uri", "https://example.com:80x/", false)]
    [InlineData("uri", "https://exa mple.com/", false)]
    [InlineData("uri", "https://example.com/a b", false)]
    [InlineData("uri", "https://example.com/a#b?c/d", true)]
    [InlineData("uri", "https://example.com/a#b#c", false)]
    [InlineData("uri", "https://example.com/{id}", false)]
    [InlineData("uri", "http:/absolute/path", true)]
    [InlineData("uri", "mailto:ann@example.com", true)]
    [InlineData("uri", "urn:isbn:0451450523", true)]
    [InlineData("uri", "git+ssh://git@github.com/o/r.git", true)]
    [InlineData("uri", "1http://example.com", false)]
    [InlineData("uri", "https//example.com", false)]
    [InlineData("uri", "http://exämple.com", false)]
    [InlineData("ipv4", "192.168.0.1", true)]
    [InlineData("ipv4", "192.168.0.256", false)]
    [InlineData("ipv4", "01.2.3.4", false)]
    [InlineData("ipv6", "2001:db8::1", true)]
    [InlineData("ipv6", "2001:db8:::1", false)]
    [InlineData("ipv6", "1.2.3.4", false)]
    [InlineData("byte", "AAAA", true)]
    [InlineData("byte", "aGk=", true)]
    [InlineData("byte", "a", false)]
    [InlineData("byte", "a$b=", false)]
    [InlineData("unknown-format", "anything", true)]
    public void Formats(string format, string value, bool valid) => Assert.Equal(valid, Portico.Validation.Formats.IsValid(format, value));

    [Fact]
    public void Length_counts_code_points()
    {
        Assert.Equal(2, Portico.Validation.Formats.CodePointLength("😀é"));
        Assert.True(Validate(6, "\"😀😀😀😀😀\"").IsValid);
        Assert.False(Validate(6, "\"😀😀😀😀😀😀\"").IsValid);
    }

    [Fact]
    public void Json_equality_ignores_number_form_and_property_order()
    {
        using var a = JsonDocument.Parse("""{"x":[1,{"p":1,"q":"s"}],"y":null}""");
        using var b = JsonDocument.Parse("""{"y":null,"x":[1.0,{"q":"s","p":1e0}]}""");
        using var c = JsonDocument.Parse("""{"y":null,"x":[1.0,{"q":"t","p":1}]}""");
        Assert.True(JsonValues.DeepEquals(a.RootElement, b.RootElement));
        Assert.False(JsonValues.DeepEquals(a.RootElement, c.RootElement));
    }

    [Fact]
    public void Composition_discriminator_and_not()
    {
        var set = new SchemaSet(
        [
            new SchemaNode { Name = "Pet", OneOf = [1, 2], DiscriminatorProperty = "type", DiscriminatorCases = [new("cat", 1), new("dog", 2)] },
            new SchemaNode { Name = "Cat", Type = JsonTypes.Object, Required = ["type", "lives"] },
            new SchemaNode { Name = "Dog", Type = JsonTypes.Object, Required = ["type", "bark"] },
            new SchemaNode { AnyOf = [4, 5], Not = 6 },
            new SchemaNode { Type = JsonTypes.String },
            new SchemaNode { Type = JsonTypes.Integer },
            new SchemaNode { ConstJson = "\"forbidden\"" },
        ]);
        ValidationResult V(int i, string json) { using var d = JsonDocument.Parse(json); return set[i].Validate(d.RootElement); }
        Assert.True(V(0, """{"type":"cat","lives":9}""").IsValid);
        Assert.Equal(["/ required"], V(0, """{"type":"dog","lives":9}""").Errors.Select(e => "/" + e.Path + " " + e.Keyword));
        Assert.Equal("discriminator", Assert.Single(V(0, """{"type":"cow"}""").Errors).Keyword);
        Assert.True(V(3, "\"ok\"").IsValid);
        Assert.True(V(3, "3").IsValid);
        Assert.Equal("anyOf", Assert.Single(V(3, "true").Errors).Keyword);
        Assert.Equal("not", Assert.Single(V(3, "\"forbidden\"").Errors).Keyword);
    }

    [Fact]
    public void Recursive_schemas_validate_nested_values_and_cycles_without_input_stop()
    {
        var set = new SchemaSet(
        [
            new SchemaNode { Name = "Tree", Type = JsonTypes.Object, Properties = [new("children", 1)] },
            new SchemaNode { Type = JsonTypes.Array, Items = 0 },
            new SchemaNode { Name = "Loop", AllOf = [2] },
        ]);
        using var tree = JsonDocument.Parse("""{"children":[{"children":[{"children":[1]}]}]}""");
        Assert.Equal("/children/0/children/0/children/0", Assert.Single(set[0].Validate(tree.RootElement).Errors).Path);
        using var any = JsonDocument.Parse("1");
        Assert.Equal("$ref", Assert.Single(set[2].Validate(any.RootElement).Errors).Keyword);
    }

    [Fact]
    public void Patterns_follow_ecmascript_and_hostile_input_cannot_hang()
    {
        // ECMAScript mode: \d is ASCII only (.NET's own syntax would accept Arabic-Indic digits).
        Assert.True(Validate(9, "\"AB-12\"").IsValid);
        Assert.False(Validate(9, "\"AB-١٢\"").IsValid);
        Assert.Null(PatternCache.Get("[a-"));
        var set = new SchemaSet([new SchemaNode { Type = JsonTypes.String, Pattern = "^(a+)+$" }]);
        using var doc = JsonDocument.Parse("\"" + new string('a', 40) + "!\"");
        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(set[0].Validate(doc.RootElement).IsValid);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Utf8_and_typed_entry_points()
    {
        Assert.True(s_set[0].Validate(System.Text.Encoding.UTF8.GetBytes(ValidOrder).AsMemory()).IsValid);
        Assert.Equal("json", Assert.Single(s_set[0].Validate("{".AsMemory().ToArray().Select(c => (byte)c).ToArray().AsMemory()).Errors).Keyword);
        var info = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<string>)System.Text.Json.Serialization.Metadata.JsonTypeInfo.CreateJsonTypeInfo(typeof(string), new JsonSerializerOptions { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() });
        Assert.True(s_set[9].ValidateValue("XY-7", info).IsValid);
        Assert.False(s_set[9].ValidateValue("xy-7", info).IsValid);
    }

    [Fact]
    public void Warm_validation_of_a_valid_payload_allocates_nothing()
    {
        // Only rules that need a string's text (length, pattern, string formats, uniqueItems or non-string enums over
        // strings) read it; this payload's rules do not: string enums compare in place.
        var set = new SchemaSet(
        [
            new SchemaNode { Type = JsonTypes.Object, Required = ["id", "tags", "kind"], Properties = [new("id", 1), new("tags", 2), new("kind", 3), new("price", 4), new("ids", 5)], AdditionalProperties = SchemaSet.NoValue },
            new SchemaNode { Type = JsonTypes.Integer, Minimum = 1, Format = "int64" },
            new SchemaNode { Type = JsonTypes.Array, Items = 3, MaxItems = 10 },
            new SchemaNode { Type = JsonTypes.String, EnumStrings = ["cat", "dog", "bird"] },
            new SchemaNode { Type = JsonTypes.Number, MultipleOf = 0.01, Maximum = 1000, MinimumExclusive = true, Minimum = 0 },
            new SchemaNode { Type = JsonTypes.Array, Items = 1, UniqueItems = true, MinItems = 1 },
        ]);
        using var doc = JsonDocument.Parse("""{"id":42,"tags":["cat","dog","bird"],"kind":"dog","price":12.5,"ids":[1,2,3.5e1,4]}""");
        var validator = set[0];
        for (int i = 0; i < 3; i++) Assert.True(validator.Validate(doc.RootElement).IsValid);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) validator.Validate(doc.RootElement);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Warm_validation_of_strings_with_lengths_patterns_and_formats_allocates_nothing()
    {
        // Strings are measured, matched and format-checked on the document's bytes: short ones decode on the stack, long
        // ones (over 256 bytes) into a pooled buffer, escaped ones through the reader; none becomes a string.
        var set = new SchemaSet(
        [
            new SchemaNode
            {
                Type = JsonTypes.Object, Required = ["id", "url", "at"],
                Properties = [new("id", 1), new("url", 2), new("at", 3), new("email", 4), new("ip", 5), new("ip6", 6), new("code", 7), new("body", 8), new("day", 9), new("host", 10), new("data", 11), new("tags", 12)],
            },
            new SchemaNode { Type = JsonTypes.String, Format = "uuid" },
            new SchemaNode { Type = JsonTypes.String, Format = "uri", MaxLength = 5000 },
            new SchemaNode { Type = JsonTypes.String, Format = "date-time" },
            new SchemaNode { Type = JsonTypes.String, Format = "email" },
            new SchemaNode { Type = JsonTypes.String, Format = "ipv4" },
            new SchemaNode { Type = JsonTypes.String, Format = "ipv6" },
            new SchemaNode { Type = JsonTypes.String, Pattern = "^[A-Z]{2}-\\d+$", MinLength = 3 },
            new SchemaNode { Type = JsonTypes.String, MaxLength = 5000 },
            new SchemaNode { Type = JsonTypes.String, Format = "date" },
            new SchemaNode { Type = JsonTypes.String, Format = "hostname" },
            new SchemaNode { Type = JsonTypes.String, Format = "byte" },
            new SchemaNode { Type = JsonTypes.Array, Items = 7, UniqueItems = true },
        ]);
        string longUrl = "https://api.example.com/" + new string('a', 400) + "?q=%20x#frag";
        string json = "{\"id\":\"5a8e3c1e-7f0b-4d8e-9c61-2b7f7f1c0a11\",\"url\":\"" + longUrl + "\",\"at\":\"2024-02-29T12:30:00.5Z\","
            + "\"email\":\"ann@example.com\",\"ip\":\"10.0.0.1\",\"ip6\":\"2001:db8::1\",\"code\":\"AB-\\u0031\\u0032\","
            + "\"body\":\"line one\\nline two \\u00e9\\ud83d\\ude00\",\"day\":\"2024-12-31\",\"host\":\"api.example.com\",\"data\":\"aGk=\","
            + "\"tags\":[\"AB-1\",\"AB-2\",\"CD-3\"]}";
        using var doc = JsonDocument.Parse(json);
        var validator = set[0];
        for (int i = 0; i < 3; i++) Assert.True(validator.Validate(doc.RootElement).IsValid, validator.Validate(doc.RootElement).ToString());
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) validator.Validate(doc.RootElement);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);

        // The same checks still see the text: an escaped value that breaks the pattern, a long one over its limit.
        using var bad = JsonDocument.Parse(json.Replace("AB-\\u0031", "ab-\\u0031").Replace("\"day\":\"2024-12-31\"", "\"day\":\"2024-02-30\""));
        Assert.Equal(["/code pattern", "/day format"], Errors(validator.Validate(bad.RootElement)));
        var tooLong = new SchemaSet([new SchemaNode { Type = JsonTypes.String, MaxLength = 300, Format = "uri" }]);
        using var longDoc = JsonDocument.Parse("\"" + longUrl + "\"");
        Assert.Equal(" maxLength", Assert.Single(Errors(tooLong[0].Validate(longDoc.RootElement))));
        using var escapedLength = JsonDocument.Parse("\"\\ud83d\\ude00\\ud83d\\ude00\"");
        Assert.True(new SchemaSet([new SchemaNode { Type = JsonTypes.String, MaxLength = 2 }])[0].Validate(escapedLength.RootElement).IsValid);
        Assert.False(new SchemaSet([new SchemaNode { Type = JsonTypes.String, MaxLength = 1 }])[0].Validate(escapedLength.RootElement).IsValid);
    }

    [Theory]
    [InlineData("\"abc\"", 0, 3, true)]
    [InlineData("\"abcd\"", 0, 3, false)]
    [InlineData("\"\\u0041\\u0042\\u0043\"", 0, 3, true)] // 18 raw bytes, 3 characters
    [InlineData("\"\\u0041\\u0042\\u0043\\u0044\"", 0, 3, false)]
    [InlineData("\"é\"", 2, -1, false)] // 2 bytes, 1 code point
    [InlineData("\"éé\"", 2, -1, true)]
    [InlineData("\"😀😀\"", 0, 2, true)] // 8 bytes, 2 code points
    [InlineData("\"😀😀😀\"", 0, 2, false)]
    [InlineData("\"\"", 1, -1, false)]
    [InlineData("\"\\n\"", 1, 1, true)]
    public void Lengths_are_code_points_whatever_the_bytes(string json, int min, int max, bool valid)
    {
        // The same string as a member (decided without the full check when the byte count settles it) and as the root.
        var set = new SchemaSet(
        [
            new SchemaNode { Type = JsonTypes.Object, Properties = [new("s", 1)] },
            new SchemaNode { Type = JsonTypes.String, MinLength = min, MaxLength = max },
        ]);
        using var member = JsonDocument.Parse("{\"s\":" + json + "}");
        using var root = JsonDocument.Parse(json);
        Assert.Equal(valid, set[0].Validate(member.RootElement).IsValid);
        Assert.Equal(valid, set[1].Validate(root.RootElement).IsValid);
        Assert.Equal(valid, set[0].IsValid(System.Text.Encoding.UTF8.GetBytes("{\"s\":" + json + "}")));
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("-0", true)]
    [InlineData("1.0", true)]
    [InlineData("1e2", true)]
    [InlineData("1E-2", false)]
    [InlineData("1.5", false)]
    [InlineData("\"1\"", false)]
    [InlineData("null", false)]
    [InlineData("true", false)]
    public void Integer_members_and_items(string value, bool valid)
    {
        var set = new SchemaSet(
        [
            new SchemaNode { Type = JsonTypes.Object, Properties = [new("n", 1), new("list", 2)] },
            new SchemaNode { Type = JsonTypes.Integer },
            new SchemaNode { Type = JsonTypes.Array, Items = 1 },
        ]);
        using var doc = JsonDocument.Parse("{\"n\":" + value + ",\"list\":[3," + value + "]}");
        var result = set[0].Validate(doc.RootElement);
        Assert.Equal(valid, result.IsValid);
        if (!valid) Assert.Equal(["/n type", "/list/1 type"], Errors(result));
    }
}
