using System.Text.Json.Serialization;

namespace Portico.AspNetCore
{
    /// <summary>Source-generated JSON metadata for the few values this library writes (trimming- and AOT-safe).</summary>
    [JsonSerializable(typeof(string))]
    internal sealed partial class PorticoAspNetCoreJson : JsonSerializerContext
    {
    }
}
