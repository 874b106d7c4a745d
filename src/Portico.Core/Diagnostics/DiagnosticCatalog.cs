using System.Collections.Generic;
using System.Globalization;
using Portico.CodeGeneration.Model;

namespace Portico.CodeGeneration.Diagnostics
{
    /// <summary>A diagnostic's fixed parts. The generator turns each into a Roslyn descriptor; the CLI prints them as they are.</summary>
    public sealed record DiagnosticDescriptorInfo(string Id, string Title, string MessageFormat, Severity Severity, string Category)
    {
        public string HelpLink => "https://github.com/portico-dev/portico/blob/main/docs/diagnostics/" + Id + ".md";

        public string Format(EquatableArray<string> args)
        {
            var a = new object[args.Count];
            for (int i = 0; i < a.Length; i++) a[i] = args[i];
            try
            {
                return string.Format(CultureInfo.InvariantCulture, MessageFormat, a);
            }
            catch (System.FormatException)
            {
                return MessageFormat;
            }
        }
    }

    /// <summary>Every diagnostic Portico reports. Ids are never reused; each has a page in docs/diagnostics.</summary>
    public static class DiagnosticCatalog
    {
        private const string Config = "Portico.Configuration";
        private const string Reading = "Portico.Reading";
        private const string Semantics = "Portico.OpenApi";
        private const string Emission = "Portico.Emission";
        private const string Internal = "Portico.Internal";

        public static readonly DiagnosticDescriptorInfo EmptySpec = new("PRT0001", "The OpenAPI document is empty or cannot be read",
            "The OpenAPI document '{0}' is empty or could not be read", Severity.Error, Config);
        public static readonly DiagnosticDescriptorInfo InvalidMetadata = new("PRT0002", "Invalid OpenApiSpec metadata",
            "The {0} metadata '{1}' is not a valid C# {2}; using '{3}' instead", Severity.Warning, Config);
        public static readonly DiagnosticDescriptorInfo TemplateError = new("PRT0003", "A template override does not parse",
            "The template '{0}' does not parse: {1}; the built-in template is used instead", Severity.Error, Config);
        public static readonly DiagnosticDescriptorInfo DuplicateClient = new("PRT0004", "Two documents generate the same client",
            "'{0}' and '{1}' both generate '{2}'; give one of them another Namespace or ClientName", Severity.Error, Config);

        public static readonly DiagnosticDescriptorInfo SyntaxError = new("PRT1001", "The document is not valid JSON or YAML",
            "The document cannot be parsed: {0}", Severity.Error, Reading);
        public static readonly DiagnosticDescriptorInfo NotOpenApi = new("PRT1002", "Not an OpenAPI document",
            "The document is not OpenAPI 2.0, 3.0 or 3.1: {0}", Severity.Error, Reading);
        public static readonly DiagnosticDescriptorInfo StructuralProblem = new("PRT1003", "The document breaks the OpenAPI specification",
            "{0}", Severity.Warning, Reading);
        public static readonly DiagnosticDescriptorInfo UnresolvedReference = new("PRT1004", "A $ref cannot be resolved",
            "The reference '{0}' points to nothing; the value is typed as JsonElement", Severity.Warning, Reading);
        public static readonly DiagnosticDescriptorInfo RemoteReference = new("PRT1005", "Remote $ref not fetched",
            "The reference '{0}' names a remote document; Portico never fetches over the network during a build. Download it and reference the local copy", Severity.Warning, Reading);
        public static readonly DiagnosticDescriptorInfo MissingReferencedFile = new("PRT1006", "A file reached by $ref is not part of the build",
            "The file '{0}' reached by $ref is not among the build's files; add <OpenApiSpecReference Include=\"{0}\" /> to the project", Severity.Warning, Reading);

        public static readonly DiagnosticDescriptorInfo UnsupportedSchema = new("PRT2001", "A schema construct is not supported",
            "{0} at '{1}' is not supported; the value is typed as {2}", Severity.Warning, Semantics);
        public static readonly DiagnosticDescriptorInfo UndeclaredPathParameter = new("PRT2002", "A path parameter is not declared",
            "The path '{0}' uses the parameter '{1}' but the operation does not declare it; it is added as a required string", Severity.Warning, Semantics);
        public static readonly DiagnosticDescriptorInfo UnsupportedMediaType = new("PRT2003", "No supported media type",
            "The {0} of '{1}' offers only {2}; it is handled as raw bytes", Severity.Info, Semantics);
        public static readonly DiagnosticDescriptorInfo DuplicateOperationId = new("PRT2004", "Duplicate operationId",
            "The operationId '{0}' is used by more than one operation; this one is named '{1}'", Severity.Warning, Semantics);
        public static readonly DiagnosticDescriptorInfo EmptySelection = new("PRT2005", "The filters keep no operation",
            "The include/exclude filters keep none of the {0} operations of the document", Severity.Warning, Semantics);

        public static readonly DiagnosticDescriptorInfo InvalidPattern = new("PRT2101", "A pattern is not a valid regular expression",
            "The pattern '{0}' is not a regular expression .NET can run ({1}); generated validators do not check it", Severity.Warning, Semantics);
        public static readonly DiagnosticDescriptorInfo PatternDotNetSyntax = new("PRT2102", "A pattern uses syntax .NET and ECMA-262 read differently",
            "The pattern '{0}' uses {1}, which .NET reads differently from ECMA-262 (the dialect of OpenAPI patterns); generated validators follow .NET", Severity.Info, Semantics);

        public static readonly DiagnosticDescriptorInfo UnknownGatewayRequestValidator = new("PRT2110", "Unknown API Gateway request validator",
            "The request validator '{0}' is not declared in x-amazon-apigateway-request-validators; API Gateway refuses to import the document, and generated validators treat the operation as not validated", Severity.Warning, Semantics);

        public static readonly DiagnosticDescriptorInfo Renamed = new("PRT3001", "An identifier was renamed",
            "'{0}' is emitted as '{1}' because {2}", Severity.Info, Emission);
        public static readonly DiagnosticDescriptorInfo RenderError = new("PRT3002", "A template failed to render",
            "The template '{0}' failed while rendering '{1}': {2}", Severity.Error, Emission);

        public static readonly DiagnosticDescriptorInfo InternalError = new("PRT9001", "Internal error",
            "Portico failed while {0}: {1}. Output that could still be produced was kept; please report this with the document", Severity.Error, Internal);

        private static readonly Dictionary<string, DiagnosticDescriptorInfo> s_byId = Build();

        public static IReadOnlyCollection<DiagnosticDescriptorInfo> All => s_byId.Values;

        public static DiagnosticDescriptorInfo Get(string id) => s_byId.TryGetValue(id, out var d) ? d : InternalError;

        private static Dictionary<string, DiagnosticDescriptorInfo> Build()
        {
            var map = new Dictionary<string, DiagnosticDescriptorInfo>();
            foreach (var f in typeof(DiagnosticCatalog).GetFields())
            {
                if (f.GetValue(null) is DiagnosticDescriptorInfo d) map[d.Id] = d;
            }
            return map;
        }
    }
}
