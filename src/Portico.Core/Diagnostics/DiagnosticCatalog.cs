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

        // API Gateway (x-amazon-apigateway-* extensions): PRT4001-PRT4399. Error = the import is rejected; Warning = ignored or mishandled.
        private const string Gateway = "Portico.ApiGateway";

        public static readonly DiagnosticDescriptorInfo GatewayIntegrationType = new("PRT4001", "Integration type missing or unknown",
            "The integration type {0} is not one of {1}", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayIntegrationTypeIgnored = new("PRT4002", "Integration type not supported by HTTP APIs",
            "HTTP APIs support only aws_proxy and http_proxy integrations; the '{0}' integration is skipped on import", Severity.Warning, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayLambdaMethod = new("PRT4003", "Lambda integration httpMethod is not POST",
            "Lambda is always invoked with POST, but the integration's httpMethod is '{0}'", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayAwsUri = new("PRT4004", "AWS or Lambda integration URI malformed",
            "The URI '{0}' is not {1}", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayHttpUri = new("PRT4005", "HTTP integration URI malformed",
            "The URI '{0}' of an {1} integration is not an absolute http:// or https:// URL", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayTimeout = new("PRT4006", "timeoutInMillis out of range",
            "timeoutInMillis {0} is outside {1}", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayTimeoutQuota = new("PRT4007", "timeoutInMillis above the REST default limit",
            "timeoutInMillis {0} is above REST's 29000 ms limit; it needs a quota increase and a Regional or private API, else the import fails", Severity.Warning, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayUnknownValidator = new("PRT4008", "Request validator not defined",
            "The request validator '{0}' is not a key of x-amazon-apigateway-request-validators{1}", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayUnknownScheme = new("PRT4009", "Security requirement names no security scheme",
            "The security requirement '{0}' names no security scheme{1}; the method is imported without it (no authorizer, no API key)", Severity.Warning, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayIdentitySource = new("PRT4010", "Authorizer identitySource malformed",
            "The identity source '{0}' is not valid for a {1} authorizer of a {2} API: expected {3}", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayAuthorizerTtl = new("PRT4011", "Authorizer result TTL out of range",
            "authorizerResultTtlInSeconds {0} is outside 0..3600", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayRestSchemeIgnored = new("PRT4012", "Security scheme REST APIs do not support",
            "REST APIs support only apiKey security schemes (in: header); the {0} scheme '{1}' is ignored on import", Severity.Warning, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayRootSecurityIgnored = new("PRT4013", "Root-level security ignored by REST APIs",
            "REST APIs ignore root-level security; put security on each operation", Severity.Warning, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayAuthorizerType = new("PRT4014", "Authorizer type missing or not allowed",
            "The authorizer type {0} is not allowed for a {1} API; expected one of {2}", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayAuthorizerField = new("PRT4015", "Authorizer field missing",
            "A {0} authorizer needs {1}", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewaySwaggerForHttp = new("PRT4016", "HTTP APIs import only OpenAPI 3.0",
            "HTTP APIs import only OpenAPI 3.0 documents; a Swagger 2.0 document is rejected", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayOpenApi31 = new("PRT4017", "OpenAPI 3.1 is not an import format",
            "API Gateway imports Swagger 2.0 and OpenAPI 3.0; OpenAPI {0} is not listed as supported", Severity.Warning, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayManyRequirements = new("PRT4018", "Several security requirements on an HTTP API route",
            "An HTTP API route takes one security requirement; {0} makes the import fail", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayRestPath = new("PRT4019", "Path not valid as a REST resource path",
            "The path '{0}' is not a valid REST resource path: {1}", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayModelName = new("PRT4020", "Model name not alphanumeric",
            "REST API model names must be alphanumeric; '{0}' is rejected (\"Model name must be alphanumeric\")", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayStageVariableSyntax = new("PRT4021", "Stage variable reference malformed",
            "'{0}' is not a valid stage variable reference: names are letters, digits and underscores, written {1}", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayStageVariablePlace = new("PRT4022", "Stage variable where none is allowed",
            "A stage variable reference is not allowed in {0}{1}", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayVpcEndpoints = new("PRT4023", "vpcEndpointIds contradict the endpoint type",
            "vpcEndpointIds apply only to PRIVATE REST APIs, but this is {0}", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayPrivateWithoutPolicy = new("PRT4024", "Private API without a resource policy",
            "A PRIVATE API needs x-amazon-apigateway-policy allowing its VPC endpoints; without one every call fails with 403", Severity.Warning, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayApiKeySource = new("PRT4025", "api-key-source invalid",
            "x-amazon-apigateway-api-key-source is '{0}'; it must be HEADER or AUTHORIZER", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayBinaryMediaTypes = new("PRT4026", "binary-media-types malformed",
            "x-amazon-apigateway-binary-media-types {0}", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayResponseType = new("PRT4027", "Unknown gateway response type",
            "'{0}' is not a gateway response type", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayResponseStatus = new("PRT4028", "Gateway response status code invalid",
            "The status code '{0}' of gateway response {1} is not an HTTP status code (100-599)", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayExtensionNotApplicable = new("PRT4029", "Extension not applicable to this API type",
            "{0} is {1}-only; a {2} API ignores it on import", Severity.Warning, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayUnknownIntegrationKey = new("PRT4030", "Unknown key in an integration",
            "'{0}' is not a field of x-amazon-apigateway-integration and has no effect{1}", Severity.Warning, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayInvalidValue = new("PRT4031", "Extension value not allowed",
            "{0} is '{1}'; allowed: {2}", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayPayloadFormat = new("PRT4032", "payloadFormatVersion missing or invalid",
            "{0}", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayVpcLinkId = new("PRT4033", "VPC_LINK integration without connectionId",
            "A VPC_LINK integration needs a connectionId (the VPC link id)", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayCacheKey = new("PRT4034", "Cache key parameter not a declared method parameter",
            "The cache key parameter '{0}' {1}", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewaySubtype = new("PRT4035", "integrationSubtype invalid or incomplete",
            "{0}", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayStreaming = new("PRT4036", "Response streaming on a non-proxy integration",
            "responseTransferMode STREAM works only with aws_proxy and http_proxy integrations, not '{0}'", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayIntegrationRef = new("PRT4037", "Integration reference unresolved",
            "The integration reference '{0}' names no entry of components.x-amazon-apigateway-integrations", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayResponseStatusUndeclared = new("PRT4038", "Integration response status not declared",
            "The integration response maps to status {0}, which the operation's responses do not declare; API Gateway needs a method response for every integration response status", Severity.Warning, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayNoIntegration = new("PRT4039", "REST method without integration",
            "The method {0} {1} has no x-amazon-apigateway-integration; the import creates it but deployments fail (\"No integration defined for method\")", Severity.Warning, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayPolicy = new("PRT4040", "Resource policy malformed",
            "x-amazon-apigateway-policy {0}", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayCertificateRegion = new("PRT4041", "Custom domain certificate in the wrong region",
            "The certificate '{0}' is in {1}, but {2}", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewaySchemaKeyword = new("PRT4042", "Schema keyword REST models drop",
            "REST API models are JSON Schema draft 4: {0} is not supported and is dropped on import", Severity.Warning, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayResponseRef = new("PRT4043", "Reusable response reference",
            "REST API import does not support responses given as a $ref to a reusable response ('{0}'); inline the response", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayPrimitiveResponse = new("PRT4044", "Inline primitive response schema",
            "REST API method responses need an object schema or a $ref to a named model; the inline {0} schema of response {1} is rejected", Severity.Error, Gateway);
        public static readonly DiagnosticDescriptorInfo GatewayUnknownMetadata = new("PRT4045", "Unknown API Gateway metadata value",
            "The OpenApiSpec item's {0} is '{1}', which is not one of {2}: {3}", Severity.Warning, Gateway);
        // Overlays, stages, x-portico-integration and export (PRT4401-PRT4499).
        private const string Documents = "Portico.Documents";
        public static readonly DiagnosticDescriptorInfo OverlayUnreadable = new("PRT4401", "An overlay cannot be read",
            "The overlay cannot be used: {0}", Severity.Error, Documents);
        public static readonly DiagnosticDescriptorInfo OverlayVersion = new("PRT4402", "Unsupported overlay version",
            "The overlay declares version '{0}'; Portico applies Overlay 1.0.x documents, so this overlay is skipped", Severity.Error, Documents);
        public static readonly DiagnosticDescriptorInfo OverlayInvalidTarget = new("PRT4403", "An overlay target is not a valid JSONPath",
            "The target '{0}' is not a JSONPath Portico understands: {1}; the action is skipped", Severity.Error, Documents);
        public static readonly DiagnosticDescriptorInfo OverlayNoMatch = new("PRT4404", "An overlay target selects nothing",
            "The target '{0}' selects nothing in the document; the action changes nothing", Severity.Warning, Documents);
        public static readonly DiagnosticDescriptorInfo OverlayInvalidAction = new("PRT4405", "An overlay action cannot be applied",
            "The action on '{0}' cannot be applied: {1}", Severity.Error, Documents);
        public static readonly DiagnosticDescriptorInfo OverlayMissing = new("PRT4406", "An overlay file is not part of the build",
            "The overlay '{0}' named by the OpenApiSpec item is not among the build's files", Severity.Error, Documents);
        public static readonly DiagnosticDescriptorInfo UnknownStage = new("PRT4407", "Unknown stage",
            "No overlay of this document declares the stage '{0}' (declared: {1}); the document is used without a stage overlay", Severity.Error, Documents);
        public static readonly DiagnosticDescriptorInfo InvalidIntegrationShortForm = new("PRT4410", "x-portico-integration is not valid",
            "x-portico-integration of {0}: {1}; the operation keeps no integration from it", Severity.Error, Documents);
        public static readonly DiagnosticDescriptorInfo IntegrationBothForms = new("PRT4411", "Both x-portico-integration and x-amazon-apigateway-integration",
            "{0} has both x-portico-integration and x-amazon-apigateway-integration; the full form is kept and the short form ignored", Severity.Warning, Documents);
        public static readonly DiagnosticDescriptorInfo IntegrationNotForFlavour = new("PRT4412", "Integration kind not available to this API type",
            "x-portico-integration of {0}: {1} integrations are not available to {2} APIs", Severity.Error, Documents);
        public static readonly DiagnosticDescriptorInfo ExportDowngraded = new("PRT4420", "Changed to fit the export's version",
            "{0} at '{1}' was rewritten for OpenAPI {2}: {3}", Severity.Info, Documents);
        public static readonly DiagnosticDescriptorInfo ExportCannotDowngrade = new("PRT4421", "Cannot be expressed in the export's version",
            "{0} at '{1}' cannot be expressed in OpenAPI {2} and was removed: {3}", Severity.Warning, Documents);
        public static readonly DiagnosticDescriptorInfo UndefinedStageVariable = new("PRT4422", "A stage variable is not defined by the stage",
            "'${{stageVariables.{0}}}' is used but the stage '{1}' does not define it; it is left for API Gateway to resolve", Severity.Warning, Documents);

        public static readonly DiagnosticDescriptorInfo ExportTargetUnsupported = new("PRT4423", "API Gateway does not import the export's version",
            "{0}", Severity.Warning, Documents);

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
