using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Portico.CodeGeneration;
using Portico.CodeGeneration.Diagnostics;
using Portico.CodeGeneration.Emit;
using Portico.CodeGeneration.Model;
using Portico.CodeGeneration.Reading;

namespace Portico.SourceGenerator
{
    /// <summary>
    /// Turns <c>&lt;OpenApiSpec&gt;</c> items into typed clients. The pipeline only wires steps; the work is Portico.Core's.
    /// Every value crossing a step is equatable and holds no compiler objects, so an unrelated edit re-runs nothing.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class OpenApiGenerator : IIncrementalGenerator
    {
        private const string KindKey = "build_metadata.AdditionalFiles.Portico_Kind";
        private const string SpecKind = "OpenApiSpec";
        private const string ReferenceKind = "OpenApiReference";
        private const string TemplateKind = "Template";
        private const string OverlayKind = "OpenApiOverlay";

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var projectOptions = context.AnalyzerConfigOptionsProvider.Select(static (p, _) => ProjectOptions.From(p.GlobalOptions));

            // The first step turns each of Portico's AdditionalFiles into plain data (path, kind, text, metadata);
            // nothing after it sees an AdditionalText, and other projects' additional files are dropped unread.
            var files = context.AdditionalTextsProvider
                .Combine(context.AnalyzerConfigOptionsProvider)
                .Select(static (pair, ct) => PorticoFile.From(pair.Left, pair.Right.GetOptions(pair.Left), ct))
                .Where(static x => x is not null)
                .Select(static (x, _) => x!)
                .WithTrackingName(TrackingNames.SpecFiles);

            // The document texts: a spec's step output changes only when its own text or metadata changes.
            var specs = files
                .Where(static x => x.Kind == SpecKind)
                .Combine(projectOptions)
                .Select(static (x, _) => ReadSpec(x.Left, x.Right))
                .WithTrackingName(TrackingNames.ReadSpec);

            var referenceCandidates = files
                .Where(static x => x.Kind == ReferenceKind || x.Kind == SpecKind)
                .Select(static (x, _) => new SourceFile(x.Path, x.Text))
                .Collect();

            var withReferences = specs
                .Combine(referenceCandidates)
                .Select(static (x, ct) => ResolveReferences(x.Left, x.Right, ct))
                .WithTrackingName(TrackingNames.ResolveReferences);

            // Overlay files (stages and shared changes) reach only the documents whose Overlays metadata names them.
            var overlayFiles = files
                .Where(static x => x.Kind == OverlayKind)
                .Select(static (x, _) => new SourceFile(x.Path, x.Text))
                .Collect();

            var withOverlays = withReferences
                .Combine(overlayFiles)
                .Select(static (x, _) => Portico.CodeGeneration.Documents.OverlaySelection.Attach(x.Left, x.Right))
                .WithTrackingName(TrackingNames.AttachOverlays);

            var models = withOverlays
                .Select(static (input, ct) => new ParsedSpec(input.Path, PorticoEngine.Parse(input, ct)))
                .WithTrackingName(TrackingNames.ParseSpec);

            var templates = files
                .Where(static x => x.Kind == TemplateKind)
                .Select(static (x, _) => new SourceFile(x.Path, x.Text))
                .Collect()
                .Select(static (files, _) => new TemplateSet(files.OrderBy(f => f.Path, StringComparer.Ordinal).ToEquatableArray()))
                .WithTrackingName(TrackingNames.Templates);

            context.RegisterSourceOutput(models.Select(static (m, _) => m.Model.Diagnostics), static (spc, diagnostics) =>
            {
                foreach (var d in diagnostics) spc.ReportDiagnostic(DiagnosticDescriptors.ToDiagnostic(d));
            });

            context.RegisterSourceOutput(templates, static (spc, set) =>
            {
                foreach (var e in set.Errors)
                {
                    var span = new SourceSpan(e.Path, e.Line, e.Column, e.Line, e.Column, 0, 0);
                    spc.ReportDiagnostic(DiagnosticDescriptors.ToDiagnostic(DiagnosticInfo.Create(DiagnosticCatalog.TemplateError, span, e.Path, e.Message)));
                }
            });

            // Two documents that would emit the same client collide loudly instead of breaking the build with CS0101.
            context.RegisterSourceOutput(models.Select(static (m, _) => m.Model.Client is null ? null : new ClientKey(m.Path, m.Model.Client.Namespace + "." + m.Model.Client.ClientName, m.Model.Client.HintPrefix)).Collect(), static (spc, keys) =>
            {
                var seen = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var k in keys)
                {
                    if (k is null) continue;
                    if (seen.TryGetValue(k.FullName, out var first))
                    {
                        spc.ReportDiagnostic(DiagnosticDescriptors.ToDiagnostic(DiagnosticInfo.Create(DiagnosticCatalog.DuplicateClient, SourceSpan.FileStart(k.Path), first, k.Path, k.FullName)));
                    }
                    else
                    {
                        seen[k.FullName] = k.Path;
                    }
                }
            });

