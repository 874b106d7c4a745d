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

    public static int Read(byte[] utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        int n = 0;
        while (reader.Read()) n++;
        return n;
    }
}
