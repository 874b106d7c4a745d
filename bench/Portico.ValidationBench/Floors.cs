using System.Text.Json;

namespace Portico.ValidationBench;

/// <summary>What any validator must at least do: visit every value of the parsed document, or read every token of the text.</summary>
public static class Floors
{
    public static int Walk(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                {
                    int n = 1;
                    foreach (var p in e.EnumerateObject()) n += Walk(p.Value);
                    return n;
                }
            case JsonValueKind.Array:
                {
                    int n = 1;
                    foreach (var i in e.EnumerateArray()) n += Walk(i);
                    return n;
                }
            default:
                return 1;
        }
    }

    /// <summary>The walk, plus every member's name and every value's raw text: what a validator of a parsed document must fetch.</summary>
    public static int WalkNames(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                {
                    int n = 1;
                    foreach (var p in e.EnumerateObject())
                    {
                        n += System.Runtime.InteropServices.JsonMarshal.GetRawUtf8PropertyName(p).Length;
                        n += WalkNames(p.Value);
                    }
                    return n;
                }
            case JsonValueKind.Array:
                {
                    int n = 1;
                    foreach (var i in e.EnumerateArray()) n += WalkNames(i);
                    return n;
                }
            default:
                return System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(e).Length;
        }
    }

    public static int Read(byte[] utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        int n = 0;
        while (reader.Read()) n++;
        return n;
    }
}