            // Hint names must be unique across documents: two files named alike outside the project get distinct prefixes.
            var hintPrefixes = specs
                .Select(static (s, _) => new SourceFile(s.Path, s.Options.ProjectDirectory ?? string.Empty))
                .Collect()
                .Select(static (docs, _) => new HintPrefixMap(PorticoEngine.HintPrefixes(docs.Select(d => (d.Path, (string?)d.Text)))
                    .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new SourceFile(p.Key, p.Value)).ToEquatableArray()));

            var fileModels = models
                .Combine(hintPrefixes)
                .SelectMany(static (x, _) => PorticoEngine.Files(x.Left.Model, x.Right.For(x.Left.Path)).ToImmutableArray())
                .WithTrackingName(TrackingNames.Files);

            var rendered = fileModels
                .Combine(templates)
                .Select(static (x, ct) => RenderFile(x.Left, x.Right))
                .WithTrackingName(TrackingNames.Render);

            context.RegisterSourceOutput(rendered, static (spc, file) =>
            {
                if (file.Error is not null) spc.ReportDiagnostic(DiagnosticDescriptors.ToDiagnostic(file.Error));
                if (file.Text is not null)
                {
                    try
                    {
                        spc.AddSource(file.HintName, SourceText.From(file.Text, System.Text.Encoding.UTF8));
                    }
                    catch (ArgumentException ex)
                    {
                        spc.ReportDiagnostic(DiagnosticDescriptors.ToDiagnostic(DiagnosticInfo.Create(DiagnosticCatalog.InternalError, SourceSpan.FileStart(file.HintName), "adding " + file.HintName, ex.Message)));
                    }
                }
            });
        }

        private static SpecInput ReadSpec(PorticoFile file, ProjectOptions project)
        {
            var item = file.Options ?? ItemOptions.None;
            var options = new GeneratorOptions
            {
                Namespace = item.Namespace,
                ClientName = item.ClientName,
                RootNamespace = project.RootNamespace,
                ProjectDirectory = project.ProjectDirectory,
                IncludeTags = GeneratorOptions.SplitList(item.IncludeTags),
                ExcludeTags = GeneratorOptions.SplitList(item.ExcludeTags),
                IncludePaths = GeneratorOptions.SplitList(item.IncludePaths),
                ExcludePaths = GeneratorOptions.SplitList(item.ExcludePaths),
                IncludeOperations = GeneratorOptions.SplitList(item.IncludeOperations),
                ExcludeOperations = GeneratorOptions.SplitList(item.ExcludeOperations),
                ApiType = item.ApiType,
                EndpointType = item.EndpointType,
                Region = item.Region,
                CertificateArn = item.CertificateArn,
                Overlays = GeneratorOptions.SplitList(item.Overlays),
                Stage = item.Stage,
                Validators = !string.Equals(item.Validators?.Trim(), "false", StringComparison.OrdinalIgnoreCase),
                NullableWarnings = project.NullableWarnings,
                Client = !string.Equals(item.Client?.Trim(), "false", StringComparison.OrdinalIgnoreCase),
            };
            return new SpecInput(file.Path, file.Text, options);
        }

        private static SpecInput ResolveReferences(SpecInput input, ImmutableArray<SourceFile> candidates, CancellationToken ct)
        {
            if (input.Text.IndexOf("$ref", StringComparison.Ordinal) < 0 || SpecReader.FindReferencedFiles(input.Text).Count == 0) return input;
            var list = candidates.Select(c => (c.Path, (Func<string?>)(() => c.Text))).ToList();
            var files = SpecReader.ResolveReferencedFiles(input.Path, input.Text, list, ct);
            return files.Count == 0 ? input : input with { ReferencedFiles = files.ToEquatableArray() };
        }

        private static RenderedFile RenderFile(FileModel file, TemplateSet templates)
        {
            var (text, error) = PorticoEngine.Render(file, templates);
            return new RenderedFile(file.HintName, text, error);
        }

        /// <summary>One of Portico's additional files as data: the only step input that ever saw the AdditionalText.</summary>
        private sealed record PorticoFile(string Path, string Kind, string Text, ItemOptions? Options)
        {
            public static PorticoFile? From(AdditionalText text, AnalyzerConfigOptions options, CancellationToken ct)
            {
                if (!options.TryGetValue(KindKey, out var kind)) return null;
                kind = kind.Trim();
                if (!string.Equals(kind, SpecKind, StringComparison.OrdinalIgnoreCase)
                    && !string.Equals(kind, ReferenceKind, StringComparison.OrdinalIgnoreCase)
                    && !string.Equals(kind, TemplateKind, StringComparison.OrdinalIgnoreCase)
                    && !string.Equals(kind, OverlayKind, StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }
                kind = string.Equals(kind, SpecKind, StringComparison.OrdinalIgnoreCase) ? SpecKind
                    : string.Equals(kind, ReferenceKind, StringComparison.OrdinalIgnoreCase) ? ReferenceKind
                    : string.Equals(kind, OverlayKind, StringComparison.OrdinalIgnoreCase) ? OverlayKind
                    : TemplateKind;
                string content = text.GetText(ct)?.ToString() ?? string.Empty;
                return new PorticoFile(text.Path, kind, content, kind == SpecKind ? ItemOptions.From(options) : null);
            }
        }

        /// <summary>Each document's hint-name prefix (path → prefix pairs), equatable for caching.</summary>
        private sealed record HintPrefixMap(EquatableArray<SourceFile> Prefixes)
        {
            public string? For(string path)
            {
                foreach (var p in Prefixes)
                {
                    if (p.Path == path) return p.Text;
                }
                return null;
            }
        }

        private sealed record ParsedSpec(string Path, SpecModel Model);

        private sealed record ClientKey(string Path, string FullName, string HintPrefix);

        private sealed record RenderedFile(string HintName, string? Text, DiagnosticInfo? Error);

        private sealed record ItemOptions(string? Namespace, string? ClientName, string? IncludeTags, string? ExcludeTags, string? IncludePaths, string? ExcludePaths, string? IncludeOperations, string? ExcludeOperations)
        {
            /// <summary><c>Validators</c> metadata ("false" turns validator generation off).</summary>
            public string? Validators { get; init; }

            /// <summary><c>Client</c> metadata ("false" keeps models, JSON context and validators only).</summary>
            public string? Client { get; init; }

            public static readonly ItemOptions None = new ItemOptions(null, null, null, null, null, null, null, null);

            /// <summary>API Gateway product: rest or http.</summary>
            public string? ApiType { get; init; }

            /// <summary>API Gateway endpoint type: EDGE, REGIONAL or PRIVATE.</summary>
            public string? EndpointType { get; init; }

            /// <summary>AWS Region of the API.</summary>
            public string? Region { get; init; }

            /// <summary>ACM certificate ARN of the API's custom domain.</summary>
            public string? CertificateArn { get; init; }

            public string? Overlays { get; init; }
            public string? Stage { get; init; }

            public static ItemOptions From(AnalyzerConfigOptions o) => new ItemOptions(
                Get(o, "Namespace"), Get(o, "ClientName"), Get(o, "IncludeTags"), Get(o, "ExcludeTags"),
                Get(o, "IncludePaths"), Get(o, "ExcludePaths"), Get(o, "IncludeOperations"), Get(o, "ExcludeOperations"))
            {
                ApiType = Get(o, "ApiType"),
                EndpointType = Get(o, "EndpointType"),
                Region = Get(o, "Region"),
                CertificateArn = Get(o, "CertificateArn"),
                Overlays = Get(o, "Overlays"),
                Stage = Get(o, "Stage"),
                Validators = Get(o, "Validators"),
                Client = Get(o, "Client"),
            };

            private static string? Get(AnalyzerConfigOptions o, string name)
                => o.TryGetValue("build_metadata.AdditionalFiles.Portico_" + name, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;
        }

        private sealed record ProjectOptions(string? RootNamespace, string? ProjectDirectory, bool NullableWarnings)
        {
            public static ProjectOptions From(AnalyzerConfigOptions o)
            {
                o.TryGetValue("build_property.RootNamespace", out var ns);
                o.TryGetValue("build_property.MSBuildProjectDirectory", out var dir);
                o.TryGetValue("build_property.PorticoNullableWarnings", out var nullable);
                return new ProjectOptions(string.IsNullOrWhiteSpace(ns) ? null : ns, string.IsNullOrWhiteSpace(dir) ? null : dir,
                    string.Equals(nullable?.Trim(), "true", StringComparison.OrdinalIgnoreCase));
            }
        }
    }
}
