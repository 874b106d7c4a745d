using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Portico.CodeGeneration.Diagnostics;
using Portico.CodeGeneration.Emit;

namespace Portico.CodeGeneration.Binding
{
    /// <summary>
    /// API Gateway request validators (<c>x-amazon-apigateway-request-validators</c>, the document's default
    /// <c>x-amazon-apigateway-request-validator</c> and the operation's own) carried into each operation's validator,
    /// so a server can check requests exactly as the gateway would.
    /// </summary>
    internal sealed partial class ClientBinder
    {
        private const string GatewayValidatorsKey = "x-amazon-apigateway-request-validators";
        private const string GatewayValidatorKey = "x-amazon-apigateway-request-validator";

        private readonly HashSet<string> _gatewayValidatorReported = new(StringComparer.Ordinal);

        /// <summary>The operation's API Gateway request validator as an entry of the operation table, or <c>null</c> when none is assigned.</summary>
        private string? GatewayValidatorJson(OperationRef op)
        {
            string? name = ExtensionString(op.Operation.Extensions, GatewayValidatorKey);
            string pointer = op.Pointer + "/" + GatewayValidatorKey;
            if (name is null)
            {
                name = ExtensionString(_doc.Extensions, GatewayValidatorKey);
                pointer = "/" + GatewayValidatorKey;
            }
            if (name is null) return null;
            if (ExtensionNode(_doc.Extensions, GatewayValidatorsKey) is not JsonObject all || !all.TryGetPropertyValue(name, out var node) || node is not JsonObject validator)
            {
                if (_gatewayValidatorReported.Add(pointer)) _diagnostics.Add(DiagnosticCatalog.UnknownGatewayRequestValidator, pointer, name);
                return null;
            }
            return "{\"name\":" + J(name) + ",\"validateRequestBody\":" + (IsTrue(validator["validateRequestBody"]) ? "true" : "false")
                + ",\"validateRequestParameters\":" + (IsTrue(validator["validateRequestParameters"]) ? "true" : "false") + "}";
        }

        private static bool IsTrue(JsonNode? node)
            => node is JsonValue v && string.Equals(v.ToJsonString().Trim('"'), "true", StringComparison.OrdinalIgnoreCase);
    }
}
