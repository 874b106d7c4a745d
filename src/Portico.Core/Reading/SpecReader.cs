using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Portico.CodeGeneration.Binding;
using Portico.CodeGeneration.Diagnostics;
using Portico.CodeGeneration.Model;

namespace Portico.CodeGeneration.Reading
{
    /// <summary>Reads a document with Microsoft.OpenApi (2.0, 3.0, 3.1; JSON or YAML), never touching disk or network.</summary>
    public static class SpecReader
    {
        // A quoted value runs to its closing quote (file names may hold braces: 'users@{username}.yaml'); a bare one stops at a separator.
        private static readonly Regex s_refPattern = new Regex(@"[""']?\$ref[""']?\s*:\s*(?:""([^""#]*)(#[^""]*)?""|'([^'#]*)(#[^']*)?'|([^""'\s,}#]*)(#[^""'\s,}]*)?)", RegexOptions.Compiled);

        public sealed class ReadOutcome
        {
            public OpenApiDocument? Document;
            internal List<PendingDiagnostic> Diagnostics = new List<PendingDiagnostic>();
            public bool Fatal;
        }

        internal static ReadOutcome Read(SpecInput input, CancellationToken ct)
        {
            var outcome = new ReadOutcome();
            if (string.IsNullOrWhiteSpace(input.Text))
            {
                outcome.Diagnostics.Add(new PendingDiagnostic(DiagnosticCatalog.EmptySpec, string.Empty, new[] { input.Path }));
                outcome.Fatal = true;
                return outcome;
            }

            bool json = SourceLocator.LooksLikeJson(input.Text);
            var externals = FindReferencedFiles(input.Text);
            bool hasExternal = false;
            foreach (var (file, pointer) in externals)
            {
                if (file.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || file.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                {
                    outcome.Diagnostics.Add(new PendingDiagnostic(DiagnosticCatalog.RemoteReference, pointer, new[] { file }));
                }
                else
                {
                    hasExternal = true;
                }
            }

            // OpenAPI 2.0 documents split over JSON files are read as one: Microsoft.OpenApi cannot follow their $refs.
            string text = input.Text;
            if (hasExternal && json && Swagger2Bundler.TryBundle(input) is string bundled)
            {
                text = bundled;
                hasExternal = false;
            }

            var settings = new OpenApiReaderSettings();
            settings.AddYamlReader();
            settings.RuleSet = ValidationRuleSet.GetEmptyRuleSet();
            var loader = new InMemoryLoader(input);
            settings.CustomExternalLoader = loader;
            settings.LoadExternalRefs = hasExternal;
            settings.BaseUrl = ToFileUri(input.Path);

            ReadResult result;
            try
            {
                if (hasExternal)
                {
                    using var stream = new MemoryStream(Encoding.UTF8.GetBytes(input.Text));
                    result = Task.Run(() => OpenApiDocument.LoadAsync(stream, json ? "json" : "yaml", settings, ct)).GetAwaiter().GetResult();
                }
                else
                {
                    result = OpenApiDocument.Parse(text, json ? "json" : "yaml", settings);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                outcome.Diagnostics.Add(new PendingDiagnostic(DiagnosticCatalog.SyntaxError, string.Empty, new[] { Clean(ex.Message) }));
                outcome.Fatal = true;
                return outcome;
            }
            foreach (var missing in loader.Missing)
            {
                outcome.Diagnostics.Add(new PendingDiagnostic(DiagnosticCatalog.MissingReferencedFile, string.Empty, new[] { missing }));
            }

            outcome.Document = result.Document;
            int structural = 0;
            var errors = result.Diagnostic?.Errors ?? new List<OpenApiError>();
            foreach (var e in errors)
            {
                string message = Clean(e.Message);
                string pointer = e.Pointer ?? string.Empty;
                if (pointer.Length == 0)
                {
                    // Messages such as "x is not a valid property at #/paths/..." carry the pointer in the text.
                    int at = message.LastIndexOf(" at #", StringComparison.Ordinal);
                    if (at >= 0) pointer = message.Substring(at + 4);
                }
                if (message.StartsWith("Unable to parse", StringComparison.Ordinal) || message.IndexOf("while parsing", StringComparison.OrdinalIgnoreCase) >= 0 && result.Document?.Paths is null)
                {
                    outcome.Diagnostics.Add(new PendingDiagnostic(DiagnosticCatalog.SyntaxError, pointer, new[] { message }));
                    continue;
                }
                if (message.IndexOf("version", StringComparison.OrdinalIgnoreCase) >= 0 && (message.IndexOf("not supported", StringComparison.OrdinalIgnoreCase) >= 0 || message.IndexOf("unknown", StringComparison.OrdinalIgnoreCase) >= 0) && result.Document is null)
                {
                    outcome.Diagnostics.Add(new PendingDiagnostic(DiagnosticCatalog.NotOpenApi, pointer, new[] { message }));
                    continue;
                }
                structural++;
                if (structural <= MaxStructural)
                {
                    outcome.Diagnostics.Add(new PendingDiagnostic(DiagnosticCatalog.StructuralProblem, pointer, new[] { message }));
                }
            }
            if (structural > MaxStructural)
            {
                outcome.Diagnostics.Add(new PendingDiagnostic(DiagnosticCatalog.StructuralProblem, string.Empty,
                    new[] { (structural - MaxStructural).ToString(System.Globalization.CultureInfo.InvariantCulture) + " more problems of this kind were found and not listed" }));
            }
            if (result.Document is null || (result.Document.Paths is null && result.Document.Components is null && result.Document.Webhooks is null))
            {
                if (!outcome.Diagnostics.Any(d => d.Descriptor.Severity == Severity.Error))
                {
                    outcome.Diagnostics.Add(new PendingDiagnostic(DiagnosticCatalog.NotOpenApi, string.Empty, new[] { "it has no 'openapi' or 'swagger' version, or no paths" }));
                }
                outcome.Fatal = true;
                outcome.Document = null;
            }
            return outcome;
        }

        private const int MaxStructural = 25;

        private static string Clean(string message) => message.Replace("\r", " ").Replace("\n", " ").Trim();

        internal static Uri ToFileUri(string path)
        {
            string full = path.Replace('\\', '/');
            if (!full.StartsWith("/", StringComparison.Ordinal)) full = "/" + full;
            return new Uri("file://" + Uri.EscapeUriString(full).Replace("#", "%23"));
        }

        /// <summary>The file part of every non-local $ref in a text, with a pointer-ish hint for positions.</summary>
        public static List<(string File, string Pointer)> FindReferencedFiles(string text)
        {
            var list = new List<(string, string)>();
            if (text.IndexOf("$ref", StringComparison.Ordinal) < 0) return list;
            foreach (Match m in s_refPattern.Matches(text))
            {
                string file = (m.Groups[1].Success ? m.Groups[1].Value : m.Groups[3].Success ? m.Groups[3].Value : m.Groups[5].Value).Trim();
                if (file.Length == 0) continue;
                if (!list.Any(x => x.Item1 == file)) list.Add((file, string.Empty));
            }
            return list;
        }

        /// <summary>Serves referenced files from the build's AdditionalFiles; a missing file becomes a diagnostic, remote URLs are refused.</summary>
        private sealed class InMemoryLoader : IStreamLoader
        {
            private readonly Dictionary<string, string> _files = new Dictionary<string, string>(StringComparer.Ordinal);

            public InMemoryLoader(SpecInput input)
            {
                foreach (var f in input.ReferencedFiles) _files[Normalize(f.Path)] = f.Text;
                _files[Normalize(input.Path)] = input.Text;
            }

            public List<string> Missing { get; } = new List<string>();

            public Task<Stream> LoadAsync(Uri baseUrl, Uri uri, CancellationToken cancellationToken)
            {
                Uri absolute = uri.IsAbsoluteUri ? uri : new Uri(baseUrl, uri);
                if (!absolute.IsFile)
                {
                    throw new InvalidOperationException("Remote reference " + absolute + " is not fetched.");
                }
                string path = Normalize(Uri.UnescapeDataString(absolute.AbsolutePath));
                if (_files.TryGetValue(path, out var text))
                {
                    return Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(text)));
                }
                if (!Missing.Contains(path)) Missing.Add(path);
                throw new FileNotFoundException("The file " + path + " is not part of the build.");
            }

            internal static string Normalize(string path)
            {
                string p = path.Replace('\\', '/');
                var parts = new List<string>();
                foreach (var seg in p.Split('/'))
                {
                    if (seg == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); }
                    else if (seg != "." && seg.Length > 0) parts.Add(seg);
                }
                return "/" + string.Join("/", parts);
            }
        }

