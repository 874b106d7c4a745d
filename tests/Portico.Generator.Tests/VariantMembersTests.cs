using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Xunit;

namespace Portico.Tests;

/// <summary>
/// An object with properties of its own beside anyOf/oneOf (OpenAI's stream events: allOf of an anyOf of 57 events and
/// an object with <c>stream_id</c>): the generated class names the shared properties and keeps the chosen variant's
/// other members, so a value read and written again loses nothing.
/// </summary>
public sealed class VariantMembersTests
{
    private const string Spec = """
        openapi: 3.1.0
        info: { title: Events, version: "1" }
        paths: {}
        components:
          schemas:
            Delta:
              type: object
              required: [type, delta]
              properties:
                type: { type: string, enum: [delta] }
                delta: { type: string }
            Done:
              type: object
              required: [type, items]
              properties:
                type: { type: string, enum: [done] }
                items: { type: array, items: { type: integer } }
            StreamEvent:
              allOf:
                - anyOf:
                    - $ref: '#/components/schemas/Delta'
                    - $ref: '#/components/schemas/Done'
                - type: object
                  properties:
                    stream_id: { type: string }
            Tagged:
              type: object
              properties:
                tag: { type: string }
              oneOf:
                - $ref: '#/components/schemas/Delta'
                - $ref: '#/components/schemas/Done'
        """;

    [Theory]
    [InlineData("StreamEvent", """{"type":"delta","delta":"Hel","stream_id":"s1"}""")]
    [InlineData("StreamEvent", """{"type":"done","items":[1,2,3],"stream_id":"s2"}""")]
    [InlineData("Tagged", """{"tag":"t","type":"done","items":[4]}""")]
    public void A_value_read_and_written_keeps_the_variant_members(string model, string json)
    {
        var run = GeneratorHarness.Run("events.yaml", Spec);
        Assert.Empty(run.CompileProblems());
        var alc = new AssemblyLoadContext("variants", isCollectible: true);
        try
        {
            var assembly = alc.LoadFromStream(new MemoryStream(run.Emit()));
            var types = assembly.GetTypes();
            var type = types.Single(t => t.Name == model);
            var context = (JsonSerializerContext)types.Single(t => typeof(JsonSerializerContext).IsAssignableFrom(t)).GetProperty("Default", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            var info = context.GetTypeInfo(type)!;
            object value = JsonSerializer.Deserialize(json, info)!;
            string written = JsonSerializer.Serialize(value, info);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(written)), "wrote " + written);
            // The shared property is a named member; the variant's members are kept beside it.
            Assert.NotNull(type.GetProperty("AdditionalProperties"));
        }
        finally
        {
            alc.Unload();
        }
    }
}
