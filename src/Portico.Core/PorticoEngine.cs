using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Portico.CodeGeneration.Binding;
using Portico.CodeGeneration.Diagnostics;
using Portico.CodeGeneration.Emit;
using Portico.CodeGeneration.Model;
using Portico.CodeGeneration.Reading;

namespace Portico.CodeGeneration
{
    /// <summary>The parsed and bound form of one document: what the generator's pipeline carries between steps.</summary>
    public sealed record SpecModel(ClientModel? Client, EquatableArray<TypeModel> Types, EquatableArray<DiagnosticInfo> Diagnostics);

    /// <summary>A generated file.</summary>
    public sealed record GeneratedFile(string HintName, string Text);

    /// <summary>Everything generated from one document.</summary>
    public sealed record GenerationResult(EquatableArray<GeneratedFile> Files, EquatableArray<DiagnosticInfo> Diagnostics);

    /// <summary>
    /// Portico's core, shared by the source generator and the command line: read, bind, emit.
    /// Pure functions of their inputs: no disk, no network, no mutable statics.
    /// </summary>
    public static class PorticoEngine
    {
        public static readonly string Version = typeof(PorticoEngine).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

        /// <summary>Reads and binds a document. Never throws for bad input: problems come back as diagnostics.</summary>
        public static SpecModel Parse(SpecInput input, CancellationToken cancellationToken = default)
        {
            List<PendingDiagnostic> pending;
            ClientModel? client = null;
            var types = new List<TypeModel>();
            try
            {
                var read = SpecReader.Read(input, cancellationToken);
                pending = read.Diagnostics;
                if (!read.Fatal && read.Document is not null)
                {
                    try
                    {
                        var bound = new ClientBinder(read.Document, input, cancellationToken).Bind(Version);
                        client = bound.Client;
                        types = bound.Types;
                        pending.AddRange(bound.Diagnostics);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        pending.Add(new PendingDiagnostic(DiagnosticCatalog.InternalError, string.Empty, new[] { "binding the document", ex.GetType().Name + ": " + ex.Message + StackHint(ex) }));
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                pending = new List<PendingDiagnostic> { new PendingDiagnostic(DiagnosticCatalog.InternalError, string.Empty, new[] { "reading the document", ex.GetType().Name + ": " + ex.Message + StackHint(ex) }) };
            }
            var diagnostics = Locate(input, pending);
            return new SpecModel(client, types.ToEquatableArray(), diagnostics.ToEquatableArray());
        }

        private static string StackHint(Exception ex)
        {
            var frame = ex.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("Portico"));
            return frame is null ? string.Empty : " (" + frame.Trim() + ")";
        }

        private static List<DiagnosticInfo> Locate(SpecInput input, List<PendingDiagnostic> pending)
        {
            var result = new List<DiagnosticInfo>();
            if (pending.Count == 0) return result;
            var pointers = pending.Select(p => p.Pointer).Distinct().ToList();
            var spans = SourceLocator.Locate(input.Path, input.Text, pointers);
            foreach (var p in pending)
            {
                var span = spans.TryGetValue(p.Pointer, out var s) ? s : SourceSpan.FileStart(input.Path);
                result.Add(DiagnosticInfo.Create(p.Descriptor, span, p.Args));
            }
            return result;
        }

        /// <summary>The files of a bound document: one per type, one per operation group, the client, the JSON context and DI.</summary>
        public static IEnumerable<FileModel> Files(SpecModel model)
        {
            var client = model.Client;
            if (client is null) yield break;
            var ctx = new EmitContext(client.Namespace, client.ClientName, client.ContextName, client.GeneratorVersion, FileName(client.SpecPath));
            string prefix = client.HintPrefix + ".";
            foreach (var t in model.Types)
            {
                yield return new FileModel(prefix + "Models." + t.Name + ".g.cs", t.Kind, ctx, t, null, null);
            }
            foreach (var g in client.Groups)
            {
                yield return new FileModel(prefix + g.ClassName + ".g.cs", "group", ctx, null, g, null);
            }
            yield return new FileModel(prefix + client.ClientName + ".g.cs", "client", ctx, null, null, client);
            yield return new FileModel(prefix + client.ContextName + ".g.cs", "context", ctx, null, null, client);
            yield return new FileModel(prefix + client.ExtensionsName + ".g.cs", "extensions", ctx, null, null, client);
        }

        private static string FileName(string path)
        {
            string p = path.Replace('\\', '/');
            int slash = p.LastIndexOf('/');
            return slash >= 0 ? p.Substring(slash + 1) : p;
        }

        /// <summary>Renders one file; a template failure is a diagnostic, not an exception.</summary>
        public static (string? Text, DiagnosticInfo? Error) Render(FileModel file, TemplateSet templates)
        {
            try
            {
                return (SourceEmitter.Render(file, templates), null);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var d = DiagnosticInfo.Create(DiagnosticCatalog.RenderError, SourceSpan.FileStart(file.Context.SpecFile), file.Template, file.HintName, ex.Message.Replace("\n", " "));
                return (null, d);
            }
        }

        /// <summary>Read, bind and render in one call (the command line and benchmarks use this).</summary>
        public static GenerationResult Generate(SpecInput input, TemplateSet? templates = null, CancellationToken cancellationToken = default)
        {
            var model = Parse(input, cancellationToken);
            var files = new List<GeneratedFile>();
            var diagnostics = new List<DiagnosticInfo>(model.Diagnostics);
            var set = templates ?? TemplateSet.Default;
            var list = Files(model).ToList();
            var rendered = new (string? Text, DiagnosticInfo? Error)[list.Count];
            // Files render independently (each thread keeps its own template context), so big documents use every core.
            if (list.Count >= 64)
            {
                System.Threading.Tasks.Parallel.For(0, list.Count, new System.Threading.Tasks.ParallelOptions { CancellationToken = cancellationToken }, i => rendered[i] = Render(list[i], set));
            }
            else
            {
                for (int i = 0; i < list.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    rendered[i] = Render(list[i], set);
                }
            }
            for (int i = 0; i < list.Count; i++)
            {
                var (text, error) = rendered[i];
                if (text is not null) files.Add(new GeneratedFile(list[i].HintName, text));
                if (error is not null) diagnostics.Add(error);
            }
            return new GenerationResult(files.ToEquatableArray(), diagnostics.ToEquatableArray());
        }
    }
}
