using System.CommandLine;
using System.Text;
using System.Text.Json;
using Portico.CodeGeneration;
using Portico.CodeGeneration.Diff;
using Portico.CodeGeneration.Model;

namespace Portico.Cli;

/// <summary><c>portico diff</c>: what changed between two versions of an API description, and what it breaks.</summary>
internal static class DiffCommand
{
    public const string RulesUri = "https://github.com/portico-dev/portico#diff-rules";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var baseSpec = new Argument<string>("base") { Description = "The document clients were written against (e.g. the released version)." };
        var revision = new Argument<string>("revision") { Description = "The new document." };
        var format = new Option<string>("--format", "-f") { Description = "Output format: text (file(line,col): level rule: message), json, markdown (for pull-request comments) or sarif (2.1.0).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "markdown", "sarif");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of standard output." };
        var failOn = new Option<string>("--fail-on") { Description = "Exit 1 when a change is at or above this level: breaking or warning.", DefaultValueFactory = _ => "breaking" };
        failOn.AcceptOnlyFromAmong("breaking", "warning");
        var allowMajor = new Option<bool>("--allow-major-bump") { Description = "Exit 0 despite breaking changes when the major part of info.version went up (1.x to 2.0)." };
        var command = new Command("diff", """
            Compares two OpenAPI documents (2.0, 3.0, 3.1; JSON or YAML) and reports every change with its effect on existing
            clients: breaking, warning or info. Exit codes: 0 nothing at the --fail-on level, 1 changes at that level,
            2 usage error or a document that cannot be read.

            Examples:
              portico diff api-v1.yaml api.yaml
              git show origin/main:api.yaml > base.yaml && portico diff base.yaml api.yaml --format markdown
              portico diff base.json api.json --format sarif --output diff.sarif --fail-on warning
              portico diff v1.yaml v2.yaml --allow-major-bump
            """)
        {
            baseSpec, revision, format, output, failOn, allowMajor,
        };
        command.SetAction(async (parse, ct) =>
        {
            string baseFile = parse.GetValue(baseSpec)!, revFile = parse.GetValue(revision)!;
            if (!PorticoCommandLine.TryRead(baseFile, stderr, out var baseText)) return PorticoCommandLine.UsageError;
            if (!PorticoCommandLine.TryRead(revFile, stderr, out var revText)) return PorticoCommandLine.UsageError;
            bool interactive = PorticoCommandLine.Interactive(stderr);
            if (interactive && baseText.Length + revText.Length > 2_000_000) await stderr.WriteLineAsync($"Comparing {baseFile} and {revFile} ({(baseText.Length + revText.Length) / 1_000_000.0:F1} MB)...");
            var result = SpecDiff.Compare(
                new SpecInput(Path.GetFullPath(baseFile), baseText, new GeneratorOptions()),
                new SpecInput(Path.GetFullPath(revFile), revText, new GeneratorOptions()),
                ct);
            if (!result.Compared)
            {
                foreach (var (file, errors) in new[] { (baseFile, result.BaseErrors), (revFile, result.RevisionErrors) })
                {
                    foreach (var e in errors)
                    {
                        await stderr.WriteLineAsync($"{file}({e.Location.Line},{e.Location.Column}): error {e.Id}: {e.Message}");
                    }
                }
                await stderr.WriteLineAsync("portico: cannot compare: fix the document(s) above (portico lint <file> lists every problem).");
                return PorticoCommandLine.UsageError;
            }
            var findings = result.Findings.Select(f => (File: f.InBase ? baseFile : revFile, Finding: f)).ToList();
            string report = parse.GetValue(format) switch
            {
                "json" => Json(baseFile, revFile, result, findings),
                "markdown" => Markdown(baseFile, revFile, result, findings),
                "sarif" => Sarif(findings),
                _ => Text(findings, colour: parse.GetValue(output) is null && PorticoCommandLine.Interactive(stdout)),
            };
            string? outputPath = parse.GetValue(output);
            if (outputPath is null)
            {
                await stdout.WriteAsync(report);
            }
            else
            {
                try
                {
                    await File.WriteAllTextAsync(outputPath, report, ct);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    await stderr.WriteLineAsync($"portico: cannot write '{outputPath}': {ex.Message}");
                    return PorticoCommandLine.UsageError;
                }
            }
            var threshold = parse.GetValue(failOn) == "warning" ? DiffLevel.Warning : DiffLevel.Breaking;
            if (!findings.Any(f => f.Finding.Level >= threshold)) return PorticoCommandLine.Clean;
            if (parse.GetValue(allowMajor) && result.MajorVersionBumped)
            {
                await stderr.WriteLineAsync($"portico: breaking changes allowed: info.version went from {result.BaseVersion} to {result.RevisionVersion}.");
                return PorticoCommandLine.Clean;
            }
            return PorticoCommandLine.Findings;
        });
        return command;
    }

    internal static string Level(DiffLevel level) => level switch { DiffLevel.Breaking => "breaking", DiffLevel.Warning => "warning", _ => "info" };

    private static string Summary(List<(string File, DiffFinding Finding)> findings)
        => $"{findings.Count(f => f.Finding.Level == DiffLevel.Breaking)} breaking, {findings.Count(f => f.Finding.Level == DiffLevel.Warning)} warning(s), {findings.Count(f => f.Finding.Level == DiffLevel.Info)} info";

    private static string Text(List<(string File, DiffFinding Finding)> findings, bool colour)
    {
        var sb = new StringBuilder();
        foreach (var (file, f) in findings)
        {
            string lvl = Level(f.Level);
            if (colour) lvl = (f.Level == DiffLevel.Breaking ? "\u001b[31m" : f.Level == DiffLevel.Warning ? "\u001b[33m" : "\u001b[36m") + lvl + "\u001b[0m";
            sb.Append(file).Append('(').Append(f.Location.Line).Append(',').Append(f.Location.Column).Append("): ")
              .Append(lvl).Append(' ').Append(f.RuleId).Append(": ").Append(f.Message).Append('\n');
        }
        sb.Append(findings.Count == 0 ? "No changes.\n" : Summary(findings) + "\n");
        return sb.ToString();
    }

    private static string Json(string baseFile, string revFile, DiffResult result, List<(string File, DiffFinding Finding)> findings)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("tool", "portico");
            w.WriteString("version", PorticoEngine.Version);
            w.WriteString("base", baseFile);
            w.WriteString("revision", revFile);
            w.WriteString("baseVersion", result.BaseVersion);
            w.WriteString("revisionVersion", result.RevisionVersion);
            w.WriteStartArray("findings");
            foreach (var (file, f) in findings)
            {
                w.WriteStartObject();
                w.WriteString("id", f.RuleId);
                w.WriteString("level", Level(f.Level));
                if (f.Method is not null)
                {
                    w.WriteStartObject("operation");
                    w.WriteString("method", f.Method.ToUpperInvariant());
                    w.WriteString("path", f.Path);
                    w.WriteEndObject();
                }
                w.WriteString("message", f.Message);
                w.WriteString("pointer", f.Pointer);
                w.WriteString("side", f.InBase ? "base" : "revision");
                w.WriteString("file", file);
                w.WriteNumber("line", f.Location.Line);
                w.WriteNumber("column", f.Location.Column);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("summary");
            w.WriteNumber("breaking", findings.Count(f => f.Finding.Level == DiffLevel.Breaking));
            w.WriteNumber("warnings", findings.Count(f => f.Finding.Level == DiffLevel.Warning));
            w.WriteNumber("infos", findings.Count(f => f.Finding.Level == DiffLevel.Info));
            w.WriteBoolean("majorVersionBumped", result.MajorVersionBumped);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string Cell(string text) => text.Replace("\\", "\\\\").Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ").Replace("<", "&lt;");

    private static string Markdown(string baseFile, string revFile, DiffResult result, List<(string File, DiffFinding Finding)> findings)
    {
        var sb = new StringBuilder();
        sb.Append("## API changes: `").Append(Cell(baseFile)).Append("` → `").Append(Cell(revFile)).Append("`\n\n");
        if (findings.Count == 0)
        {
            sb.Append("No changes.\n");
            return sb.ToString();
        }
        sb.Append("**").Append(Summary(findings)).Append("**");
        if (result.MajorVersionBumped) sb.Append(" (info.version ").Append(Cell(result.BaseVersion ?? "")).Append(" → ").Append(Cell(result.RevisionVersion ?? "")).Append(')');
        sb.Append("\n\n");
        foreach (var level in new[] { DiffLevel.Breaking, DiffLevel.Warning, DiffLevel.Info })
        {
            var group = findings.Where(f => f.Finding.Level == level).ToList();
            if (group.Count == 0) continue;
            sb.Append("### ").Append(level switch { DiffLevel.Breaking => "Breaking", DiffLevel.Warning => "Warnings", _ => "Info" }).Append(" (").Append(group.Count).Append(")\n\n");
            sb.Append("| Operation | Rule | Change | Where |\n|---|---|---|---|\n");
            foreach (var (file, f) in group)
            {
                sb.Append("| ").Append(f.Operation is null ? "—" : "`" + Cell(f.Operation) + "`").Append(" | `").Append(f.RuleId).Append("` | ")
                  .Append(Cell(f.Method is null ? f.Message : f.Message.Substring(f.Operation!.Length + 2))).Append(" | ")
                  .Append(Cell(Path.GetFileName(file))).Append(':').Append(f.Location.Line).Append(" |\n");
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string Sarif(List<(string File, DiffFinding Finding)> findings)
    {
        var rules = DiffRules.All.OrderBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => new SarifRule(r.Id, string.Concat(r.Id.Split('-').Select(x => char.ToUpperInvariant(x[0]) + x[1..])), r.Title, RulesUri, SarifLevel(r.Level)))
            .ToList();
        var results = findings.Select(x => new SarifResult(x.Finding.RuleId, SarifLevel(x.Finding.Level), x.Finding.Message, x.File,
            Math.Max(1, x.Finding.Location.Line), Math.Max(1, x.Finding.Location.Column))
        {
            Operation = x.Finding.Operation,
            Properties = [("pointer", x.Finding.Pointer), ("side", x.Finding.InBase ? "base" : "revision")],
        });
        return SarifWriter.Write("portico-diff", rules, results);
    }

    private static string SarifLevel(DiffLevel level) => level switch { DiffLevel.Breaking => "error", DiffLevel.Warning => "warning", _ => "note" };
}
