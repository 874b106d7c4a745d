using System.CommandLine;
using System.Text.Json;
using Portico.CodeGeneration;
using Portico.CodeGeneration.Diagnostics;
using Portico.CodeGeneration.Model;

namespace Portico.Cli;

/// <summary><c>portico lint</c>: every check the generator makes, as text, JSON or SARIF 2.1.0.</summary>
internal static class LintCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var specs = new Argument<string[]>("spec") { Description = "OpenAPI documents (2.0, 3.0, 3.1; JSON or YAML).", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format", "-f") { Description = "Output format: text (MSBuild's file(line,col): error PRTnnnn: message), json or sarif (2.1.0, for GitHub code scanning).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "sarif");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of standard output." };
        var failOn = new Option<string>("--fail-on") { Description = "Exit 1 when a finding is at or above this level: error or warning.", DefaultValueFactory = _ => "error" };
        failOn.AcceptOnlyFromAmong("error", "warning");
        var config = new Option<string?>("--config", "-c") { Description = "A JSON file that turns rules off or re-levels them: {\"rules\": {\"PRT1003\": \"off\", \"PRT2004\": \"error\"}}. Default: portico.json in the current folder, when present." };
        var apiType = new Option<string?>("--api-type") { Description = "API Gateway product the documents are for: rest or http (default: inferred from their x-amazon-apigateway extensions). Turns on the API Gateway rules (PRT4nnn) even without extensions." };
        apiType.AcceptOnlyFromAmong("rest", "http");
        var command = new Command("lint", """
            Checks OpenAPI documents with every rule of the Portico generator.

            Examples:
              portico lint api.yaml
              portico lint specs/*.yaml --format sarif --output portico.sarif
              portico lint api.json --fail-on warning --config portico.json
              portico lint api.yaml --api-type http
            """)
        {
            specs, format, output, failOn, config, apiType,
        };
        command.SetAction(async (parse, ct) =>
        {
            var rules = RuleConfig.Load(parse.GetValue(config), stderr);
            if (rules is null) return PorticoCommandLine.UsageError;
            var findings = new List<(string File, DiagnosticInfo Diagnostic, Severity Level)>();
            var files = parse.GetValue(specs)!;
            bool interactive = PorticoCommandLine.Interactive(stderr);
            foreach (var file in files)
            {
                if (!PorticoCommandLine.TryRead(file, stderr, out var text)) return PorticoCommandLine.UsageError;
                if (interactive && text.Length > 1_000_000) await stderr.WriteLineAsync($"Linting {file} ({text.Length / 1_000_000.0:F1} MB)...");
                var model = PorticoEngine.Parse(new SpecInput(Path.GetFullPath(file), text, new GeneratorOptions { Lint = true, ApiType = parse.GetValue(apiType) }), ct);
                foreach (var d in model.Diagnostics)
                {
                    var level = rules.LevelOf(d.Id, d.Severity);
                    if (level is null) continue;
                    findings.Add((file, d, level.Value));
                }
            }
            var threshold = parse.GetValue(failOn) == "warning" ? Severity.Warning : Severity.Error;
            string report = parse.GetValue(format) switch
            {
                "json" => Reports.Json(files, findings),
                "sarif" => Reports.Sarif(findings),
                _ => Reports.Text(findings, colour: parse.GetValue(output) is null && PorticoCommandLine.Interactive(stdout)),
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
            return findings.Any(f => f.Level >= threshold) ? PorticoCommandLine.Findings : PorticoCommandLine.Clean;
        });
        return command;
    }
}

/// <summary>Rules switched off or re-levelled by a config file.</summary>
internal sealed class RuleConfig
{
    private readonly Dictionary<string, string> _rules;

    private RuleConfig(Dictionary<string, string> rules) => _rules = rules;

    public static RuleConfig? Load(string? path, TextWriter stderr)
    {
        string? file = path ?? (File.Exists("portico.json") ? "portico.json" : null);
        if (file is null) return new RuleConfig(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));
        if (!PorticoCommandLine.TryRead(file, stderr, out var text)) return null;
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var rules = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (doc.RootElement.TryGetProperty("rules", out var r) && r.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in r.EnumerateObject())
                {
                    string level = p.Value.GetString() ?? string.Empty;
                    if (level is not ("off" or "error" or "warning" or "info" or "note"))
                    {
                        stderr.WriteLine($"portico: {file}: rule {p.Name} has level '{level}'; use off, error, warning or info.");
                        return null;
                    }
                    rules[p.Name] = level;
                }
            }
            return new RuleConfig(rules);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            stderr.WriteLine($"portico: {file} is not valid JSON: {ex.Message}");
            return null;
        }
    }

    public Severity? LevelOf(string id, Severity original) => _rules.TryGetValue(id, out var level)
        ? level switch
        {
            "off" => null,
            "error" => Severity.Error,
            "warning" => Severity.Warning,
            _ => Severity.Info,
        }
        : original;
}
