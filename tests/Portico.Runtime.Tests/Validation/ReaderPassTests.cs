using System.Text;
using System.Text.Json;
using Portico.Validation;
using Xunit;

namespace Portico.Runtime.Tests.Validation;

/// <summary>The reader pass: UTF-8 text shown valid without a document, agreeing with the document-based validator.</summary>
public sealed class ReaderPassTests
{
    // 0: Shape, a oneOf of Circle and Square with a discriminator 'kind'
    // 1: Circle { kind, radius > 0 }   2: Square { kind, side int32 }   3: Tagged: allOf [Named, { required: [name] }]
    // 4: Named { name (pattern), note? (nullable, <= 3 code points) }   5: Order (request direction) { id readOnly, items 1..3 unique strings }
    // 6: anyOf [integer, string uuid]   7: not string   8..: inline
    // 23: Mixed { a: anyOf [integer, uuid], b: oneOf [integer, number], c: nullable anyOf [{ x: integer }], d: allOf [string, maxLength 2], e: [anyOf [integer, uuid]] }
    private static readonly SchemaSet s_set = new(
    [
        new SchemaNode { Name = "Shape", OneOf = [1, 2], DiscriminatorProperty = "kind", DiscriminatorCases = [new("circle", 1), new("square", 2)] },
        new SchemaNode { Name = "Circle", Type = JsonTypes.Object, Required = ["kind", "radius"], Properties = [new("kind", 8), new("radius", 9)] },
        new SchemaNode { Name = "Square", Type = JsonTypes.Object, Required = ["kind", "side"], Properties = [new("kind", 8), new("side", 10)], AdditionalProperties = SchemaSet.NoValue },
        new SchemaNode { Name = "Tagged", AllOf = [4, 11] },
        new SchemaNode { Name = "Named", Type = JsonTypes.Object, Properties = [new("name", 12), new("note", 13)], MaxProperties = 3 },
        new SchemaNode { Name = "Order", Type = JsonTypes.Object, Required = ["id", "items"], Properties = [new("id", 14), new("items", 15)] },
        new SchemaNode { AnyOf = [16, 17] },
        new SchemaNode { Not = 18 },
        new SchemaNode { Type = JsonTypes.String },
        new SchemaNode { Type = JsonTypes.Number, ExclusiveMinimum = 0 },
        new SchemaNode { Type = JsonTypes.Integer, Format = "int32" },
        new SchemaNode { Required = ["name"] },
        new SchemaNode { Type = JsonTypes.String, Pattern = "^[a-z]+$" },
        new SchemaNode { Type = JsonTypes.String, MaxLength = 3, Nullable = true },
        new SchemaNode { Type = JsonTypes.Integer, ReadOnly = true },
        new SchemaNode { Type = JsonTypes.Array, Items = 8, MinItems = 1, MaxItems = 3, UniqueItems = true },
        new SchemaNode { Type = JsonTypes.Integer },
        new SchemaNode { Type = JsonTypes.String, Format = "uuid" },
        new SchemaNode { Type = JsonTypes.String },
        new SchemaNode { OneOf = [16, 20] },
        new SchemaNode { Type = JsonTypes.Number },
        new SchemaNode { AnyOf = [22], Nullable = true },
        new SchemaNode { Type = JsonTypes.Object, Required = ["x"], Properties = [new("x", 16)] },
        new SchemaNode { Name = "Mixed", Type = JsonTypes.Object, Properties = [new("a", 6), new("b", 19), new("c", 21), new("d", 24), new("e", 26)] },
        new SchemaNode { AllOf = [8, 25] },
        new SchemaNode { MaxLength = 2 },
        new SchemaNode { Type = JsonTypes.Array, Items = 6 },
        new SchemaNode { Name = "Status", Type = JsonTypes.String | JsonTypes.Null, EnumStrings = ["open", "a\\b"] },
        new SchemaNode { Type = JsonTypes.Object, Properties = [new("s", 27)] },
        new SchemaNode { Name = "Deep", Type = JsonTypes.Object, Properties = [new("list", 30), new("a/b~c", 16), new("é", 16), new("tags", 31)], Required = ["must"], AdditionalProperties = SchemaSet.NoValue },
        new SchemaNode { Type = JsonTypes.Array, Items = 1, MinItems = 3 },
        new SchemaNode { Type = JsonTypes.Array, Items = 25, UniqueItems = true, MaxItems = 2 },
        new SchemaNode { AnyOf = [33, 22] },
        new SchemaNode { Type = JsonTypes.String, MaxLength = 2 },
        new SchemaNode { Name = "Expandable", Type = JsonTypes.Object, Properties = [new("w", 32), new("v", 35), new("n", 36)] },
        new SchemaNode { AnyOf = [13, 16] },
        new SchemaNode { AnyOf = [33, 22], Nullable = true },
    ]);

