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
        public static readonly DiagnosticDescriptor PRT4001 = new DiagnosticDescriptor("PRT4001", "Integration type missing or unknown", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4001.md");
        public static readonly DiagnosticDescriptor PRT4002 = new DiagnosticDescriptor("PRT4002", "Integration type not supported by HTTP APIs", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4002.md");
        public static readonly DiagnosticDescriptor PRT4003 = new DiagnosticDescriptor("PRT4003", "Lambda integration httpMethod is not POST", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4003.md");
        public static readonly DiagnosticDescriptor PRT4004 = new DiagnosticDescriptor("PRT4004", "AWS or Lambda integration URI malformed", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4004.md");
        public static readonly DiagnosticDescriptor PRT4005 = new DiagnosticDescriptor("PRT4005", "HTTP integration URI malformed", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4005.md");
        public static readonly DiagnosticDescriptor PRT4006 = new DiagnosticDescriptor("PRT4006", "timeoutInMillis out of range", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4006.md");
        public static readonly DiagnosticDescriptor PRT4007 = new DiagnosticDescriptor("PRT4007", "timeoutInMillis above the REST default limit", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4007.md");
        public static readonly DiagnosticDescriptor PRT4008 = new DiagnosticDescriptor("PRT4008", "Request validator not defined", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4008.md");
        public static readonly DiagnosticDescriptor PRT4009 = new DiagnosticDescriptor("PRT4009", "Security requirement names no security scheme", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4009.md");
        public static readonly DiagnosticDescriptor PRT4010 = new DiagnosticDescriptor("PRT4010", "Authorizer identitySource malformed", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4010.md");
        public static readonly DiagnosticDescriptor PRT4011 = new DiagnosticDescriptor("PRT4011", "Authorizer result TTL out of range", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4011.md");
        public static readonly DiagnosticDescriptor PRT4012 = new DiagnosticDescriptor("PRT4012", "Security scheme REST APIs do not support", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4012.md");
        public static readonly DiagnosticDescriptor PRT4013 = new DiagnosticDescriptor("PRT4013", "Root-level security ignored by REST APIs", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4013.md");
        public static readonly DiagnosticDescriptor PRT4014 = new DiagnosticDescriptor("PRT4014", "Authorizer type missing or not allowed", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4014.md");
        public static readonly DiagnosticDescriptor PRT4015 = new DiagnosticDescriptor("PRT4015", "Authorizer field missing", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4015.md");
        public static readonly DiagnosticDescriptor PRT4016 = new DiagnosticDescriptor("PRT4016", "HTTP APIs import only OpenAPI 3.0", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4016.md");
        public static readonly DiagnosticDescriptor PRT4017 = new DiagnosticDescriptor("PRT4017", "OpenAPI 3.1 is not an import format", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4017.md");
        public static readonly DiagnosticDescriptor PRT4018 = new DiagnosticDescriptor("PRT4018", "Several security requirements on an HTTP API route", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4018.md");
        public static readonly DiagnosticDescriptor PRT4019 = new DiagnosticDescriptor("PRT4019", "Path not valid as a REST resource path", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4019.md");
        public static readonly DiagnosticDescriptor PRT4020 = new DiagnosticDescriptor("PRT4020", "Model name not alphanumeric", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4020.md");
        public static readonly DiagnosticDescriptor PRT4021 = new DiagnosticDescriptor("PRT4021", "Stage variable reference malformed", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4021.md");
        public static readonly DiagnosticDescriptor PRT4022 = new DiagnosticDescriptor("PRT4022", "Stage variable where none is allowed", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4022.md");
        public static readonly DiagnosticDescriptor PRT4023 = new DiagnosticDescriptor("PRT4023", "vpcEndpointIds contradict the endpoint type", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4023.md");
        public static readonly DiagnosticDescriptor PRT4024 = new DiagnosticDescriptor("PRT4024", "Private API without a resource policy", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4024.md");
        public static readonly DiagnosticDescriptor PRT4025 = new DiagnosticDescriptor("PRT4025", "api-key-source invalid", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4025.md");
        public static readonly DiagnosticDescriptor PRT4026 = new DiagnosticDescriptor("PRT4026", "binary-media-types malformed", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4026.md");
        public static readonly DiagnosticDescriptor PRT4027 = new DiagnosticDescriptor("PRT4027", "Unknown gateway response type", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4027.md");
        public static readonly DiagnosticDescriptor PRT4028 = new DiagnosticDescriptor("PRT4028", "Gateway response status code invalid", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4028.md");
        public static readonly DiagnosticDescriptor PRT4029 = new DiagnosticDescriptor("PRT4029", "Extension not applicable to this API type", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4029.md");
        public static readonly DiagnosticDescriptor PRT4030 = new DiagnosticDescriptor("PRT4030", "Unknown key in an integration", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4030.md");
        public static readonly DiagnosticDescriptor PRT4031 = new DiagnosticDescriptor("PRT4031", "Extension value not allowed", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4031.md");
        public static readonly DiagnosticDescriptor PRT4032 = new DiagnosticDescriptor("PRT4032", "payloadFormatVersion missing or invalid", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4032.md");
        public static readonly DiagnosticDescriptor PRT4033 = new DiagnosticDescriptor("PRT4033", "VPC_LINK integration without connectionId", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4033.md");
        public static readonly DiagnosticDescriptor PRT4034 = new DiagnosticDescriptor("PRT4034", "Cache key parameter not a declared method parameter", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4034.md");
        public static readonly DiagnosticDescriptor PRT4035 = new DiagnosticDescriptor("PRT4035", "integrationSubtype invalid or incomplete", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4035.md");
        public static readonly DiagnosticDescriptor PRT4036 = new DiagnosticDescriptor("PRT4036", "Response streaming on a non-proxy integration", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4036.md");
        public static readonly DiagnosticDescriptor PRT4037 = new DiagnosticDescriptor("PRT4037", "Integration reference unresolved", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4037.md");
        public static readonly DiagnosticDescriptor PRT4038 = new DiagnosticDescriptor("PRT4038", "Integration response status not declared", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4038.md");
        public static readonly DiagnosticDescriptor PRT4039 = new DiagnosticDescriptor("PRT4039", "REST method without integration", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4039.md");
        public static readonly DiagnosticDescriptor PRT4040 = new DiagnosticDescriptor("PRT4040", "Resource policy malformed", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4040.md");
        public static readonly DiagnosticDescriptor PRT4041 = new DiagnosticDescriptor("PRT4041", "Custom domain certificate in the wrong region", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4041.md");
        public static readonly DiagnosticDescriptor PRT4042 = new DiagnosticDescriptor("PRT4042", "Schema keyword REST models drop", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4042.md");
        public static readonly DiagnosticDescriptor PRT4043 = new DiagnosticDescriptor("PRT4043", "Reusable response reference", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4043.md");
        public static readonly DiagnosticDescriptor PRT4044 = new DiagnosticDescriptor("PRT4044", "Inline primitive response schema", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4044.md");
        public static readonly DiagnosticDescriptor PRT4045 = new DiagnosticDescriptor("PRT4045", "Unknown API Gateway metadata value", "{0}", "Portico.ApiGateway", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4045.md");
        public static readonly DiagnosticDescriptor PRT9001 = new DiagnosticDescriptor("PRT9001", "Internal error", "{0}", "Portico.Internal", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT9001.md");
        public static readonly DiagnosticDescriptor PRT4401 = new DiagnosticDescriptor("PRT4401", "An overlay cannot be read", "{0}", "Portico.Documents", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4401.md");
        public static readonly DiagnosticDescriptor PRT4402 = new DiagnosticDescriptor("PRT4402", "Unsupported overlay version", "{0}", "Portico.Documents", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4402.md");
        public static readonly DiagnosticDescriptor PRT4403 = new DiagnosticDescriptor("PRT4403", "An overlay target is not a valid JSONPath", "{0}", "Portico.Documents", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4403.md");
        public static readonly DiagnosticDescriptor PRT4404 = new DiagnosticDescriptor("PRT4404", "An overlay target selects nothing", "{0}", "Portico.Documents", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4404.md");
        public static readonly DiagnosticDescriptor PRT4405 = new DiagnosticDescriptor("PRT4405", "An overlay action cannot be applied", "{0}", "Portico.Documents", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4405.md");
        public static readonly DiagnosticDescriptor PRT4406 = new DiagnosticDescriptor("PRT4406", "An overlay file is not part of the build", "{0}", "Portico.Documents", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4406.md");
        public static readonly DiagnosticDescriptor PRT4407 = new DiagnosticDescriptor("PRT4407", "Unknown stage", "{0}", "Portico.Documents", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4407.md");
        public static readonly DiagnosticDescriptor PRT4410 = new DiagnosticDescriptor("PRT4410", "x-portico-integration is not valid", "{0}", "Portico.Documents", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4410.md");
        public static readonly DiagnosticDescriptor PRT4411 = new DiagnosticDescriptor("PRT4411", "Both x-portico-integration and x-amazon-apigateway-integration", "{0}", "Portico.Documents", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4411.md");
        public static readonly DiagnosticDescriptor PRT4412 = new DiagnosticDescriptor("PRT4412", "Integration kind not available to this API type", "{0}", "Portico.Documents", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4412.md");
        public static readonly DiagnosticDescriptor PRT4420 = new DiagnosticDescriptor("PRT4420", "Changed to fit the export's version", "{0}", "Portico.Documents", DiagnosticSeverity.Info, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4420.md");
        public static readonly DiagnosticDescriptor PRT4421 = new DiagnosticDescriptor("PRT4421", "Cannot be expressed in the export's version", "{0}", "Portico.Documents", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4421.md");
        public static readonly DiagnosticDescriptor PRT4422 = new DiagnosticDescriptor("PRT4422", "A stage variable is not defined by the stage", "{0}", "Portico.Documents", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4422.md");
        public static readonly DiagnosticDescriptor PRT4423 = new DiagnosticDescriptor("PRT4423", "API Gateway does not import the export's version", "{0}", "Portico.Documents", DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "PRT4423.md");
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
