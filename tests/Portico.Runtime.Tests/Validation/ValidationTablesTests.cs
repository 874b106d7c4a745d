using System.Text;
using System.Text.Json;
using Portico.Validation;
using Xunit;

namespace Portico.Runtime.Tests.Validation;

/// <summary>The JSON tables generated code carries its validators in, read back into rules and operations.</summary>
public sealed class ValidationTablesTests
{
    private static readonly byte[] s_schemas = Encoding.UTF8.GetBytes("""
        [
        {"#":0,"name":"pet","type":"object","required":["id","kind"],"properties":{"id":1,"kind":2,"tags":3,"price":4,"born":5},"additionalProperties":false,"minProperties":2,"maxProperties":5},
        {"#":1,"type":"integer","format":"int64","minimum":1,"exclusiveMaximum":1000000},
        {"#":2,"type":"string","enum":["cat","dog"]},
        {"#":3,"type":"array","items":6,"minItems":1,"maxItems":3,"uniqueItems":true,"nullable":true},
        {"#":4,"type":["number","null"],"maximum":100,"exclusiveMaximum":true,"multipleOf":0.01,"readOnly":true},
        {"#":5,"type":"string","format":"date","pattern":"^2","minLength":10,"maxLength":10,"writeOnly":true},
        {"#":6,"type":"string","pattern":"^[a-z\u00E9]+$"},
        {"#":7,"oneOf":[8,9],"discriminator":{"propertyName":"kind","mapping":{"c":8,"d":9}}},
        {"#":8,"allOf":[0],"const":{"kind":"cat","id":1}},
        {"#":9,"anyOf":[0],"not":10,"enum":[1,"x",null]},
        {"#":10}
        ]
        """);

    private static readonly byte[] s_operations = Encoding.UTF8.GetBytes("""
        [
        {"method":"POST","path":"/pets/{id}","operationId":"addPet","parameters":[{"name":"id","in":"path","required":true,"schema":1},{"name":"q","in":"query"}],"requestBodies":[{"mediaType":"application/json","schema":0}],"bodyRequired":true,"responses":[{"status":"200","mediaType":"application/json","schema":0}],"gatewayValidator":{"name":"all","validateRequestBody":true,"validateRequestParameters":true}},
        {"method":"GET","path":"/","operationId":"root"}
        ]
        """);

    [Fact]
    public void Every_keyword_reads_back_into_its_rule()
    {
        var nodes = ValidationTables.ReadSchemas(s_schemas);
        Assert.Equal(11, nodes.Length);
        var pet = nodes[0];
        Assert.Equal("pet", pet.Name);
        Assert.Equal(JsonTypes.Object, pet.Type);
        Assert.Equal(["id", "kind"], pet.Required!);
        Assert.Equal(["id", "kind", "tags", "price", "born"], pet.Properties!.Select(p => p.Name));
        Assert.Equal([1, 2, 3, 4, 5], pet.Properties!.Select(p => p.Schema));
        Assert.Equal(SchemaSet.NoValue, pet.AdditionalProperties);
        Assert.Equal((2, 5), (pet.MinProperties, pet.MaxProperties));
        Assert.Equal(("int64", 1d, 1000000d, false), (nodes[1].Format, nodes[1].Minimum, nodes[1].ExclusiveMaximum, nodes[1].MaximumExclusive));
        Assert.Equal(["cat", "dog"], nodes[2].EnumStrings!);
        Assert.Null(nodes[2].EnumJson);
        Assert.Equal((6, 1, 3, true, true), (nodes[3].Items, nodes[3].MinItems, nodes[3].MaxItems, nodes[3].UniqueItems, nodes[3].Nullable));
        Assert.Equal(JsonTypes.Number | JsonTypes.Null, nodes[4].Type);
        Assert.Equal((100d, true, 0.01, true), (nodes[4].Maximum, nodes[4].MaximumExclusive, nodes[4].MultipleOf, nodes[4].ReadOnly));
        Assert.Equal(("date", "^2", 10, 10, true), (nodes[5].Format, nodes[5].Pattern, nodes[5].MinLength, nodes[5].MaxLength, nodes[5].WriteOnly));
        Assert.Equal("^[a-z\u00E9]+$", nodes[6].Pattern);
        Assert.Equal([8, 9], nodes[7].OneOf!);
        Assert.Equal("kind", nodes[7].DiscriminatorProperty);
        Assert.Equal([("c", 8), ("d", 9)], nodes[7].DiscriminatorCases!.Select(c => (c.Value, c.Schema)));
        Assert.Equal([0], nodes[8].AllOf!);
        Assert.Equal("""{"kind":"cat","id":1}""", nodes[8].ConstJson);
        Assert.Equal([0], nodes[9].AnyOf!);
        Assert.Equal(10, nodes[9].Not);
        Assert.Null(nodes[9].EnumStrings);
        Assert.Equal("""[1,"x",null]""", nodes[9].EnumJson);
        Assert.Equal(SchemaSet.AnyValue, nodes[10].AdditionalProperties);
        Assert.Null(nodes[10].Properties);
    }

