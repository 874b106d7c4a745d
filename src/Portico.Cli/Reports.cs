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

    /// <summary>SARIF 2.1.0 as GitHub code scanning reads it: every diagnostic as a rule, results with their regions.</summary>
    public static string Sarif(List<(string File, DiagnosticInfo Diagnostic, Severity Level)> findings)
    {
        var rules = DiagnosticCatalog.All.OrderBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => new SarifRule(d.Id, string.Concat(d.Title.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(x => char.ToUpperInvariant(x[0]) + x[1..])).Replace("$", "").Replace("/", ""),
                d.Title, d.HelpLink, SarifLevel(d.Severity)))
            .ToList();
        var results = findings.Select(f => new SarifResult(f.Diagnostic.Id, SarifLevel(f.Level), f.Diagnostic.Message, f.File,
            Math.Max(1, f.Diagnostic.Location.Line), Math.Max(1, f.Diagnostic.Location.Column))
        {
            EndLine = Math.Max(f.Diagnostic.Location.Line, f.Diagnostic.Location.EndLine),
            EndColumn = Math.Max(f.Diagnostic.Location.Column + 1, f.Diagnostic.Location.EndColumn),
        });
        return SarifWriter.Write("portico", rules, results);
    }

    private static string SarifLevel(Severity s) => s switch { Severity.Error => "error", Severity.Warning => "warning", _ => "note" };
}
