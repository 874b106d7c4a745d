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
            if (json ? !CheckJson(input.Text, outcome) : !CheckYamlRoot(input.Text, outcome))
            {
                outcome.Fatal = true;
                return outcome;
            }
            var externals = FindReferencedFiles(input.Text);
            bool hasExternal = false;
            foreach (var (file, pointer) in externals)
            {
                if (IsRemote(file))
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
            settings.RuleSet = input.Options.Lint ? ValidationRuleSet.GetDefaultRuleSet() : ValidationRuleSet.GetEmptyRuleSet();
            var loader = new InMemoryLoader(input);
            settings.CustomExternalLoader = loader;
            settings.LoadExternalRefs = hasExternal;
            settings.BaseUrl = ToFileUri(input.Path);

            ReadResult result;
            try
            {
                if (hasExternal)
                {
                    // Fragments of other files become components of this document; whole documents are loaded as they are.
                    string loadText = text;
                    string format = json ? "json" : "yaml";
                    if (Bundler.Bundle(input, json) is string fragmentsBundled)
                    {
                        loadText = fragmentsBundled;
                        format = "json";
                    }
                    using var stream = new MemoryStream(Encoding.UTF8.GetBytes(loadText));
                    result = Task.Run(() => OpenApiDocument.LoadAsync(stream, format, settings, ct)).GetAwaiter().GetResult();
                }
                else
                {
                    result = OpenApiDocument.Parse(text, json ? "json" : "yaml", settings);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                string message = Clean(ex.Message);
                if (IsVersionMessage(message))
                {
                    outcome.Diagnostics.Add(new PendingDiagnostic(DiagnosticCatalog.NotOpenApi, VersionPointer(input.Text), new[] { message }));
                }
                else
                {
                    outcome.Diagnostics.Add(new PendingDiagnostic(DiagnosticCatalog.SyntaxError, PositionIn(message), new[] { WithoutPositions(message) }));
                }
                outcome.Fatal = true;
                return outcome;
            }
            foreach (var missing in loader.Missing)
            {
                // Point at the $ref that names the file when the document itself does; else at the file's start.
                string pointer = string.Empty;
                string shown = missing;
                foreach (var (file, at) in externals)
                {
                    if (IsRemote(file)) continue;
                    if (InMemoryLoader.Normalize(Resolve(input.Path, file)) == missing)
                    {
                        pointer = at;
                        shown = file;
                        break;
                    }
                }
                outcome.Diagnostics.Add(new PendingDiagnostic(DiagnosticCatalog.MissingReferencedFile, pointer, new[] { shown }));
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
                    // "x is not a valid property at #/info": point at x itself.
                    var invalid = Regex.Match(message, @"^(.+) is not a valid property at #");
                    if (at >= 0 && invalid.Success) pointer = pointer.TrimEnd('/') + "/" + SourceLocator.Escape(invalid.Groups[1].Value);
                }
                if (message.StartsWith("[File: ", StringComparison.Ordinal) && message.EndsWith("Version node not found.", StringComparison.Ordinal))
                {
                    // A file reached by $ref holds fragments, not a whole document (or is missing, already reported).
                    continue;
                }
                if (message.StartsWith("Unable to parse", StringComparison.Ordinal) || message.IndexOf("while parsing", StringComparison.OrdinalIgnoreCase) >= 0 && result.Document?.Paths is null)
                {
                    outcome.Diagnostics.Add(new PendingDiagnostic(DiagnosticCatalog.SyntaxError, pointer.Length > 0 ? pointer : PositionIn(message), new[] { WithoutPositions(message) }));
                    continue;
                }
                if (IsVersionMessage(message) && result.Document is null)
                {
                    outcome.Diagnostics.Add(new PendingDiagnostic(DiagnosticCatalog.NotOpenApi, pointer.Length > 0 ? pointer : VersionPointer(input.Text), new[] { message }));
                    continue;
                }
                structural++;
                if (structural <= MaxStructural || input.Options.Lint)
                {
                    outcome.Diagnostics.Add(new PendingDiagnostic(DiagnosticCatalog.StructuralProblem, pointer, new[] { message }));
                }
            }
            if (structural > MaxStructural && !input.Options.Lint)
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

        private static bool IsRemote(string file)
            => file.IndexOf("://", StringComparison.Ordinal) >= 0 || file.StartsWith("//", StringComparison.Ordinal);

        private static bool IsVersionMessage(string message)
            => message.IndexOf("version", StringComparison.OrdinalIgnoreCase) >= 0
               && (message.IndexOf("not supported", StringComparison.OrdinalIgnoreCase) >= 0 || message.IndexOf("unknown", StringComparison.OrdinalIgnoreCase) >= 0);

        /// <summary>Where a version problem is: the 'openapi' or 'swagger' field when there is one.</summary>
        private static string VersionPointer(string text)
        {
            var m = Regex.Match(text, @"^[ \t{]*[""']?(openapi|swagger)[""']?\s*:", RegexOptions.Multiline);
            return m.Success ? "/" + m.Groups[1].Value : string.Empty;
        }

        /// <summary>The position a YAML reader's message names ("at line 3, column 5" or "(Lin: 2, Col: 4"), as a pseudo-pointer.</summary>
        private static string PositionIn(string message)
        {
            var m = Regex.Match(message, @"line (\d+), column (\d+)");
            if (m.Success)
            {
                return SourceLocator.AtPosition(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
            m = Regex.Match(message, @"\(Lin: (\d+), Col: (\d+)");
            if (m.Success)
            {
                return SourceLocator.AtPosition(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) + 1);
            }
            return string.Empty;
        }

        /// <summary>
        /// Reads a JSON document through once: a syntax error becomes PRT1001 at its line and column, and a top-level
        /// value that is not an object becomes PRT1002. The OpenAPI reader would only say the payload is malformed.
        /// </summary>
        private static bool CheckJson(string text, ReadOutcome outcome)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            var reader = new System.Text.Json.Utf8JsonReader(new ReadOnlySpan<byte>(bytes, start, bytes.Length - start), new System.Text.Json.JsonReaderOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Disallow, MaxDepth = 1024 });
            try
            {
                bool first = true;
                while (reader.Read())
                {
                    if (first)
                    {
                        first = false;
                        if (reader.TokenType != System.Text.Json.JsonTokenType.StartObject)
                        {
                            string kind = reader.TokenType == System.Text.Json.JsonTokenType.StartArray ? "an array" : "a single value";
                            outcome.Diagnostics.Add(new PendingDiagnostic(DiagnosticCatalog.NotOpenApi, SourceLocator.AtOffset(CharOffset(bytes, start, start + (int)reader.TokenStartIndex)),
                                new[] { "the document is " + kind + ", not a JSON object with an 'openapi' or 'swagger' field" }));
                            return false;
                        }
                    }
                }
                return true;
            }
            catch (System.Text.Json.JsonException ex)
            {
                int line = (int)(ex.LineNumber ?? 0);
                int bytePos = (int)(ex.BytePositionInLine ?? 0);
                // The byte offset of that line, then the column in characters.
                int offset = start;
                for (int l = 0; l < line && offset < bytes.Length; offset++)
                {
                    if (bytes[offset] == (byte)'\n') l++;
                }
                int column = Encoding.UTF8.GetCharCount(bytes, offset, Math.Max(0, Math.Min(bytePos, bytes.Length - offset)));
                string message = ex.Message;
                int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
                if (cut > 0) message = message.Substring(0, cut);
                message = message.Replace(" Change the reader options.", string.Empty);
                outcome.Diagnostics.Add(new PendingDiagnostic(DiagnosticCatalog.SyntaxError, SourceLocator.AtPosition(line + 1, column + 1), new[] { Clean(message) }));
                return false;
            }
        }

        /// <summary>A YAML document whose top node is a sequence or a scalar is not OpenAPI (PRT1002); syntax is left to the reader.</summary>
        private static bool CheckYamlRoot(string text, ReadOutcome outcome)
        {
            try
            {
                var parser = SharpYaml.Parser.CreateParser(new StringReader(text));
                while (parser.MoveNext())
                {
                    var ev = parser.Current;
                    if (ev is null) return true;
                    if (ev is SharpYaml.Events.StreamStart || ev is SharpYaml.Events.DocumentStart) continue;
                    if (ev is SharpYaml.Events.MappingStart || ev is SharpYaml.Events.StreamEnd || ev is SharpYaml.Events.DocumentEnd) return true;
                    string kind = ev is SharpYaml.Events.SequenceStart ? "a sequence" : "a single value";
                    outcome.Diagnostics.Add(new PendingDiagnostic(DiagnosticCatalog.NotOpenApi, SourceLocator.AtPosition(ev.Start.Line + 1, ev.Start.Column + 1),
                        new[] { "the document is " + kind + ", not a mapping with an 'openapi' or 'swagger' field" }));
                    return false;
                }
                return true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A syntax error: the reader reports it with its position.
                return true;
            }
        }

        /// <summary>A reader's message without the positions it repeats (the diagnostic's location carries them).</summary>
        private static string WithoutPositions(string message)
        {
            string m = Regex.Replace(message, @" at line \d+, column \d+", string.Empty);
            m = Regex.Replace(m, @"\(Lin: \d+, Col: \d+, Chr: \d+\)( - \(Lin: \d+, Col: \d+, Chr: \d+\))?:?\s*", string.Empty);
            return Regex.Replace(m, @"\s{2,}", " ").Trim();
        }

        private static int CharOffset(byte[] bytes, int from, int to) => Encoding.UTF8.GetCharCount(bytes, from, Math.Max(0, to - from));

        /// <summary>A relative reference made absolute against the document's folder.</summary>
        private static string Resolve(string documentPath, string file)
        {
            string dir = InMemoryLoader.Normalize(documentPath);
            dir = dir.Substring(0, dir.LastIndexOf('/') + 1);
            return file.StartsWith("/", StringComparison.Ordinal) ? file : dir + Uri.UnescapeDataString(file);
        }

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
                if (!list.Any(x => x.Item1 == file)) list.Add((file, SourceLocator.AtOffset(m.Index + (m.Value.StartsWith("$", StringComparison.Ordinal) ? 0 : 1))));
            }
            return list;
        }

        /// <summary>Serves referenced files from the build's AdditionalFiles; a missing file becomes a diagnostic, remote URLs are refused.</summary>
        private sealed class InMemoryLoader : IStreamLoader
        {
            private static readonly byte[] s_emptyDocument = Encoding.UTF8.GetBytes("{}");
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
                    // Remote documents are never fetched (already reported); the reference stays unresolved.
                    return Task.FromResult<Stream>(new MemoryStream(s_emptyDocument));
                }
                string path = Normalize(Uri.UnescapeDataString(absolute.AbsolutePath));
                if (_files.TryGetValue(path, out var text))
                {
                    return Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(text)));
                }
                // A file outside the build: reported, and its references stay unresolved instead of failing the whole read.
                if (!Missing.Contains(path)) Missing.Add(path);
                return Task.FromResult<Stream>(new MemoryStream(s_emptyDocument));
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
