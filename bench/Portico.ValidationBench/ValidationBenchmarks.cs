using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using Portico.Validation;

namespace Portico.ValidationBench;

/// <summary>
/// One payload validated four ways. The JsonElement and JToken methods validate an already parsed value; the bytes and
/// string methods include parsing the text, as a server receiving the body would.
/// </summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private SchemaValidator _portico;
    private JsonSchema _njs = null!;
    private JsonElement _element;
    private ReadOnlyMemory<byte> _utf8;
    private string _text = null!;
    private JToken _token = null!;

    /// <summary>Every payload, or the one PORTICO_BENCH_PAYLOAD names (each payload then runs in a process of its own).</summary>
    public static IEnumerable<string> PayloadNames =>
        Environment.GetEnvironmentVariable("PORTICO_BENCH_PAYLOAD") is { Length: > 0 } one ? [one] : Names;

    public static readonly string[] Names = ["github-issue", "github-pull", "stripe-charge", "stripe-customer"];

    [ParamsSource(nameof(PayloadNames))]
    public string Payload { get; set; } = "github-issue";

    [Params(true, false)]
    public bool Valid { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var s = Payloads.All[Payload];
        _portico = s.Portico;
        _njs = s.NJsonSchema;
        _text = Valid ? s.ValidJson : s.InvalidJson;
        _element = Payloads.Element(_text);
        _utf8 = Payloads.Utf8(_text);
        _token = JToken.Parse(_text);
    }

    [Benchmark(Baseline = true, Description = "NJsonSchema (JToken)")]
    public int NJsonSchemaToken() => _njs.Validate(_token, SchemaType.OpenApi3).Count;

    [Benchmark(Description = "NJsonSchema (string)")]
    public int NJsonSchemaText() => _njs.Validate(_text, SchemaType.OpenApi3).Count;

    [Benchmark(Description = "Portico (JsonElement)")]
    public int PorticoElement() => _portico.Validate(_element).Errors.Count;

    [Benchmark(Description = "Portico (UTF-8 bytes)")]
    public int PorticoUtf8() => _portico.Validate(_utf8).Errors.Count;
}
