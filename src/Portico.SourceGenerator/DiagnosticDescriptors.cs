using System.Collections.Generic;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Portico.CodeGeneration.Diagnostics;

namespace Portico.SourceGenerator
{
    /// <summary>
    /// Roslyn descriptors for the catalog in Portico.Core. Written out one by one (ids, categories and severities as
    /// literals) so that release tracking (AnalyzerReleases.*.md) can check them; a test keeps them equal to the catalog.
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        private const string HelpBase = "https://github.com/portico-dev/portico/blob/main/docs/diagnostics/";

#pragma warning disable RS1033 // the message is formatted by the catalog, so the format is the message itself
        public static readonly DiagnosticDescriptor PRT0001 = new DiagnosticDescriptor("PRT0001", "The OpenAPI document is empty or cannot be read", "{0}", "Portico.Configuration", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT0001.md");
        public static readonly DiagnosticDescriptor PRT0002 = new DiagnosticDescriptor("PRT0002", "Invalid OpenApiSpec metadata", "{0}", "Portico.Configuration", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT0002.md");
        public static readonly DiagnosticDescriptor PRT0003 = new DiagnosticDescriptor("PRT0003", "A template override does not parse", "{0}", "Portico.Configuration", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT0003.md");
        public static readonly DiagnosticDescriptor PRT0004 = new DiagnosticDescriptor("PRT0004", "Two documents generate the same client", "{0}", "Portico.Configuration", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT0004.md");
        public static readonly DiagnosticDescriptor PRT1001 = new DiagnosticDescriptor("PRT1001", "The document is not valid JSON or YAML", "{0}", "Portico.Reading", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT1001.md");
        public static readonly DiagnosticDescriptor PRT1002 = new DiagnosticDescriptor("PRT1002", "Not an OpenAPI document", "{0}", "Portico.Reading", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT1002.md");
        public static readonly DiagnosticDescriptor PRT1003 = new DiagnosticDescriptor("PRT1003", "The document breaks the OpenAPI specification", "{0}", "Portico.Reading", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT1003.md");
        public static readonly DiagnosticDescriptor PRT1004 = new DiagnosticDescriptor("PRT1004", "A $ref cannot be resolved", "{0}", "Portico.Reading", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT1004.md");
        public static readonly DiagnosticDescriptor PRT1005 = new DiagnosticDescriptor("PRT1005", "Remote $ref not fetched", "{0}", "Portico.Reading", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT1005.md");
        public static readonly DiagnosticDescriptor PRT1006 = new DiagnosticDescriptor("PRT1006", "A file reached by $ref is not part of the build", "{0}", "Portico.Reading", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT1006.md");
        public static readonly DiagnosticDescriptor PRT2001 = new DiagnosticDescriptor("PRT2001", "A schema construct is not supported", "{0}", "Portico.OpenApi", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT2001.md");
        public static readonly DiagnosticDescriptor PRT2002 = new DiagnosticDescriptor("PRT2002", "A path parameter is not declared", "{0}", "Portico.OpenApi", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT2002.md");
        public static readonly DiagnosticDescriptor PRT2003 = new DiagnosticDescriptor("PRT2003", "No supported media type", "{0}", "Portico.OpenApi", DiagnosticSeverity.Info, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT2003.md");
        public static readonly DiagnosticDescriptor PRT2004 = new DiagnosticDescriptor("PRT2004", "Duplicate operationId", "{0}", "Portico.OpenApi", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT2004.md");
        public static readonly DiagnosticDescriptor PRT2005 = new DiagnosticDescriptor("PRT2005", "The filters keep no operation", "{0}", "Portico.OpenApi", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT2005.md");
        public static readonly DiagnosticDescriptor PRT2101 = new DiagnosticDescriptor("PRT2101", "A pattern is not a valid regular expression", "{0}", "Portico.OpenApi", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT2101.md");
        public static readonly DiagnosticDescriptor PRT2102 = new DiagnosticDescriptor("PRT2102", "A pattern uses syntax .NET and ECMA-262 read differently", "{0}", "Portico.OpenApi", DiagnosticSeverity.Info, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT2102.md");
        public static readonly DiagnosticDescriptor PRT2110 = new DiagnosticDescriptor("PRT2110", "Unknown API Gateway request validator", "{0}", "Portico.OpenApi", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT2110.md");
        public static readonly DiagnosticDescriptor PRT3001 = new DiagnosticDescriptor("PRT3001", "An identifier was renamed", "{0}", "Portico.Emission", DiagnosticSeverity.Info, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT3001.md");
        public static readonly DiagnosticDescriptor PRT3002 = new DiagnosticDescriptor("PRT3002", "A template failed to render", "{0}", "Portico.Emission", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT3002.md");
        public static readonly DiagnosticDescriptor PRT9001 = new DiagnosticDescriptor("PRT9001", "Internal error", "{0}", "Portico.Internal", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT9001.md");
#pragma warning restore RS1033

        private static readonly Dictionary<string, DiagnosticDescriptor> s_descriptors = Build();

        private static Dictionary<string, DiagnosticDescriptor> Build()
        {
            var map = new Dictionary<string, DiagnosticDescriptor>();
            foreach (var f in typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                if (f.GetValue(null) is DiagnosticDescriptor d) map[d.Id] = d;
            }
            return map;
        }

        /// <summary>Every descriptor, by id.</summary>
        public static IReadOnlyDictionary<string, DiagnosticDescriptor> All => s_descriptors;

        public static Diagnostic ToDiagnostic(DiagnosticInfo info)
        {
            var descriptor = s_descriptors.TryGetValue(info.Id, out var d) ? d : PRT9001;
            var span = info.Location;
            var location = Location.Create(
                span.Path,
                new TextSpan(span.Start, span.Length),
                new LinePositionSpan(new LinePosition(span.Line - 1, span.Column - 1), new LinePosition(span.EndLine - 1, span.EndColumn - 1)));
            return Diagnostic.Create(descriptor, location, info.Message);
        }
    }
}
