using Portico.CodeGeneration.Reading;
using Xunit;

namespace Portico.Tests.Reading;

/// <summary>Positions of pointers in the document's text, and the objects in which a keyword is the literal true.</summary>
public sealed class SourceLocatorTests
{
    private const string Json = """
        {
          "a": { "additionalProperties": true, "x": [ { "additionalProperties": true }, { "additionalProperties": false }, [ { "nullable": true } ] ] },
          "b/c~d": { "nullable": true, "type": "string" },
          "e": { "nullable": true },
          "\u0066": { "additionalProperties": true, "nullable": "true" },
          "g": [ 1, true, { "deep": { "nullable": true, "items": [ { "nullable": false } ] } } ]
        }
        """;

    // The same document in YAML, which the other reader of the locator scans.
    private const string Yaml = """
        a:
          additionalProperties: true
          x:
            - additionalProperties: true
            - additionalProperties: false
            - - nullable: true
        b/c~d:
          nullable: true
          type: string
        e:
          nullable: true
        f:
          additionalProperties: true
          nullable: "true"
        g:
          - 1
          - true
          - deep:
              nullable: true
              items:
                - nullable: false
        """;

    private static readonly SourceLocator.TrueKeyRule[] s_rules = [new("additionalProperties", null), new("nullable", "type")];

    [Theory]
    [InlineData(Json)]
    [InlineData(Yaml)]
    public void Objects_with_a_true_key_are_found_by_pointer_in_JSON_and_YAML_alike(string text)
    {
        var found = SourceLocator.ObjectsWithTrueKeys(text, s_rules);
        Assert.Equal(["/a", "/a/x/0", "/f"], found[0].Order(StringComparer.Ordinal));
        // "/b~1c~0d" has a type, so its nullable does not count; "true" as a string is not the literal.
        Assert.Equal(["/a/x/2/0", "/e", "/g/2/deep"], found[1].Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/a/x/1/additionalProperties", "\"additionalProperties\"")]
    [InlineData("/b~1c~0d/type", "\"type\"")]
    [InlineData("/g/2/deep/items/0/nullable", "\"nullable\"")]
    [InlineData("/g/1", "true")]
    [InlineData("/a/missing/child", "\"a\"")] // a pointer into nothing lands on the nearest parent that exists
    [InlineData("/f/nullable", "\"nullable\"")] // the member's name was escaped in the text
    [InlineData("", "{")]
    public void Pointers_are_located_at_their_member_name_or_value(string pointer, string expected)
    {
        var spans = SourceLocator.Locate("api.json", Json, [pointer, "/g/0"]);
        var span = spans[pointer];
        Assert.Equal(expected, Json.Substring(span.Start, span.Length));
        var lines = Json.Split('\n');
        Assert.Equal(expected, lines[span.Line - 1].Substring(span.Column - 1, span.Length));
        Assert.Equal("1", Json.Substring(spans["/g/0"].Start, spans["/g/0"].Length));
    }
}