    public static TheoryData<int, string> Payloads => new()
    {
        { 0, """{"kind":"circle","radius":2.5}""" },
        { 0, """{"radius":2.5,"kind":"circle"}""" },
        { 0, """{"kind":"circle","radius":0}""" },
        { 0, """{"kind":"square","side":3}""" },
        { 0, """{"kind":"square","side":3,"extra":true}""" },
        { 0, """{"kind":"square","side":3000000000}""" },
        { 0, """{"kind":"triangle","side":3}""" },
        { 0, """{"side":3}""" },
        { 0, """{"kind":5}""" },
        { 0, """[1]""" },
        { 3, """{"name":"ann","note":null}""" },
        { 3, """{"n\u0061me":"ann","note":"\u00e9\u00e9\u00e9"}""" },
        { 3, """{"name":"ann","note":"\u00e9\u00e9\u00e9\u00e9"}""" },
        { 3, """{"note":"ab"}""" },
        { 3, """{"name":"Ann"}""" },
        { 3, """{"name":"ann","a":1,"b":2,"c":3}""" },
        { 5, """{"items":["a","b"]}""" },
        { 5, """{"id":1,"items":["a","b"]}""" },
        { 5, """{"items":["a","a"]}""" },
        { 5, """{"items":["\u00e9","é"]}""" },
        { 5, """{"items":["é","\u00e9"]}""" },
        { 5, """{"items":["a\n","a\u000a"]}""" },
        { 5, """{"items":["a\n","a"]}""" },
        { 5, """{"items":[]}""" },
        { 5, """{"items":["a","b","c","d"]}""" },
        { 6, "42" },
        { 6, "\"5a8e3c1e-7f0b-4d8e-9c61-2b7f7f1c0a11\"" },
        { 6, "\"not-a-uuid\"" },
        { 6, "4.5" },
        { 7, "1" },
        { 7, "{\"a\":[1,{\"b\":\"c\"}]}" },
        { 7, "\"text\"" },
        { 23, """{"a":1,"b":1.5,"c":{"x":1},"d":"ab","e":[1,"5a8e3c1e-7f0b-4d8e-9c61-2b7f7f1c0a11"]}""" },
        { 23, """{"a":true}""" },
        { 23, """{"b":5}""" },
        { 23, """{"c":null}""" },
        { 23, """{"c":{"x":"1"}}""" },
        { 23, """{"c":{}}""" },
        { 23, """{"d":"abc"}""" },
        { 23, """{"d":"\u0061\u0062"}""" },
        { 23, """{"d":5}""" },
        { 23, """{"e":[1,"x"]}""" },
        { 23, """{"e":[1.5]}""" },
        { 28, """{"s":"open"}""" },
        { 28, """{"s":"\u006fpen"}""" },
        { 28, """{"s":"a\\b"}""" },
        { 28, """{"s":"closed"}""" },
        { 28, """{"s":null}""" },
        { 28, """{"s":1}""" },
        // Many errors at many depths: counts listed before items, uniqueness after them, names that need escaping.
        { 29, """{"list":[{"kind":"circle","radius":0},{"kind":1}],"a/b~c":"x","\u00e9":1.5,"tags":["abc","abc","x"],"extra":{"deep":[1]}}""" },
        { 29, """{"a\/b~c":true,"é":null,"tags":[1,1],"list":{},"must":0}""" },
        { 29, """{"list":[[],{"kind":"square","side":1,"more":1}],"tags":["a","a"],"must":[]}""" },
        // anyOf wrappers of an ID string or an object, decided in place for scalars when a branch shows them valid.
        { 34, """{"w":"ab","v":null,"n":null}""" },
        { 34, """{"w":{"x":1},"v":7,"n":"ab"}""" },
        { 34, """{"w":"abc"}""" },
        { 34, """{"w":null}""" },
        { 34, """{"w":5}""" },
        { 34, """{"w":{"x":"1"}}""" },
        { 34, """{"v":"abcd"}""" },
        { 34, """{"v":true}""" },
        { 34, """{"n":"\u0061b"}""" },
        { 34, """{"n":false}""" },
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public void The_reader_pass_agrees_with_the_document_validator(int schema, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        using var doc = JsonDocument.Parse(json);
        var direction = schema == 5 ? ValidationDirection.Request : ValidationDirection.None;
        var expected = s_set[schema].Validate(doc.RootElement, direction);
        // No rule of this set is left to the document, so the pass decides both ways.
        Assert.Equal(expected.IsValid, s_set.IsValid(schema, bytes, direction));
        // The bytes entry point reports the same errors as the element one, in the same order, without a document.
        var viaBytes = s_set[schema].Validate(bytes, direction);
        Assert.Equal(expected.Errors.Select(e => e.ToString()), viaBytes.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Errors_found_in_text_carry_the_pointer_keyword_and_message_of_the_document_validator()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"list":[{"kind":"circle","radius":0},{"kind":1}],"a\/b~c":"x","\u00e9":1.5,"tags":["abc","abc","x"],"extra":{"deep":[1]}}""");
        var collector = new ValidationCollector { Prefix = "body" };
        Assert.False(s_set.Validate(29, bytes, collector));
        Assert.Equal(
        [
            "body/list minItems The array has 2 items; at least 3 are required.",
            "body/list/0/radius exclusiveMinimum The number must be greater than 0.",
            "body/list/1/kind type Expected string but found integer.",
            "body/list/1 required The required property 'radius' is missing.",
            "body/a~1b~0c type Expected integer but found string.",
            "body/é type Expected integer but found number.",
            "body/tags maxItems The array has 3 items; at most 2 are allowed.",
            "body/tags/0 maxLength The string has 3 characters; at most 2 are allowed.",
            "body/tags/1 maxLength The string has 3 characters; at most 2 are allowed.",
            "body/tags uniqueItems Items 0 and 1 are equal; items must be unique.",
            "body/extra additionalProperties The property is not allowed (additionalProperties is false).",
            "body required The required property 'must' is missing.",
        ], collector.Errors.Select(e => e.Path + " " + e.Keyword + " " + e.Message));
    }

    [Theory]
    [InlineData("""{"p0":1,"p65":1,"p69":1}""", "")]
    [InlineData("""{"p69":1,"p0":1,"p65":1,"p3":1}""", "")]
    [InlineData("""{"p0":1,"p69":1}""", "p65")]
    [InlineData("""{"p65":1,"p64":1,"p63":1}""", "p0 p69")]
    [InlineData("""{"p0":1,"p65":1,"p69":1,"p1":"x"}""", "")] // p1 is of no type: anything goes
    public void Required_properties_of_a_wide_object_are_told_apart_across_words(string json, string missing)
    {
        // 70 declared properties: the ones present are kept as bits in two 64-bit words.
        var props = Enumerable.Range(0, 70).Select(i => new SchemaProperty("p" + i, 1)).ToArray();
        var set = new SchemaSet([new SchemaNode { Type = JsonTypes.Object, Properties = props, Required = ["p0", "p65", "p69"] }, new SchemaNode()]);
        var bytes = Encoding.UTF8.GetBytes(json);
        using var doc = JsonDocument.Parse(json);
        foreach (var result in new[] { set[0].Validate(doc.RootElement), set[0].Validate(bytes) })
        {
            Assert.Equal(missing, string.Join(" ", result.Errors.Select(e => e.Message.Split('\'')[1])));
            Assert.All(result.Errors, e => Assert.Equal("required", e.Keyword));
        }
        Assert.Equal(missing.Length == 0, set.IsValid(0, bytes));
    }

    [Fact]
    public void A_branch_the_pass_cannot_decide_leaves_oneOf_and_not_to_the_document()
    {
        // [1] equals the enum's one value and is an array: both branches of oneOf match, and so does the schema of not.
        var set = new SchemaSet(
        [
            new SchemaNode { OneOf = [1, 2] },
            new SchemaNode { EnumJson = "[[1]]" },
            new SchemaNode { Type = JsonTypes.Array },
            new SchemaNode { Not = 1 },
        ]);
        var bytes = Encoding.UTF8.GetBytes("[1]");
        Assert.False(set.IsValid(0, bytes));
        Assert.Equal("oneOf", Assert.Single(set[0].Validate(bytes).Errors).Keyword);
        Assert.False(set.IsValid(3, bytes));
        Assert.Equal("not", Assert.Single(set[3].Validate(bytes).Errors).Keyword);
        Assert.True(set[3].Validate(Encoding.UTF8.GetBytes("[2]")).IsValid);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("1.0", true)] // numbers compare by value
    [InlineData("2.5", true)]
    [InlineData("\"x\"", true)]
    [InlineData("\"\\u0078\"", true)] // escaped, still the value
    [InlineData("null", true)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("3", false)]
    [InlineData("\"1\"", false)]
    [InlineData("{\"a\":1}", false)] // no value is an object: decided without the document
    public void Enums_of_scalars_are_decided_by_the_pass(string json, bool valid)
    {
        var set = new SchemaSet([new SchemaNode { EnumJson = "[1, 2.5, \"x\", null, true]" }, new SchemaNode { ConstJson = "2.50" }]);
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.Equal(valid, set.IsValid(0, bytes));
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(set[0].Validate(doc.RootElement).ToString(), set[0].Validate(bytes).ToString());
        Assert.Equal(json == "2.5", set.IsValid(1, bytes));
    }

    [Theory]
    [InlineData("""{"a":1,"b":1.5,"c":{"x":1},"d":"ab","e":[1,"5a8e3c1e-7f0b-4d8e-9c61-2b7f7f1c0a11"]}""", true)]
    [InlineData("""{"a":"5a8e3c1e-7f0b-4d8e-9c61-2b7f7f1c0a11","c":null,"d":"\u0061\u0062"}""", true)]
    [InlineData("""{"a":true}""", false)]
    [InlineData("""{"b":5}""", false)] // an integer is also a number: two branches of oneOf
    [InlineData("""{"c":{"x":"1"}}""", false)]
    [InlineData("""{"c":{}}""", false)]
    [InlineData("""{"d":"abc"}""", false)]
    [InlineData("""{"d":5}""", false)]
    [InlineData("""{"e":[1,"x"]}""", false)]
    public void Composed_scalars_and_one_schema_wrappers_are_read_in_place(string json, bool valid)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.Equal(valid, s_set.IsValid(23, bytes));
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(valid, s_set[23].Validate(doc.RootElement).IsValid);
    }

    [Fact]
    public void An_empty_allOf_beside_a_one_schema_anyOf_reads_the_value_as_that_schema()
    {
        var set = new SchemaSet(
        [
            new SchemaNode { AllOf = [], AnyOf = [1] },
            new SchemaNode { Type = JsonTypes.Object, Required = ["a"] },
        ]);
        Assert.True(set.IsValid(0, "{\"a\":1}"u8));
        Assert.False(set.IsValid(0, "{}"u8));
        using var doc = JsonDocument.Parse("{}");
        Assert.Equal("/ anyOf", Assert.Single(set[0].Validate(doc.RootElement).Errors.Select(e => "/" + e.Path + " " + e.Keyword)));
        Assert.Equal("/ anyOf", Assert.Single(set[0].Validate("{}"u8.ToArray()).Errors.Select(e => "/" + e.Path + " " + e.Keyword)));
    }

    [Fact]
    public void An_empty_anyOf_beside_a_one_schema_allOf_matches_nothing_on_both_paths()
    {
        var set = new SchemaSet(
        [
            new SchemaNode { AllOf = [1], AnyOf = [] },
            new SchemaNode { Type = JsonTypes.Object },
        ]);
        using var doc = JsonDocument.Parse("{}");
        Assert.Equal("anyOf", Assert.Single(set[0].Validate(doc.RootElement).Errors).Keyword);
        Assert.False(set.IsValid(0, "{}"u8));
        Assert.Equal("anyOf", Assert.Single(set[0].Validate("{}"u8.ToArray()).Errors).Keyword);
    }

    [Theory]
    [InlineData("""{"s":"open"}""", true)]
    [InlineData("""{"s":"\u006fpen"}""", true)] // escaped, still the value
    [InlineData("""{"s":"a\\b"}""", true)] // the value holds a backslash
    [InlineData("""{"s":"closed"}""", false)]
    [InlineData("""{"s":null}""", false)] // null is of the type but not among the values
    [InlineData("""{"s":1}""", false)]
    public void String_enum_members_are_decided_in_place(string json, bool valid)
    {
        Assert.Equal(valid, s_set.IsValid(28, Encoding.UTF8.GetBytes(json)));
        using var doc = JsonDocument.Parse(json);
        var result = s_set[28].Validate(doc.RootElement);
        Assert.Equal(valid, result.IsValid);
        if (!valid) Assert.Equal("/s", Assert.Single(result.Errors).Path);
    }

    [Theory]
    [InlineData("{\"kind\":\"circle\",\"radius\":1} x")]
    [InlineData("{\"kind\":\"circle\",\"radius\":1")]
    [InlineData("")]
    [InlineData("{'kind':'circle'}")]
    public void Text_that_is_not_one_JSON_value_is_not_shown_valid_and_is_one_json_error(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.False(s_set.IsValid(0, bytes));
        var result = s_set[0].Validate(bytes);
        Assert.Equal("json", Assert.Single(result.Errors).Keyword);
    }

    [Fact]
    public void Rules_that_compare_whole_values_are_left_to_the_document()
    {
        var set = new SchemaSet(
        [
            new SchemaNode { Type = JsonTypes.Array, UniqueItems = true },
            new SchemaNode { EnumJson = "[1,[2]]" },
            new SchemaNode { ConstJson = "{\"a\":1}" },
        ]);
        // Not shown valid by the pass, yet valid: the bytes entry point still says so.
        foreach (var (index, json) in new[] { (0, "[[1],[2]]"), (1, "[2]"), (2, "{\"a\":1.0}") })
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            Assert.False(set.IsValid(index, bytes));
            Assert.True(set[index].Validate(bytes).IsValid, json);
            Assert.True(set[index].IsValid(bytes.AsSpan()), json);
        }
        Assert.False(set[0].Validate(Encoding.UTF8.GetBytes("[[1],[1.0]]")).IsValid);
        // Scalars are compared by the pass itself, numbers by value.
        Assert.False(set.IsValid(0, Encoding.UTF8.GetBytes("[1, 1.0]")));
        Assert.True(set.IsValid(0, Encoding.UTF8.GetBytes("[1, \"1\", true, null, false]")));
    }

    [Fact]
    public void Valid_text_is_validated_without_allocating()
    {
        var bytes = new ReadOnlyMemory<byte>(Encoding.UTF8.GetBytes(
            """{"kind":"square","side":3}"""));
        var order = new ReadOnlyMemory<byte>(Encoding.UTF8.GetBytes("""{"items":["a","b\u00e9","c"]}"""));
        var tagged = new ReadOnlyMemory<byte>(Encoding.UTF8.GetBytes("""{"name":"ann","note":"\u00e9"}"""));
        for (int i = 0; i < 200; i++)
        {
            Assert.True(s_set[0].Validate(bytes).IsValid);
            Assert.True(s_set[5].Validate(order, ValidationDirection.Request).IsValid);
            Assert.True(s_set[3].Validate(tagged).IsValid);
        }
        long Allocated(Action a)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++) a();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Assert.Equal("0 0 0 0", Allocated(() => s_set[0].Validate(bytes)) + " " + Allocated(() => s_set[5].Validate(order, ValidationDirection.Request)) + " " + Allocated(() => s_set[3].Validate(tagged)) + " " + Allocated(() => s_set[0].Validate(bytes)));
    }
}
