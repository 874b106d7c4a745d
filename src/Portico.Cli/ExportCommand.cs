using System.CommandLine;
using Portico.CodeGeneration.Diagnostics;
using Portico.CodeGeneration.Documents;
using Portico.CodeGeneration.Model;

namespace Portico.Cli;

/// <summary><c>portico export</c>: the document (after overlays, stage and x-portico-integration) as OpenAPI 3.0, 3.1 or Swagger 2.0.</summary>
internal static class ExportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var spec = new Argument<string>("spec") { Description = "The OpenAPI document (2.0, 3.0, 3.1; JSON or YAML)." };
        var version = new Option<string?>("--openapi-version") { Description = "Version to write: 3.0, 3.1 or 2.0. Default: 3.0 for the rest and http profiles, else the document's own." };
        version.AcceptOnlyFromAmong("3.0", "3.1", "2.0");
        var format = new Option<string>("--format", "-f") { Description = "json or yaml.", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "yaml");
        var profile = new Option<string>("--profile", "-p") { Description = "rest or http: keep the API Gateway extensions that product imports (x-portico-* removed); none: remove every x-amazon-apigateway-* and x-portico-* extension.", DefaultValueFactory = _ => "rest" };
        profile.AcceptOnlyFromAmong("rest", "http", "none");
        var overlays = new Option<string[]>("--overlay") { Description = "An Overlay 1.0 file to apply (repeatable, applied in order). Overlays declaring x-portico-stage apply only for their --stage.", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
        var stage = new Option<string?>("--stage") { Description = "The stage to export: its overlay is applied and its ${stageVariables.x} resolved." };
        var output = new Option<string?>("--output", "-o") { Description = "Write the document to this file instead of standard output." };
        var command = new Command("export", """
            Writes the document back out as OpenAPI for API Gateway or other tools, after overlays, the stage and
            x-portico-integration expansion. Constructs the chosen version cannot express are rewritten or removed and
            reported. Diagnostics go to standard error. Exit codes: 0 exported, 1 an error diagnostic, 2 usage or I/O error.

            Examples:
              portico export api.yaml > api.json
              portico export api.yaml --profile http --format yaml --output api.http.yaml
              portico export api.yaml --overlay stages/common.yaml --overlay stages/prod.yaml --stage prod -o prod.json
              portico export api.yaml --profile none --openapi-version 3.1
              portico export api.yaml --openapi-version 2.0 --profile rest
            """)
        {
            spec, version, format, profile, overlays, stage, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            string specPath = parse.GetValue(spec)!;
            if (!PorticoCommandLine.TryRead(specPath, stderr, out var text)) return PorticoCommandLine.UsageError;
            var shown = new Dictionary<string, string>(StringComparer.Ordinal) { [Path.GetFullPath(specPath)] = specPath };
            var overlayFiles = new List<SourceFile>();
            foreach (var o in parse.GetValue(overlays) ?? [])
            {
                if (!PorticoCommandLine.TryRead(o, stderr, out var overlayText)) return PorticoCommandLine.UsageError;
                overlayFiles.Add(new SourceFile(Path.GetFullPath(o), overlayText));
                shown[Path.GetFullPath(o)] = o;
            }
            var options = new ExportOptions
            {
                Version = parse.GetValue(version) switch { "3.0" => ExportVersion.OpenApi30, "3.1" => ExportVersion.OpenApi31, "2.0" => ExportVersion.Swagger20, _ => null },
                Format = parse.GetValue(format) == "yaml" ? ExportFormat.Yaml : ExportFormat.Json,
                Profile = parse.GetValue(profile) switch { "http" => ExportProfile.Http, "none" => ExportProfile.None, _ => ExportProfile.Rest },
                Overlays = overlayFiles.ToEquatableArray(),
                Stage = parse.GetValue(stage),
            };
            var referenced = ReferencedFiles(Path.GetFullPath(specPath), text, ct);
            var input = new SpecInput(Path.GetFullPath(specPath), text, new GeneratorOptions()) { ReferencedFiles = referenced };
            var result = DocumentExporter.Export(input, options, ct);
            foreach (var d in result.Diagnostics)
            {
                string file = shown.TryGetValue(d.Location.Path, out var s) ? s : d.Location.Path;
                await stderr.WriteLineAsync($"{file}({d.Location.Line},{d.Location.Column}): {d.Severity.ToString().ToLowerInvariant()} {d.Id}: {d.Message}");
            }
            if (result.Text is null || result.HasErrors)
            {
                await stderr.WriteLineAsync("portico: the document was not exported because of the errors above.");
                return PorticoCommandLine.Findings;
            }
            string? outputPath = parse.GetValue(output);
            if (outputPath is null)
            {
                await stdout.WriteAsync(result.Text);
                return PorticoCommandLine.Clean;
            }
            try
            {
                string? folder = Path.GetDirectoryName(Path.GetFullPath(outputPath));
                if (folder is not null) Directory.CreateDirectory(folder);
                await File.WriteAllTextAsync(outputPath, result.Text, ct);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"portico: cannot write '{outputPath}': {ex.Message}");
                return PorticoCommandLine.UsageError;
            }
            return PorticoCommandLine.Clean;
        });
        return command;
    }

    /// <summary>The files the document reaches through relative $refs (transitively), read from disk.</summary>
    private static EquatableArray<SourceFile> ReferencedFiles(string path, string text, CancellationToken ct)
    {
        var result = new List<SourceFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { path };
        var queue = new Queue<(string Path, string Text)>();
        queue.Enqueue((path, text));
        while (queue.Count > 0 && result.Count < 1000)
        {
            ct.ThrowIfCancellationRequested();
            var (current, content) = queue.Dequeue();
            string dir = Path.GetDirectoryName(current) ?? ".";
            foreach (var (file, _) in Portico.CodeGeneration.Reading.SpecReader.FindReferencedFiles(content))
            {
                if (file.Contains("://", StringComparison.Ordinal) || file.Length == 0) continue;
                string full = Path.GetFullPath(Path.Combine(dir, Uri.UnescapeDataString(file)));
                if (!seen.Add(full) || !File.Exists(full)) continue;
                string referenced = File.ReadAllText(full);
                result.Add(new SourceFile(full, referenced));
                queue.Enqueue((full, referenced));
            }
        }
        return result.OrderBy(f => f.Path, StringComparer.Ordinal).ToEquatableArray();
    }
}
