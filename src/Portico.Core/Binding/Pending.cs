using System.Collections.Generic;
using Portico.CodeGeneration.Diagnostics;

namespace Portico.CodeGeneration.Binding
{
    /// <summary>A diagnostic found while binding, located by JSON pointer until positions are resolved.</summary>
    internal sealed class PendingDiagnostic
    {
        public PendingDiagnostic(DiagnosticDescriptorInfo descriptor, string pointer, string[] args, string? file = null)
        {
            Descriptor = descriptor;
            Pointer = pointer;
            Args = args;
            File = file;
        }

        public DiagnosticDescriptorInfo Descriptor { get; }
        public string Pointer { get; }
        public string[] Args { get; }
        public string? File { get; }
    }

    internal sealed class DiagnosticBag
    {
        public List<PendingDiagnostic> Items { get; } = new List<PendingDiagnostic>();

        public void Add(DiagnosticDescriptorInfo descriptor, string pointer, params string[] args)
            => Items.Add(new PendingDiagnostic(descriptor, pointer, args));
    }
}
