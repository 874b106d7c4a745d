using Portico.CodeGeneration.Model;

namespace Portico.CodeGeneration.Diagnostics
{
    public enum Severity
    {
        Info,
        Warning,
        Error,
    }

    /// <summary>A position in a file: 1-based line and column as a reader sees them, plus a character span.</summary>
    public sealed record SourceSpan(string Path, int Line, int Column, int EndLine, int EndColumn, int Start, int Length)
    {
        public static SourceSpan FileStart(string path) => new SourceSpan(path, 1, 1, 1, 1, 0, 0);
    }

    /// <summary>A diagnostic as data: id, message arguments and where it points. Holds no compiler objects.</summary>
    public sealed record DiagnosticInfo(string Id, EquatableArray<string> Args, SourceSpan Location)
    {
        public DiagnosticDescriptorInfo Descriptor => DiagnosticCatalog.Get(Id);

        public string Message => Descriptor.Format(Args);

        public Severity Severity => Descriptor.Severity;

        public static DiagnosticInfo Create(DiagnosticDescriptorInfo descriptor, SourceSpan location, params string[] args)
            => new DiagnosticInfo(descriptor.Id, new EquatableArray<string>(args), location);

        /// <summary>MSBuild's canonical form: <c>file(line,col): error PRT1001: message</c>.</summary>
        public override string ToString()
            => Location.Path + "(" + Location.Line + "," + Location.Column + "): " + Severity.ToString().ToLowerInvariant() + " " + Id + ": " + Message;
    }
}
