using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Portico.CodeGeneration.Diagnostics;

namespace Portico.SourceGenerator
{
    /// <summary>Roslyn descriptors for the catalog in Portico.Core, created once per id.</summary>
    internal static class DiagnosticDescriptors
    {
        private static readonly Dictionary<string, DiagnosticDescriptor> s_descriptors = Build();

        private static Dictionary<string, DiagnosticDescriptor> Build()
        {
            var map = new Dictionary<string, DiagnosticDescriptor>();
            foreach (var d in DiagnosticCatalog.All)
            {
                var severity = d.Severity switch
                {
                    Severity.Error => DiagnosticSeverity.Error,
                    Severity.Warning => DiagnosticSeverity.Warning,
                    _ => DiagnosticSeverity.Info,
                };
#pragma warning disable RS1033 // the message format is the catalog's
                map[d.Id] = new DiagnosticDescriptor(d.Id, d.Title, "{0}", d.Category, severity, isEnabledByDefault: true, helpLinkUri: d.HelpLink);
#pragma warning restore RS1033
            }
            return map;
        }

        public static Diagnostic ToDiagnostic(DiagnosticInfo info)
        {
            var descriptor = s_descriptors.TryGetValue(info.Id, out var d) ? d : s_descriptors["PRT9001"];
            var span = info.Location;
            var location = Location.Create(
                span.Path,
                new TextSpan(span.Start, span.Length),
                new LinePositionSpan(new LinePosition(span.Line - 1, span.Column - 1), new LinePosition(span.EndLine - 1, span.EndColumn - 1)));
            return Diagnostic.Create(descriptor, location, info.Message);
        }
    }
}
