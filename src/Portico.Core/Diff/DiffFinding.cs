using System.Collections.Generic;
using Portico.CodeGeneration.Diagnostics;

namespace Portico.CodeGeneration.Diff
{
    /// <summary>
    /// One change between two documents. <see cref="Pointer"/> and <see cref="Location"/> are in the revision, or in the
    /// base when the thing is gone from the revision (<see cref="InBase"/>).
    /// </summary>
    public sealed record DiffFinding(string RuleId, DiffLevel Level, string? Method, string? Path, string Pointer, bool InBase, SourceSpan Location, string Message)
    {
        /// <summary><c>GET /pets/{id}</c>, or null for a change outside operations (servers, security schemes).</summary>
        public string? Operation => Method is null ? null : Method.ToUpperInvariant() + " " + Path;
    }

    /// <summary>The outcome of comparing two documents.</summary>
    public sealed class DiffResult
    {
        public DiffResult(IReadOnlyList<DiffFinding> findings, IReadOnlyList<DiagnosticInfo> baseErrors, IReadOnlyList<DiagnosticInfo> revisionErrors, string? baseVersion, string? revisionVersion)
        {
            Findings = findings;
            BaseErrors = baseErrors;
            RevisionErrors = revisionErrors;
            BaseVersion = baseVersion;
            RevisionVersion = revisionVersion;
        }

        /// <summary>Every change, in document order (paths, then operations, then what is inside them).</summary>
        public IReadOnlyList<DiffFinding> Findings { get; }

        /// <summary>Why the base could not be read (empty when it was).</summary>
        public IReadOnlyList<DiagnosticInfo> BaseErrors { get; }

        /// <summary>Why the revision could not be read (empty when it was).</summary>
        public IReadOnlyList<DiagnosticInfo> RevisionErrors { get; }

        /// <summary><c>info.version</c> of each document.</summary>
        public string? BaseVersion { get; }

        public string? RevisionVersion { get; }

        /// <summary>Whether both documents were read and compared.</summary>
        public bool Compared => BaseErrors.Count == 0 && RevisionErrors.Count == 0;

        /// <summary>Whether the major part of <c>info.version</c> went up (<c>1.4.0</c> to <c>2.0.0</c>, <c>v1</c> to <c>v2</c>).</summary>
        public bool MajorVersionBumped => Major(BaseVersion) is int b && Major(RevisionVersion) is int r && r > b;

        internal static int? Major(string? version)
        {
            if (version is null) return null;
            string v = version.Trim();
            if (v.StartsWith("v", System.StringComparison.OrdinalIgnoreCase)) v = v.Substring(1);
            int end = 0;
            while (end < v.Length && char.IsDigit(v[end])) end++;
            return end > 0 && end < 10 && int.TryParse(v.Substring(0, end), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int major) ? major : null;
        }
    }
}
