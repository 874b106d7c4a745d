using System;

namespace Portico.CodeGeneration.Model
{
    /// <summary>A document file handed to Portico: its path, its text and the options of its OpenApiSpec item.</summary>
    public sealed record SpecInput(string Path, string Text, GeneratorOptions Options)
    {
        /// <summary>Files the document reaches through relative $refs, found among the build's files.</summary>
        public EquatableArray<SourceFile> ReferencedFiles { get; init; } = EquatableArray<SourceFile>.Empty;

        /// <summary>The overlay files applied before reading (the OpenApiSpec item's Overlays, in order).</summary>
        public EquatableArray<SourceFile> Overlays { get; init; } = EquatableArray<SourceFile>.Empty;

        /// <summary>Overlays the item names that are not among the build's files (reported as PRT4406).</summary>
        public EquatableArray<string> MissingOverlays { get; init; } = EquatableArray<string>.Empty;
    }

    /// <summary>A file's path and text.</summary>
    public sealed record SourceFile(string Path, string Text);

    /// <summary>What the OpenApiSpec item and the project say about generation.</summary>
    public sealed record GeneratorOptions
    {
        public string? Namespace { get; init; }
        public string? ClientName { get; init; }
        public string? RootNamespace { get; init; }
        public string? ProjectDirectory { get; init; }
        public EquatableArray<string> IncludeTags { get; init; } = EquatableArray<string>.Empty;
        public EquatableArray<string> ExcludeTags { get; init; } = EquatableArray<string>.Empty;
        public EquatableArray<string> IncludePaths { get; init; } = EquatableArray<string>.Empty;
        public EquatableArray<string> ExcludePaths { get; init; } = EquatableArray<string>.Empty;
        public EquatableArray<string> IncludeOperations { get; init; } = EquatableArray<string>.Empty;
        public EquatableArray<string> ExcludeOperations { get; init; } = EquatableArray<string>.Empty;

        /// <summary>API Gateway product (<c>rest</c> or <c>http</c>); when set, the API Gateway rules run even without extensions.</summary>
        public string? ApiType { get; init; }

        /// <summary>API Gateway endpoint type (<c>EDGE</c>, <c>REGIONAL</c>, <c>PRIVATE</c>), used by the endpoint rules.</summary>
        public string? EndpointType { get; init; }

        /// <summary>AWS Region the API is deployed in (for the custom-domain certificate rule).</summary>
        public string? Region { get; init; }

        /// <summary>ACM certificate ARN of the API's custom domain (for the custom-domain certificate rule).</summary>
        public string? CertificateArn { get; init; }

        /// <summary>The overlay files to apply, in order, as the OpenApiSpec item names them (paths relative to the project; * and ** allowed).</summary>
        public EquatableArray<string> Overlays { get; init; } = EquatableArray<string>.Empty;

        /// <summary>The stage the document is built for: its overlay (the one declaring <c>x-portico-stage</c> with this name) is applied.</summary>
        public string? Stage { get; init; }

        /// <summary>Also run the OpenAPI structural rules and list every problem (the linter does; the build skips them for speed).</summary>
        public bool Lint { get; init; }

        /// <summary>Generate validators from the schemas (OpenApiSpec metadata <c>Validators</c>; on unless "false").</summary>
        public bool Validators { get; init; } = true;

        /// <summary>
        /// Run the compiler's nullable analysis over the generated files (MSBuild property <c>PorticoNullableWarnings</c>).
        /// Off by default: the files then say <c>#nullable enable annotations</c> and <c>#nullable disable warnings</c>, as
        /// System.Text.Json's generator does, so callers see every annotation while the compiler skips flow analysis of
        /// code that the tests compile, with the analysis on, across the whole corpus of documents.
        /// </summary>
        public bool NullableWarnings { get; init; }

        /// <summary>
        /// Emit the client (OpenApiSpec metadata <c>Client</c>; on unless "false"). Off, a project gets the models, their
        /// JSON context and the validators only: what a server validating requests with Portico.AspNetCore needs.
        /// </summary>
        public bool Client { get; init; } = true;

        public bool HasFilter => !IncludeTags.IsEmpty || !ExcludeTags.IsEmpty || !IncludePaths.IsEmpty || !ExcludePaths.IsEmpty || !IncludeOperations.IsEmpty || !ExcludeOperations.IsEmpty;

        /// <summary>Splits an MSBuild list (<c>a;b, c</c>) into items.</summary>
        public static EquatableArray<string> SplitList(string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return EquatableArray<string>.Empty;
            var parts = value!.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries);
            var list = new System.Collections.Generic.List<string>();
            foreach (var p in parts)
            {
                var t = p.Trim();
                if (t.Length > 0) list.Add(t);
            }
            return new EquatableArray<string>(list);
        }
    }
}