    [Fact]
    public void A_set_read_from_the_table_validates()
    {
        var set = new SchemaSet(ValidationTables.ReadSchemas(s_schemas));
        using var good = JsonDocument.Parse("""{"id":7,"kind":"cat","tags":["ab","\u00E9"]}""");
        Assert.True(set[0].Validate(good.RootElement).IsValid);
        using var bad = JsonDocument.Parse("""{"id":0,"kind":"cow","tags":["a","a"],"extra":1}""");
        var errors = set[0].Validate(bad.RootElement).Errors.Select(e => (e.Path, e.Keyword)).ToList();
        Assert.Contains(("/id", "minimum"), errors);
        Assert.Contains(("/kind", "enum"), errors);
        Assert.Contains(("/tags", "uniqueItems"), errors);
        Assert.Contains(("/extra", "additionalProperties"), errors);
    }

    [Fact]
    public void Operations_read_back_with_their_schemas()
    {
        var set = new SchemaSet(ValidationTables.ReadSchemas(s_schemas));
        var ops = ValidationTables.ReadOperations(set, s_operations);
        Assert.Equal(2, ops.Length);
        var add = ops[0];
        Assert.Equal(("POST", "/pets/{id}", "addPet", true), (add.Method, add.PathTemplate, add.OperationId, add.BodyRequired));
        Assert.Equal([("id", "path", true, 1), ("q", "query", false, -1)], add.Parameters.Select(p => (p.Name, p.Location, p.Required, p.Schema?.Index ?? -1)));
        Assert.Equal(("application/json", 0), (add.RequestBodies[0].MediaType, add.RequestBodies[0].Schema.Index));
        Assert.Equal(("200", "application/json", 0), (add.Responses[0].Status, add.Responses[0].MediaType, add.Responses[0].Schema.Index));
        Assert.Same(set, add.Responses[0].Schema.Set);
        Assert.Equal(("all", true, true), (add.GatewayValidator!.Name, add.GatewayValidator.ValidateRequestBody, add.GatewayValidator.ValidateRequestParameters));
        var root = ops[1];
        Assert.Empty(root.Parameters);
        Assert.Empty(root.RequestBodies);
        Assert.Empty(root.Responses);
        Assert.False(root.BodyRequired);
        Assert.Null(root.GatewayValidator);
    }

    [Theory]
    [InlineData("""[{"#":0,"typo":1}]""", "unknown member 'typo'")]
    [InlineData("""[{"#":1}]""", "schema 0 is numbered 1")]
    [InlineData("""[{"#":0,"type":"text"}]""", "unknown type 'text'")]
    [InlineData("""[{"#":0,"minLength":"3"}]""", "expected Number")]
    [InlineData("""[{"#":0}""", "not valid JSON")]
    [InlineData("""[{"#":0,}]""", "not valid JSON")]
    public void A_damaged_schema_table_is_a_FormatException_that_says_where(string table, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => ValidationTables.ReadSchemas(Encoding.UTF8.GetBytes(table)));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"method":"GET","responses":[{"status":"200","mediaType":"application/json","schema":5}]}]""", "schema 5 is out of range")]
    [InlineData("""[{"method":"GET","requestBodies":[{"mediaType":"application/json"}]}]""", "a request body has no schema")]
    [InlineData("""[{"method":"GET","verb":"x"}]""", "unknown member 'verb'")]
    public void A_damaged_operation_table_is_a_FormatException(string table, string expected)
    {
        var set = new SchemaSet(ValidationTables.ReadSchemas("""[{"#":0}]"""u8));
        var ex = Assert.Throws<FormatException>(() => ValidationTables.ReadOperations(set, Encoding.UTF8.GetBytes(table)));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
