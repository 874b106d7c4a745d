using System;

namespace Portico.CodeGeneration.Model
{
    /// <summary>A document file handed to Portico: its path, its text and the options of its OpenApiSpec item.</summary>
    public sealed record SpecInput(string Path, string Text, GeneratorOptions Options)
    {
        /// <summary>Files the document reaches through relative $refs, found among the build's files.</summary>
        public EquatableArray<SourceFile> ReferencedFiles { get; init; } = EquatableArray<SourceFile>.Empty;
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

        /// <summary>Also run the OpenAPI structural rules and list every problem (the linter does; the build skips them for speed).</summary>
        public bool Lint { get; init; }

        /// <summary>Generate validators from the schemas (OpenApiSpec metadata <c>Validators</c>; on unless "false").</summary>
        public bool Validators { get; init; } = true;

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
