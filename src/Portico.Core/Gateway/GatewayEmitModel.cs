using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Portico.CodeGeneration.Emit;
using Portico.CodeGeneration.Model;

namespace Portico.CodeGeneration.Gateway
{
    /// <summary>The generated gateway metadata class of one document: C# expressions decided here, laid out by gateway.sbn.</summary>
    public sealed record GatewayClassModel(string ClassName, string ApiTypeExpr, EquatableArray<GatewayOperationModel> Operations);

    /// <summary>One operation's metadata field.</summary>
    public sealed record GatewayOperationModel(string FieldName, string Method, string PathDoc, EquatableArray<string> DocLines, string Expression);

    /// <summary>Builds <see cref="GatewayClassModel"/> from a read document and its bound client.</summary>
    internal static class GatewayEmit
    {
        private const string Ns = "global::Portico.Gateway.";

        public static GatewayClassModel? Build(GatewayApi api, ClientModel client)
        {
            if (!api.UsesExtensions) return null;
            bool rest = api.ApiType == GatewayApiType.Rest;
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var op in client.RootOperations.Concat(client.Groups.SelectMany(g => g.Operations)))
            {
                string name = op.MethodName.EndsWith("Async", StringComparison.Ordinal) && op.MethodName.Length > 5 ? op.MethodName.Substring(0, op.MethodName.Length - 5) : op.MethodName;
                names[op.HttpMethod.ToUpperInvariant() + " " + op.Path] = name.TrimStart('@');
            }
            string className = client.ClientName + "Gateway";
            var used = new HashSet<string>(StringComparer.Ordinal) { "All", "ApiType", "Find", "FindByOperationId", className, "Equals", "GetHashCode", "ToString", "GetType", "ReferenceEquals", "MemberwiseClone", "Finalize" };
            var ops = new List<GatewayOperationModel>();
            foreach (var op in api.Operations)
            {
                string baseName = names.TryGetValue(op.Method + " " + op.Path, out var n) ? n
                    : CSharp.Pascal(op.OperationId ?? (op.Method == "ANY" ? "Any " : op.Method.ToLowerInvariant() + " ") + op.Path, "Operation");
                string field = baseName;
                for (int i = 2; !used.Add(field); i++) field = baseName + i.ToString(CultureInfo.InvariantCulture);
                var doc = new List<string> { op.Method + " " + CSharp.DocLines(op.Path).FirstOrDefault() + ": what API Gateway does with this operation." };
                ops.Add(new GatewayOperationModel(CSharp.Escape(field), op.Method, op.Path, doc.ToEquatableArray(), Expression(api, op, rest)));
            }
            return new GatewayClassModel(className, Ns + "GatewayApiType." + (rest ? "Rest" : "Http"), ops.ToEquatableArray());
        }

        private static string Expression(GatewayApi api, GatewayOperationInfo op, bool rest)
        {
            string auth = "None";
            bool apiKey = false;
            string authorizer = "null";
            var scopes = new List<string>();
            var security = op.Security ?? (rest ? null : api.RootSecurity);
            foreach (var requirement in security?.Items() ?? System.Array.Empty<GatewayValue>())
            {
                foreach (var pair in requirement.Members())
                {
                    if (!api.SecuritySchemes.TryGetValue(pair.Key, out var scheme)) continue;
                    foreach (var scope in pair.Value.Items()) if (scope.Text is string s) scopes.Add(s);
                    if (scheme.IsApiKey)
                    {
                        apiKey = rest;
                        continue;
                    }
                    if (scheme.IsIam)
                    {
                        auth = "AwsIam";
                        continue;
                    }
                    if (scheme.Authorizer is { } a && a.TypeName is string type)
                    {
                        auth = type switch { "cognito_user_pools" => "CognitoUserPools", "jwt" => "Jwt", _ => "Custom" };
                        var sources = a.IdentitySources().Where(v => v.Text is { Length: > 0 }).Select(v => CSharp.Literal(v.Text)).ToList();
                        string ttl = a.ResultTtlInSeconds?.Integer is long t && t >= 0 && t <= int.MaxValue ? t.ToString(CultureInfo.InvariantCulture) : "null";
                        authorizer = "new " + Ns + "GatewayAuthorizer(name: " + CSharp.Literal(scheme.Name) + ", type: " + CSharp.Literal(type) + ", identitySource: " + StringArray(sources) + ", resultTtlInSeconds: " + ttl + ")";
                    }
                }
            }
            if (op.Auth?["type"]?.Text is string explicitAuth)
            {
                if (string.Equals(explicitAuth, "AWS_IAM", StringComparison.OrdinalIgnoreCase)) auth = "AwsIam";
                else if (string.Equals(explicitAuth, "NONE", StringComparison.OrdinalIgnoreCase) && authorizer == "null") auth = "None";
            }

            string validator = "null";
            if (rest && (op.RequestValidator ?? api.DefaultRequestValidator)?.Text is string vName && api.RequestValidators.TryGetValue(vName, out var v))
            {
                validator = "new " + Ns + "GatewayRequestValidator(name: " + CSharp.Literal(vName) + ", validatesBody: " + Bool(v.ValidatesBody) + ", validatesParameters: " + Bool(v.ValidatesParameters) + ")";
            }

            string integration = "null";
            if (op.Integration is { } i && i.TypeName is string itype)
            {
                string? timeout = i.TimeoutInMillis?.Integer is long ms && ms > 0 && ms <= int.MaxValue ? ms.ToString(CultureInfo.InvariantCulture) : null;
                var keys = i.CacheKeyParameters?.Items().Where(k => k.Text is not null).Select(k => CSharp.Literal(k.Text)).ToList() ?? new List<string>();
                string connection = i.ConnectionType?.Text?.ToUpperInvariant() ?? "INTERNET";
                integration = "new " + Ns + "GatewayIntegration(type: " + CSharp.Literal(itype) + ", uri: " + CSharp.Literal(i.Uri?.Text) + ", httpMethod: " + CSharp.Literal(i.HttpMethod?.Text?.ToUpperInvariant())
                    + ", timeoutInMillis: " + (timeout ?? "null") + ", connectionType: " + CSharp.Literal(connection) + ", payloadFormatVersion: " + CSharp.Literal(i.PayloadFormat)
                    + ", integrationSubtype: " + CSharp.Literal(i.IntegrationSubtype?.Text) + ", cacheKeyParameters: " + StringArray(keys) + ", cacheNamespace: " + CSharp.Literal(i.CacheNamespace?.Text) + ")";
            }

            const string next = ",\n            ";
            return "new " + Ns + "GatewayOperation(\n            operationId: " + CSharp.Literal(op.OperationId) + next + "method: " + CSharp.Literal(op.Method) + next + "path: " + CSharp.Literal(op.Path)
                + next + "authorizationType: " + Ns + "GatewayAuthorizationType." + auth + next + "apiKeyRequired: " + Bool(apiKey) + next + "integration: " + integration
                + next + "authorizer: " + authorizer + next + "requestValidator: " + validator + next + "authorizationScopes: " + StringArray(scopes.Select(s => CSharp.Literal(s)).ToList()) + ")";
        }

        private static string Bool(bool b) => b ? "true" : "false";

        private static string StringArray(List<string> literals)
            => literals.Count == 0 ? "global::System.Array.Empty<string>()" : "new string[] { " + string.Join(", ", literals) + " }";
    }
}
