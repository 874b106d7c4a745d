using System.Text;
using System.Text.Json;
using Portico.CodeGeneration;
using Portico.CodeGeneration.Diagnostics;

namespace Portico.Cli;

/// <summary>Lint reports: MSBuild-style text, JSON and SARIF 2.1.0.</summary>
internal static class Reports
{
    private static string Level(Severity s) => s switch { Severity.Error => "error", Severity.Warning => "warning", _ => "info" };

    public static string Text(List<(string File, DiagnosticInfo Diagnostic, Severity Level)> findings, bool colour)
    {
        var sb = new StringBuilder();
        foreach (var (file, d, level) in findings)
        {
            string lvl = Level(level);
            if (colour) lvl = (level == Severity.Error ? "\u001b[31m" : level == Severity.Warning ? "\u001b[33m" : "\u001b[36m") + lvl + "\u001b[0m";
            sb.Append(file).Append('(').Append(d.Location.Line).Append(',').Append(d.Location.Column).Append("): ")
              .Append(lvl).Append(' ').Append(d.Id).Append(": ").Append(d.Message).Append('\n');
        }
        int errors = findings.Count(f => f.Level == Severity.Error), warnings = findings.Count(f => f.Level == Severity.Warning);
        sb.Append(errors).Append(" error(s), ").Append(warnings).Append(" warning(s), ").Append(findings.Count - errors - warnings).Append(" info\n");
        return sb.ToString();
    }

    public static string Json(string[] files, List<(string File, DiagnosticInfo Diagnostic, Severity Level)> findings)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("tool", "portico");
            w.WriteString("version", PorticoEngine.Version);
            w.WriteStartArray("files");
            foreach (var f in files) w.WriteStringValue(f);
            w.WriteEndArray();
            w.WriteStartArray("findings");
            foreach (var (file, d, level) in findings)
            {
                w.WriteStartObject();
                w.WriteString("id", d.Id);
                w.WriteString("level", Level(level));
                w.WriteString("message", d.Message);
                w.WriteString("file", file);
                w.WriteNumber("line", d.Location.Line);
                w.WriteNumber("column", d.Location.Column);
                w.WriteNumber("endLine", d.Location.EndLine);
                w.WriteNumber("endColumn", d.Location.EndColumn);
                w.WriteString("helpUri", d.Descriptor.HelpLink);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("summary");
            w.WriteNumber("errors", findings.Count(f => f.Level == Severity.Error));
            w.WriteNumber("warnings", findings.Count(f => f.Level == Severity.Warning));
            w.WriteNumber("infos", findings.Count(f => f.Level == Severity.Info));
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>SARIF 2.1.0 as GitHub code scanning reads it: rules with help links, results with relative URIs and regions.</summary>
    public static string Sarif(List<(string File, DiagnosticInfo Diagnostic, Severity Level)> findings)
    {
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
            w.WriteString("name", "portico");
            w.WriteString("semanticVersion", PorticoEngine.Version);
            w.WriteString("informationUri", "https://github.com/portico-dev/portico");
            w.WriteStartArray("rules");
            var ids = DiagnosticCatalog.All.OrderBy(d => d.Id, StringComparer.Ordinal).ToList();
            foreach (var d in ids)
            {
                w.WriteStartObject();
                w.WriteString("id", d.Id);
                w.WriteString("name", string.Concat(d.Title.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(x => char.ToUpperInvariant(x[0]) + x[1..])).Replace("$", "").Replace("/", ""));
                w.WriteStartObject("shortDescription");
                w.WriteString("text", d.Title);
                w.WriteEndObject();
                w.WriteString("helpUri", d.HelpLink);
                w.WriteStartObject("defaultConfiguration");
                w.WriteString("level", SarifLevel(d.Severity));
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartArray("results");
            foreach (var (file, d, level) in findings)
            {
                w.WriteStartObject();
                w.WriteString("ruleId", d.Id);
                w.WriteNumber("ruleIndex", ids.FindIndex(x => x.Id == d.Id));
                w.WriteString("level", SarifLevel(level));
                w.WriteStartObject("message");
                w.WriteString("text", d.Message);
                w.WriteEndObject();
                w.WriteStartArray("locations");
                w.WriteStartObject();
                w.WriteStartObject("physicalLocation");
                w.WriteStartObject("artifactLocation");
                w.WriteString("uri", RelativeUri(file));
                if (!Path.IsPathRooted(file)) w.WriteString("uriBaseId", "%SRCROOT%");
                w.WriteEndObject();
                w.WriteStartObject("region");
                w.WriteNumber("startLine", Math.Max(1, d.Location.Line));
                w.WriteNumber("startColumn", Math.Max(1, d.Location.Column));
                w.WriteNumber("endLine", Math.Max(d.Location.Line, d.Location.EndLine));
                w.WriteNumber("endColumn", Math.Max(d.Location.Column + 1, d.Location.EndColumn));
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
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

    private static string SarifLevel(Severity s) => s switch { Severity.Error => "error", Severity.Warning => "warning", _ => "note" };

    internal static string RelativeUri(string file)
    {
        if (Path.IsPathRooted(file)) return new Uri(Path.GetFullPath(file)).AbsoluteUri;
        return string.Join("/", file.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));
    }
}
