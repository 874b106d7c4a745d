using System.Text;
using System.Text.Json;
using Portico.CodeGeneration;

namespace Portico.Cli;

/// <summary>A rule of a SARIF run: its id, PascalCase name, title, help link and default level.</summary>
internal sealed record SarifRule(string Id, string Name, string Title, string HelpUri, string Level);

/// <summary>
/// One result: rule, level, message, where (file, start, optionally end), optionally the operation it concerns and
/// extra properties.
/// </summary>
internal sealed record SarifResult(string RuleId, string Level, string Message, string File, int Line, int Column)
{
    public int? EndLine { get; init; }
    public int? EndColumn { get; init; }
    public string? Operation { get; init; }
    public IReadOnlyList<(string Name, string Value)>? Properties { get; init; }
}

/// <summary>
/// SARIF 2.1.0 as GitHub code scanning reads it, for <c>portico lint</c> and <c>portico diff</c>: rules with help links,
/// results with relative URIs under <c>%SRCROOT%</c> (the current directory) and regions.
/// </summary>
internal static class SarifWriter
{
    public static string Write(string toolName, IReadOnlyList<SarifRule> rules, IEnumerable<SarifResult> results)
    {
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < rules.Count; i++) ruleIndex.TryAdd(rules[i].Id, i);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            w.WriteStartObject();
            w.WriteStartObject("tool");
            w.WriteStartObject("driver");
            w.WriteString("name", toolName);
            w.WriteString("semanticVersion", PorticoEngine.Version);
            w.WriteString("informationUri", "https://github.com/portico-dev/portico");
            w.WriteStartArray("rules");
            foreach (var r in rules)
            {
                w.WriteStartObject();
                w.WriteString("id", r.Id);
                w.WriteString("name", r.Name);
                w.WriteStartObject("shortDescription");
                w.WriteString("text", r.Title);
                w.WriteEndObject();
                w.WriteString("helpUri", r.HelpUri);
                w.WriteStartObject("defaultConfiguration");
                w.WriteString("level", r.Level);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartArray("results");
            foreach (var r in results)
            {
                w.WriteStartObject();
                w.WriteString("ruleId", r.RuleId);
                w.WriteNumber("ruleIndex", ruleIndex.TryGetValue(r.RuleId, out int index) ? index : -1);
                w.WriteString("level", r.Level);
                w.WriteStartObject("message");
                w.WriteString("text", r.Message);
                w.WriteEndObject();
                w.WriteStartArray("locations");
                w.WriteStartObject();
                w.WriteStartObject("physicalLocation");
                w.WriteStartObject("artifactLocation");
                w.WriteString("uri", RelativeUri(r.File));
                if (!Path.IsPathRooted(r.File)) w.WriteString("uriBaseId", "%SRCROOT%");
                w.WriteEndObject();
                w.WriteStartObject("region");
                w.WriteNumber("startLine", r.Line);
                w.WriteNumber("startColumn", r.Column);
                if (r.EndLine is int endLine) w.WriteNumber("endLine", endLine);
                if (r.EndColumn is int endColumn) w.WriteNumber("endColumn", endColumn);
                w.WriteEndObject();
                w.WriteEndObject();
                if (r.Operation is not null)
                {
                    w.WriteStartArray("logicalLocations");
                    w.WriteStartObject();
                    w.WriteString("name", r.Operation);
                    w.WriteString("kind", "function");
                    w.WriteEndObject();
                    w.WriteEndArray();
                }
                w.WriteEndObject();
                w.WriteEndArray();
                if (r.Properties is { } properties)
                {
                    w.WriteStartObject("properties");
                    foreach (var (name, value) in properties) w.WriteString(name, value);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("originalUriBaseIds");
            w.WriteStartObject("%SRCROOT%");
            w.WriteString("uri", new Uri(Environment.CurrentDirectory.TrimEnd('/') + "/").AbsoluteUri);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>A file as a SARIF URI: relative paths stay relative (escaped per segment), rooted ones become <c>file:</c> URIs.</summary>
    public static string RelativeUri(string file)
    {
        if (Path.IsPathRooted(file)) return new Uri(Path.GetFullPath(file)).AbsoluteUri;
        return string.Join("/", file.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));
    }
}
