using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.OpenApi;
using Portico.CodeGeneration.Binding;
using Portico.CodeGeneration.Diagnostics;
using Portico.CodeGeneration.Model;
using Portico.CodeGeneration.Reading;

namespace Portico.CodeGeneration.Diff
{
    /// <summary>
    /// Compares two OpenAPI documents (2.0, 3.0, 3.1; JSON or YAML) and classifies every change by what it does to clients
    /// written against the base. References are followed, so a change inside a referenced schema is reported at every
    /// operation that uses it (pointing at the schema itself). Never throws for bad input: unreadable documents come back
    /// as <see cref="DiffResult.BaseErrors"/> / <see cref="DiffResult.RevisionErrors"/>.
    /// </summary>
    public static class SpecDiff
    {
        private static readonly Regex s_swagger2 = new Regex(@"^[ \t{]*[""']?swagger[""']?\s*:", RegexOptions.Multiline);

        public static DiffResult Compare(SpecInput @base, SpecInput revision, CancellationToken cancellationToken = default)
        {
            var (baseDoc, baseErrors) = Read(@base, cancellationToken);
            var (revDoc, revErrors) = Read(revision, cancellationToken);
            if (baseDoc is null || revDoc is null)
            {
                return new DiffResult(Array.Empty<DiffFinding>(), baseErrors, revErrors, baseDoc?.Info?.Version, revDoc?.Info?.Version);
            }
            var comparer = new DocumentComparer(baseDoc, revDoc, cancellationToken);
            try
            {
                comparer.Run();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var error = DiagnosticInfo.Create(DiagnosticCatalog.InternalError, SourceSpan.FileStart(revision.Path), "comparing the documents", ex.GetType().Name + ": " + ex.Message);
                return new DiffResult(Array.Empty<DiffFinding>(), baseErrors, new[] { error }, baseDoc.Info?.Version, revDoc.Info?.Version);
            }
            var findings = Locate(comparer.Findings, @base, revision);
            return new DiffResult(findings, baseErrors, revErrors, baseDoc.Info?.Version, revDoc.Info?.Version);
        }

        private static (OpenApiDocument? Document, List<DiagnosticInfo> Errors) Read(SpecInput input, CancellationToken ct)
        {
            List<PendingDiagnostic> pending;
            OpenApiDocument? doc = null;
            try
            {
                var outcome = SpecReader.Read(input, ct);
                pending = outcome.Diagnostics.Where(d => d.Descriptor.Severity == Severity.Error).ToList();
                if (!outcome.Fatal) doc = outcome.Document;
                if (doc is null && pending.Count == 0)
                {
                    pending.Add(new PendingDiagnostic(DiagnosticCatalog.NotOpenApi, string.Empty, new[] { "it could not be read as an OpenAPI document" }));
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                pending = new List<PendingDiagnostic> { new PendingDiagnostic(DiagnosticCatalog.InternalError, string.Empty, new[] { "reading the document", ex.GetType().Name + ": " + ex.Message }) };
            }
            if (doc is not null) return (doc, new List<DiagnosticInfo>());
            var spans = SourceLocator.Locate(input.Path, input.Text, pending.Select(p => p.Pointer).Distinct().ToList());
            var errors = pending.Select(p => DiagnosticInfo.Create(p.Descriptor, spans.TryGetValue(p.Pointer, out var s) ? s : SourceSpan.FileStart(input.Path), p.Args)).Distinct().ToList();
            return (null, errors);
        }

        private static List<DiffFinding> Locate(List<RawFinding> raw, SpecInput @base, SpecInput revision)
        {
            bool baseV2 = s_swagger2.IsMatch(@base.Text), revV2 = s_swagger2.IsMatch(revision.Text);
            string Source(RawFinding f) => (f.InBase ? baseV2 : revV2) ? ToSwagger2(f.Pointer) : f.Pointer;
            var baseSpans = SourceLocator.Locate(@base.Path, @base.Text, raw.Where(f => f.InBase).Select(Source).Distinct().ToList());
            var revSpans = SourceLocator.Locate(revision.Path, revision.Text, raw.Where(f => !f.InBase).Select(Source).Distinct().ToList());
            var result = new List<DiffFinding>(raw.Count);
            var seen = new HashSet<(string, string?, string?, string, bool, string)>();
            foreach (var f in raw)
            {
                if (!seen.Add((f.Rule.Id, f.Method, f.Path, f.Pointer, f.InBase, f.Message))) continue;
                string pointer = Source(f);
                var spans = f.InBase ? baseSpans : revSpans;
                var span = spans.TryGetValue(pointer, out var s) ? s : SourceSpan.FileStart(f.InBase ? @base.Path : revision.Path);
                string message = f.Method is null ? f.Message : f.Method.ToUpperInvariant() + " " + f.Path + ": " + f.Message;
                result.Add(new DiffFinding(f.Rule.Id, f.Rule.Level, f.Method, f.Path, pointer, f.InBase, span, message));
            }
            return result;
        }

        /// <summary>Microsoft.OpenApi reads 2.0 documents into the 3.0 model; pointers go back to where 2.0 keeps things.</summary>
        internal static string ToSwagger2(string pointer)
        {
            string p = pointer.Replace("#/components/schemas/", "#/definitions/")
                .Replace("#/components/parameters/", "#/parameters/")
                .Replace("#/components/responses/", "#/responses/")
                .Replace("#/components/securitySchemes/", "#/securityDefinitions/");
            p = Regex.Replace(p, @"/content/[^/]+/schema", "/schema");
            p = Regex.Replace(p, @"/content/[^/]+$", string.Empty);
            p = Regex.Replace(p, @"/requestBody(/.*)?$", "/parameters");
            return p.StartsWith("#/servers", StringComparison.Ordinal) ? "#/basePath" : p;
        }
    }

    /// <summary>A finding before its position is known.</summary>
    internal sealed record RawFinding(DiffRule Rule, string? Method, string? Path, string Pointer, bool InBase, string Message);

    internal enum Direction
    {
        Request,
        Response,
    }
}