        /// <summary>Picks, among candidate files, those a document reaches through $refs (transitively).</summary>
        public static List<SourceFile> ResolveReferencedFiles(string specPath, string specText, IReadOnlyList<(string Path, Func<string?> Text)> candidates, CancellationToken ct)
        {
            var byPath = new Dictionary<string, (string Path, Func<string?> Text)>(StringComparer.Ordinal);
            foreach (var c in candidates) byPath[InMemoryLoader.Normalize(c.Path)] = c;
            var result = new List<SourceFile>();
            var seen = new HashSet<string>(StringComparer.Ordinal) { InMemoryLoader.Normalize(specPath) };
            var queue = new Queue<(string Path, string Text)>();
            queue.Enqueue((specPath, specText));
            while (queue.Count > 0 && result.Count < 1000)
            {
                ct.ThrowIfCancellationRequested();
                var (path, text) = queue.Dequeue();
                string dir = InMemoryLoader.Normalize(path);
                dir = dir.Substring(0, dir.LastIndexOf('/') + 1);
                foreach (var (file, _) in FindReferencedFiles(text))
                {
                    if (file.IndexOf("://", StringComparison.Ordinal) >= 0) continue;
                    string full = InMemoryLoader.Normalize(file.StartsWith("/", StringComparison.Ordinal) ? file : dir + Uri.UnescapeDataString(file));
                    if (!seen.Add(full)) continue;
                    if (byPath.TryGetValue(full, out var c) && c.Text() is string t)
                    {
                        result.Add(new SourceFile(c.Path, t));
                        queue.Enqueue((c.Path, t));
                    }
                }
            }
            result.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
            return result;
        }
    }
}
