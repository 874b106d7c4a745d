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
    public sealed record SpecModel(ClientModel? Client, EquatableArray<TypeModel> Types, EquatableArray<DiagnosticInfo> Diagnostics)
    {
        /// <summary>The API Gateway metadata of the document's operations, when it uses x-amazon-apigateway extensions.</summary>
        public global::Portico.CodeGeneration.Gateway.GatewayClassModel? Gateway { get; init; }
        /// <summary>The stages the document's overlays declare (for run-time selection), and the one it was built for.</summary>
        public EquatableArray<Documents.StageModel> Stages { get; init; } = EquatableArray<Documents.StageModel>.Empty;

        public string? Stage { get; init; }
    }

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
            Gateway.GatewayClassModel? gateway = null;
            var types = new List<TypeModel>();
            var prepared = PrepareDocument(input);
            var original = input;
            if (prepared.Changed) input = input with { Text = prepared.Text };
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
                    try
                    {
                        gateway = CheckGateway(input, client, pending, cancellationToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        pending.Add(new PendingDiagnostic(DiagnosticCatalog.InternalError, string.Empty, new[] { "checking the API Gateway extensions", ex.GetType().Name + ": " + ex.Message + StackHint(ex) }));
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                pending = new List<PendingDiagnostic> { new PendingDiagnostic(DiagnosticCatalog.InternalError, string.Empty, new[] { "reading the document", ex.GetType().Name + ": " + ex.Message + StackHint(ex) }) };
            }
            var diagnostics = new List<DiagnosticInfo>(prepared.Diagnostics);
            diagnostics.AddRange(Locate(original, pending));
            return new SpecModel(client, types.ToEquatableArray(), diagnostics.ToEquatableArray()) { Gateway = gateway, Stages = prepared.Stages, Stage = prepared.Stage };
        }

        /// <summary>
        /// API Gateway: reads the x-amazon-apigateway extensions and runs the PRT4nnn rules, when the document uses the
        /// extensions or the OpenApiSpec item names an ApiType. Returns the metadata class to emit, if any.
        /// </summary>
        private static Gateway.GatewayClassModel? CheckGateway(SpecInput input, ClientModel? client, List<PendingDiagnostic> pending, CancellationToken cancellationToken)
        {
            var o = input.Options;
            bool stated = !string.IsNullOrWhiteSpace(o.ApiType) || !string.IsNullOrWhiteSpace(o.EndpointType) || !string.IsNullOrWhiteSpace(o.CertificateArn);
            if (!stated && !Gateway.GatewayReader.Mentions(input.Text)) return null;
            cancellationToken.ThrowIfCancellationRequested();
            var api = Gateway.GatewayReader.Read(input.Text, input.Options.ApiType, input.Options.EndpointType);
            if (api is null || !stated && !api.UsesExtensions) return null;
            api.Region = string.IsNullOrWhiteSpace(o.Region) ? null : o.Region!.Trim();
            api.CertificateArn = string.IsNullOrWhiteSpace(o.CertificateArn) ? null : o.CertificateArn!.Trim();
            pending.AddRange(Gateway.GatewayRules.Check(api));
            return client is null ? null : Gateway.GatewayEmit.Build(api, client);
        }

        /// <summary>Overlays, stage and x-portico-integration expansion, before reading (positions stay those of the original text).</summary>
        private static Documents.PreparedDocument PrepareDocument(SpecInput input)
        {
            try
            {
                return Documents.DocumentPreparer.Prepare(input.Path, input.Text, input.Overlays.ToList(), input.Options?.Stage, input.Options?.ApiType, missingOverlays: input.MissingOverlays.ToList());
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var d = DiagnosticInfo.Create(DiagnosticCatalog.InternalError, SourceSpan.FileStart(input.Path), "applying overlays", ex.GetType().Name + ": " + ex.Message);
                return new Documents.PreparedDocument(input.Text, false, new[] { d }.ToEquatableArray(), EquatableArray<Documents.StageModel>.Empty, null);
            }
        }

        private static string StackHint(Exception ex)
        {
            var frame = ex.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("Portico"));
            return frame is null ? string.Empty : " (" + frame.Trim() + ")";
        }

        internal static List<DiagnosticInfo> Locate(SpecInput input, List<PendingDiagnostic> pending)
        {
            var result = new List<DiagnosticInfo>();
            if (pending.Count == 0) return result;
            // An unresolved reference points at its "$ref" key when the use site has one.
            string PointerOf(PendingDiagnostic p)
                => p.Descriptor == DiagnosticCatalog.UnresolvedReference && p.Pointer.Length > 0 && !p.Pointer.StartsWith("@", StringComparison.Ordinal) ? p.Pointer.TrimEnd('/') + "/$ref" : p.Pointer;
            var pointers = pending.Select(PointerOf).Distinct().ToList();
            var spans = SourceLocator.Locate(input.Path, input.Text, pointers);
            var seen = new HashSet<DiagnosticInfo>();
            foreach (var p in pending)
            {
                var span = spans.TryGetValue(PointerOf(p), out var s) ? s : SourceSpan.FileStart(input.Path);
                var info = DiagnosticInfo.Create(p.Descriptor, span, p.Args);
                if (seen.Add(info)) result.Add(info);
            }
            // A $ref already reported as remote or as naming a missing file is not reported again as pointing to nothing.
            var external = new HashSet<int>(result.Where(d => d.Id == DiagnosticCatalog.RemoteReference.Id || d.Id == DiagnosticCatalog.MissingReferencedFile.Id).Select(d => d.Location.Line));
            if (external.Count > 0)
            {
                result.RemoveAll(d => d.Id == DiagnosticCatalog.UnresolvedReference.Id && external.Contains(d.Location.Line));
            }
            return result;
        }

        /// <summary>The files of a bound document: one per type, one per operation group, the client, the JSON context and DI.</summary>
        public static IEnumerable<FileModel> Files(SpecModel model) => Files(model, null);

        /// <summary>As <see cref="Files(SpecModel)"/>, with hint names under the given prefix (unique among a project's documents).</summary>
        public static IEnumerable<FileModel> Files(SpecModel model, string? hintPrefix)
        {
            var client = model.Client;
            if (client is null) yield break;
            var ctx = new EmitContext(client.Namespace, client.ClientName, client.ContextName, client.GeneratorVersion, FileName(client.SpecPath))
            {
                SpecPath = client.SpecPath,
                Nullable = client.NullableWarnings ? "#nullable enable" : "#nullable enable annotations\n#nullable disable warnings",
                ApiReference = client.EmitClient
                    ? "<see cref=\"global::" + client.Namespace + "." + client.ClientName + "\"/>"
                    : "the API",
            };
            string prefix = (hintPrefix ?? client.HintPrefix) + ".";
            foreach (var t in model.Types)
            {
                yield return new FileModel(prefix + "Models." + t.Name + ".g.cs", t.Kind, ctx, t, null, null);
            }
            if (client.EmitClient)
            {
                foreach (var g in client.Groups)
                {
                    yield return new FileModel(prefix + g.ClassName + ".g.cs", "group", ctx, null, g, null);
                }
                yield return new FileModel(prefix + client.ClientName + ".g.cs", "client", ctx, null, null, client);
                yield return new FileModel(prefix + client.ExtensionsName + ".g.cs", "extensions", ctx, null, null, client);
            }
            yield return new FileModel(prefix + client.ContextName + ".g.cs", "context", ctx, null, null, client);
            if (model.Gateway is not null) yield return new FileModel(prefix + model.Gateway.ClassName + ".g.cs", "gateway", ctx, null, null, client) { Gateway = model.Gateway };
            if (!model.Stages.IsEmpty && client.EmitClient)
            {
                yield return new FileModel(prefix + client.ClientName + "Stages.g.cs", "stages", ctx, null, null, client) { Stages = StagesModel.From(client.ClientName, model.Stages, model.Stage) };
            }
            if (client.Validation is not null) yield return new FileModel(prefix + client.Validation.ClassName + ".g.cs", "validator", ctx, null, null, client);
        }

        /// <summary>
        /// Hint-name prefixes for a project's documents: the path under the project folder (else the file name), made
        /// safe; documents that would share one (same file name in two folders outside the project) get a number.
        /// </summary>
        public static Dictionary<string, string> HintPrefixes(IEnumerable<(string Path, string? ProjectDirectory)> documents)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var group in documents.Distinct().GroupBy(d => HintPrefix(d.Path, d.ProjectDirectory), StringComparer.OrdinalIgnoreCase))
            {
                int n = 0;
                foreach (var d in group.OrderBy(d => d.Path, StringComparer.Ordinal))
                {
                    string prefix = HintPrefix(d.Path, d.ProjectDirectory);
                    result[d.Path] = n == 0 ? prefix : prefix + "_" + (n + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    n++;
                }
            }
            return result;
        }

        /// <summary>The hint-name prefix of one document, as the binder names it.</summary>
        public static string HintPrefix(string specPath, string? projectDirectory)
        {
            string path = specPath.Replace('\\', '/');
            string? dir = projectDirectory?.Replace('\\', '/').TrimEnd('/');
            if (dir is { Length: > 0 } && path.StartsWith(dir + "/", StringComparison.OrdinalIgnoreCase)) path = path.Substring(dir.Length + 1);
            else
            {
                int slash = path.LastIndexOf('/');
                if (slash >= 0) path = path.Substring(slash + 1);
            }
            var sb = new System.Text.StringBuilder();
            foreach (char c in path)
            {
                sb.Append(c < 128 && (char.IsLetterOrDigit(c) || c == '.' || c == '-') ? c : '_');
            }
            return sb.ToString().Trim('.');
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
                // A failure inside a project's template override points there; else at the document.
                var location = SourceSpan.FileStart(file.Context.SpecPath);
                string template = file.Template;
                if (ex is Scriban.Syntax.ScriptRuntimeException sre && templates.IsOverride(sre.Span.FileName))
                {
                    int line = Math.Max(1, sre.Span.Start.Line + 1);
                    int column = Math.Max(1, sre.Span.Start.Column + 1);
                    location = new SourceSpan(sre.Span.FileName, line, column, line, column, 0, 0);
                    template = sre.Span.FileName;
                }
                string message = ex is Scriban.Syntax.ScriptRuntimeException runtime ? runtime.OriginalMessage : ex.Message;
                var d = DiagnosticInfo.Create(DiagnosticCatalog.RenderError, location, template, file.HintName, message.Replace("\r", " ").Replace("\n", " "));
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
