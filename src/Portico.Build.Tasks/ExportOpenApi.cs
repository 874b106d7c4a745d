using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Portico.CodeGeneration.Diagnostics;
using Portico.CodeGeneration.Documents;
using Portico.CodeGeneration.Model;
using Portico.CodeGeneration.Reading;

namespace Portico.Build
{
    /// <summary>
    /// Writes the export of each OpenApiSpec that has an export path (item metadata <c>ExportPath</c>, else the
    /// <c>PorticoExportPath</c> property; a path ending in '/' is a folder that gets the document's name). Uses the
    /// item's Overlays, Stage and ApiType, and <c>PorticoExportVersion</c> (3.0, 3.1, 2.0), <c>PorticoExportFormat</c>
    /// (json, yaml), <c>PorticoExportProfile</c> (rest, http, none), or the same names as item metadata.
    /// Diagnostics are logged with their codes, files, lines and columns.
    /// </summary>
    public sealed class ExportOpenApi : Task
    {
        [Required]
        public ITaskItem[] Specs { get; set; } = Array.Empty<ITaskItem>();

        public string? ExportPath { get; set; }
        public string? Version { get; set; }
        public string? Format { get; set; }
        public string? Profile { get; set; }
        public string? ProjectDirectory { get; set; }

        [Output]
        public ITaskItem[] Written { get; set; } = Array.Empty<ITaskItem>();

        public override bool Execute()
        {
            var written = new List<ITaskItem>();
            string projectDir = string.IsNullOrEmpty(ProjectDirectory) ? Directory.GetCurrentDirectory() : ProjectDirectory!;
            foreach (var spec in Specs)
            {
                string target = Meta(spec, "ExportPath") ?? ExportPath ?? string.Empty;
                if (target.Length == 0) continue;
                string specPath = Path.GetFullPath(Path.Combine(projectDir, spec.ItemSpec));
                string format = (Meta(spec, "ExportFormat") ?? Format ?? "json").Trim().ToLowerInvariant();
                string profile = (Meta(spec, "ExportProfile") ?? Profile ?? "rest").Trim().ToLowerInvariant();
                string? version = (Meta(spec, "ExportVersion") ?? Version)?.Trim();
                if (format is not ("json" or "yaml") || profile is not ("rest" or "http" or "none") || version is not (null or "" or "3.0" or "3.1" or "2.0"))
                {
                    Log.LogError(null, "PRT4430", null, specPath, 0, 0, 0, 0,
                        "Export settings for '{0}' are not valid: format '{1}' (json, yaml), profile '{2}' (rest, http, none), version '{3}' (3.0, 3.1, 2.0).", spec.ItemSpec, format, profile, version ?? string.Empty);
                    continue;
                }
                if (target.EndsWith("/", StringComparison.Ordinal) || target.EndsWith("\\", StringComparison.Ordinal))
                {
                    target += Path.GetFileNameWithoutExtension(specPath) + (format == "yaml" ? ".yaml" : ".json");
                }
                string output = Path.GetFullPath(Path.Combine(projectDir, target));
                if (Export(spec, specPath, output, format, profile, version, projectDir))
                {
                    written.Add(new TaskItem(output));
                }
            }
            Written = written.ToArray();
            return !Log.HasLoggedErrors;
        }

        private bool Export(ITaskItem spec, string specPath, string output, string format, string profile, string? version, string projectDir)
        {
            string text;
            try
            {
                text = File.ReadAllText(specPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Log.LogError(null, "PRT0001", null, specPath, 0, 0, 0, 0, "The OpenAPI document '{0}' could not be read: {1}", specPath, ex.Message);
                return false;
            }
            var overlays = new List<SourceFile>();
            foreach (var name in GeneratorOptions.SplitList(Meta(spec, "Overlays")))
            {
                foreach (var file in Expand(projectDir, name))
                {
                    overlays.Add(new SourceFile(file, File.ReadAllText(file)));
                }
            }
            var options = new ExportOptions
            {
                Version = version switch { "3.0" => ExportVersion.OpenApi30, "3.1" => ExportVersion.OpenApi31, "2.0" => ExportVersion.Swagger20, _ => null },
                Format = format == "yaml" ? ExportFormat.Yaml : ExportFormat.Json,
                Profile = profile == "http" ? ExportProfile.Http : profile == "none" ? ExportProfile.None : ExportProfile.Rest,
                Overlays = overlays.ToEquatableArray(),
                Stage = Meta(spec, "Stage"),
                ApiType = Meta(spec, "ApiType"),
            };
            var input = new SpecInput(specPath, text, new GeneratorOptions { ProjectDirectory = projectDir }) { ReferencedFiles = Referenced(specPath, text) };
            var result = DocumentExporter.Export(input, options);
            foreach (var d in result.Diagnostics)
            {
                var l = d.Location;
                switch (d.Severity)
                {
                    case Severity.Error: Log.LogError(null, d.Id, d.Descriptor.HelpLink, l.Path, l.Line, l.Column, l.EndLine, l.EndColumn, "{0}", d.Message); break;
                    case Severity.Warning: Log.LogWarning(null, d.Id, d.Descriptor.HelpLink, l.Path, l.Line, l.Column, l.EndLine, l.EndColumn, "{0}", d.Message); break;
                    default: Log.LogMessage(null, d.Id, d.Descriptor.HelpLink, l.Path, l.Line, l.Column, l.EndLine, l.EndColumn, MessageImportance.Low, "{0}", d.Message); break;
                }
            }
            if (result.Text is null || result.HasErrors) return false;
            try
            {
                string? folder = Path.GetDirectoryName(output);
                if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
                // Written only when it changed, so incremental builds see an unchanged file.
                if (!File.Exists(output) || File.ReadAllText(output) != result.Text) File.WriteAllText(output, result.Text);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Log.LogError(null, "PRT4430", null, output, 0, 0, 0, 0, "The export of '{0}' cannot be written to '{1}': {2}", specPath, output, ex.Message);
                return false;
            }
            Log.LogMessage(MessageImportance.High, "Portico: exported {0} -> {1}", Path.GetFileName(specPath), output);
            return true;
        }

        private static string? Meta(ITaskItem item, string name)
        {
            string value = item.GetMetadata(name);
            return string.IsNullOrWhiteSpace(value) ? null : value;
        }

        /// <summary>An overlay name: a file relative to the project, or a pattern with * (files sorted by path).</summary>
        private static IEnumerable<string> Expand(string projectDir, string name)
        {
            string full = Path.GetFullPath(Path.Combine(projectDir, name.Replace('\\', '/')));
            if (full.IndexOf('*') < 0) return new[] { full };
            string dir = Path.GetDirectoryName(full)!;
            string pattern = Path.GetFileName(full);
            return Directory.Exists(dir) ? Directory.GetFiles(dir, pattern).OrderBy(f => f, StringComparer.Ordinal) : Enumerable.Empty<string>();
        }

        /// <summary>The files the document reaches through relative $refs (transitively), read from disk.</summary>
        private static EquatableArray<SourceFile> Referenced(string path, string text)
        {
            var result = new List<SourceFile>();
            var seen = new HashSet<string>(StringComparer.Ordinal) { path };
            var queue = new Queue<(string Path, string Text)>();
            queue.Enqueue((path, text));
            while (queue.Count > 0 && result.Count < 1000)
            {
                var (current, content) = queue.Dequeue();
                string dir = Path.GetDirectoryName(current) ?? ".";
                foreach (var (file, _) in SpecReader.FindReferencedFiles(content))
                {
                    if (file.Length == 0 || file.IndexOf("://", StringComparison.Ordinal) >= 0) continue;
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
}
