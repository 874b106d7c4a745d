using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Portico.CodeGeneration.Diagnostics;

namespace Portico.CodeGeneration.Documents
{
    /// <summary>The API Gateway product a document is imported into.</summary>
    public enum ApiFlavour
    {
        Rest,
        Http,
    }

    /// <summary>
    /// Expands the short form <c>x-portico-integration</c> on operations into the full <c>x-amazon-apigateway-integration</c>
    /// for REST or HTTP APIs: Lambda proxy, HTTP proxy, mock, SQS SendMessage, Kinesis PutRecord, Step Functions
    /// StartExecution / StartSyncExecution and EventBridge PutEvents. Region, account and partition come from the short form,
    /// else from the root <c>x-portico-aws</c>, else API Gateway's import-time variables (<c>${AWS::Region}</c>, ...).
    /// </summary>
    public static class IntegrationExpander
    {
        public const string ShortForm = "x-portico-integration";
        public const string FullForm = "x-amazon-apigateway-integration";
        public const string AwsSettings = "x-portico-aws";

        private static readonly string[] s_methods = { "get", "put", "post", "delete", "options", "head", "patch", "trace", "x-amazon-apigateway-any-method" };

        /// <summary>The flavour: the explicit one, else <c>x-portico-aws.apiType</c>, else HTTP when the document uses HTTP-only extensions or fields.</summary>
        public static ApiFlavour Flavour(JsonObject document, string? apiType)
        {
            string? declared = apiType;
            if (string.IsNullOrWhiteSpace(declared) && document[AwsSettings] is JsonObject aws) declared = JsonTree.AsString(aws["apiType"]);
            if (!string.IsNullOrWhiteSpace(declared))
            {
                return declared!.Trim().Equals("http", StringComparison.OrdinalIgnoreCase) || declared.Trim().Equals("httpapi", StringComparison.OrdinalIgnoreCase) ? ApiFlavour.Http : ApiFlavour.Rest;
            }
            if (document.ContainsKey("x-amazon-apigateway-cors") || document.ContainsKey("x-amazon-apigateway-importexport-version")) return ApiFlavour.Http;
            if (document["components"] is JsonObject c && c.ContainsKey("x-amazon-apigateway-integrations")) return ApiFlavour.Http;
            foreach (var (op, _) in Operations(document))
            {
                if (op[FullForm] is JsonObject full && (full.ContainsKey("payloadFormatVersion") || full.ContainsKey("integrationSubtype"))) return ApiFlavour.Http;
            }
            return ApiFlavour.Rest;
        }

        /// <summary>Every operation object with its JSON pointer.</summary>
        public static IEnumerable<(JsonObject Operation, string Pointer)> Operations(JsonObject document)
        {
            if (document["paths"] is not JsonObject paths) yield break;
            foreach (var path in paths.ToList())
            {
                if (path.Value is not JsonObject item) continue;
                foreach (var m in s_methods)
                {
                    if (item[m] is JsonObject op) yield return (op, "/paths/" + Reading.SourceLocator.Escape(path.Key) + "/" + m);
                }
            }
        }

        /// <summary>Expands every short form in place; problems come back with pointers into the document.</summary>
        internal static List<Located.Pending> Expand(JsonObject document, ApiFlavour flavour)
        {
            var problems = new List<Located.Pending>();
            var settings = document[AwsSettings] as JsonObject;
            foreach (var (op, pointer) in Operations(document).ToList())
            {
                if (!op.TryGetPropertyValue(ShortForm, out var shortForm)) continue;
                string where = Where(pointer);
                op.Remove(ShortForm);
                if (op.ContainsKey(FullForm))
                {
                    problems.Add(new Located.Pending(DiagnosticCatalog.IntegrationBothForms, pointer + "/" + FullForm, where));
                    continue;
                }
                string method = pointer.Substring(pointer.LastIndexOf('/') + 1);
                var expanded = ExpandOne(shortForm, settings, flavour, method, op, out var problem, out bool flavourProblem, out string kind);
                if (expanded is null)
                {
                    problems.Add(flavourProblem
                        ? new Located.Pending(DiagnosticCatalog.IntegrationNotForFlavour, pointer + "/" + ShortForm, where, kind, flavour == ApiFlavour.Http ? "HTTP" : "REST")
                        : new Located.Pending(DiagnosticCatalog.InvalidIntegrationShortForm, pointer + "/" + ShortForm, where, problem ?? "it is not understood"));
                    continue;
                }
                op[FullForm] = expanded;
            }
            return problems;
        }

        private static string Where(string pointer)
        {
            var parts = pointer.Split('/');
            string path = parts.Length > 2 ? parts[2].Replace("~1", "/").Replace("~0", "~") : "?";
            string method = parts.Length > 3 ? parts[3] : "?";
            return (method == "x-amazon-apigateway-any-method" ? "ANY" : method.ToUpperInvariant()) + " " + path;
        }

        /// <summary>Expands one short form; null with a reason when it is not valid.</summary>
        public static JsonObject? ExpandOne(JsonNode? shortForm, JsonObject? settings, ApiFlavour flavour, string method, JsonObject? operation, out string? problem, out bool flavourProblem, out string kind)
        {
            problem = null;
            flavourProblem = false;
            kind = "?";
            JsonObject form;
            if (JsonTree.AsString(shortForm) is string s)
            {
                if (s == "mock") form = new JsonObject { ["mock"] = true };
                else
                {
                    problem = "a string short form may only be 'mock'; write an object such as { lambda: my-function }";
                    return null;
                }
            }
            else if (shortForm is JsonObject o) form = o;
            else
            {
                problem = "it must be an object such as { lambda: my-function } or { http: https://example.com/{proxy} }";
                return null;
            }
            var kinds = new[] { "lambda", "http", "mock", "sqs", "kinesis", "stepFunctions", "eventBridge" }.Where(form.ContainsKey).ToList();
            if (kinds.Count != 1)
            {
                problem = kinds.Count == 0
                    ? "it names no kind; use one of lambda, http, mock, sqs, kinesis, stepFunctions, eventBridge"
                    : "it names several kinds (" + string.Join(", ", kinds) + "); use exactly one";
                return null;
            }
            kind = kinds[0];
            var ctx = new Context(form, settings);
            string? primary = JsonTree.AsString(form[kind]);
            try
            {
                switch (kind)
                {
                    case "lambda": return Lambda(ctx, primary, flavour);
                    case "http": return HttpProxy(ctx, primary, flavour, method, operation);
                    case "mock":
                        if (flavour == ApiFlavour.Http)
                        {
                            flavourProblem = true;
                            return null;
                        }
                        return Mock(form["mock"], operation);
                    case "sqs": return Sqs(ctx, primary, flavour, operation);
                    case "kinesis": return Kinesis(ctx, primary, flavour, operation);
                    case "stepFunctions": return StepFunctions(ctx, primary, flavour, operation);
                    default: return EventBridge(ctx, primary, flavour, operation);
                }
            }
            catch (ShortFormException ex)
            {
                problem = ex.Message;
                return null;
            }
        }

        private sealed class ShortFormException : Exception
        {
            public ShortFormException(string message) : base(message) { }
        }

        private sealed class Context
        {
            private readonly JsonObject _form;
            private readonly JsonObject? _settings;

            public Context(JsonObject form, JsonObject? settings)
            {
                _form = form;
                _settings = settings;
            }

            public string? Get(string name) => Text(_form[name]) ?? Text(_settings?[name]);

            public string? Own(string name) => Text(_form[name]);

            private static string? Text(JsonNode? n) => JsonTree.AsString(n) ?? (n is JsonValue v && v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False ? v.ToJsonString() : null);

            public string Region => Get("region") ?? "${AWS::Region}";
            public string Account => Get("accountId") ?? "${AWS::AccountId}";
            public string Partition => Get("partition") ?? "aws";

            public string? Role
            {
                get
                {
                    string? r = Get("role");
                    if (r is null) return null;
                    return r.StartsWith("arn:", StringComparison.Ordinal) || r.StartsWith("${", StringComparison.Ordinal) ? r : "arn:" + Partition + ":iam::" + Account + ":role/" + r;
                }
            }

            public string RequireRole(string kind)
                => Role ?? throw new ShortFormException(kind + " integrations need 'role' (an IAM role ARN or name API Gateway assumes), here or in the root x-portico-aws");

            public JsonNode? Timeout()
            {
                var t = _form["timeout"] ?? _form["timeoutInMillis"];
                if (t is null) return null;
                if (t is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out int ms) && ms >= 50 && ms <= 300000) return JsonValue.Create(ms);
                throw new ShortFormException("'timeout' must be a whole number of milliseconds between 50 and 300000");
            }
        }

        private static JsonObject Lambda(Context ctx, string? function, ApiFlavour flavour)
        {
            if (string.IsNullOrWhiteSpace(function)) throw new ShortFormException("'lambda' must name a function (name, name:alias or ARN)");
            string arn = function!.StartsWith("arn:", StringComparison.Ordinal)
                ? function
                : "arn:" + ctx.Partition + ":lambda:" + ctx.Region + ":" + ctx.Account + ":function:" + function;
            if (ctx.Own("alias") is string alias) arn += ":" + alias;
            // The function's own region when an ARN names it; else the API's.
            var m = Regex.Match(function, @"^arn:[^:]+:lambda:([a-z0-9-]+):");
            string region = m.Success ? m.Groups[1].Value : ctx.Region;
            var result = new JsonObject
            {
                ["type"] = "aws_proxy",
                ["httpMethod"] = "POST",
                ["uri"] = "arn:" + ctx.Partition + ":apigateway:" + region + ":lambda:path/2015-03-31/functions/" + arn + "/invocations",
            };
            if (ctx.Own("role") is not null) result["credentials"] = ctx.Role;
            if (flavour == ApiFlavour.Http)
            {
                string version = ctx.Own("payloadFormatVersion") ?? "2.0";
                if (version != "1.0" && version != "2.0") throw new ShortFormException("'payloadFormatVersion' must be \"1.0\" or \"2.0\"");
                result["payloadFormatVersion"] = version;
            }
            else
            {
                result["passthroughBehavior"] = "when_no_match";
            }
            if (ctx.Timeout() is JsonNode t) result["timeoutInMillis"] = t;
            return result;
        }

        private static JsonObject HttpProxy(Context ctx, string? url, ApiFlavour flavour, string method, JsonObject? operation)
        {
            if (string.IsNullOrWhiteSpace(url) || !(url!.StartsWith("http://", StringComparison.Ordinal) || url.StartsWith("https://", StringComparison.Ordinal) || url.StartsWith("${stageVariables.", StringComparison.Ordinal)))
            {
                throw new ShortFormException("'http' must be an absolute http:// or https:// URL (stage variables such as ${stageVariables.host} are allowed)");
            }
            string httpMethod = ctx.Own("method")?.ToUpperInvariant() ?? (method == "x-amazon-apigateway-any-method" ? "ANY" : method.ToUpperInvariant());
            var result = new JsonObject
            {
                ["type"] = "http_proxy",
                ["httpMethod"] = httpMethod,
                ["uri"] = url,
            };
            if (ctx.Own("vpcLink") is string link)
            {
                result["connectionType"] = "VPC_LINK";
                result["connectionId"] = link;
            }
            if (flavour == ApiFlavour.Http)
            {
                result["payloadFormatVersion"] = "1.0";
            }
            else
            {
                // REST fills {name} in the URI from integration.request.path.name: map each to the method's path parameter.
                var parameters = new JsonObject();
                foreach (Match m in Regex.Matches(url, @"(?<!\$)\{([A-Za-z0-9._$-]+)\+?\}"))
                {
                    string name = m.Groups[1].Value;
                    parameters["integration.request.path." + name] = "method.request.path." + name;
                }
                if (parameters.Count > 0) result["requestParameters"] = parameters;
                result["passthroughBehavior"] = "when_no_match";
            }
            if (ctx.Timeout() is JsonNode t) result["timeoutInMillis"] = t;
            return result;
        }

        private static JsonObject Mock(JsonNode? value, JsonObject? operation)
        {
            string status = SuccessStatus(operation);
            JsonNode? body = null;
            if (value is JsonObject mo)
            {
                if (mo["statusCode"] is JsonNode sc) status = JsonTree.AsString(sc) ?? sc.ToJsonString();
                body = mo["body"];
            }
            else if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
            {
                status = v.ToJsonString();
            }
            if (!Regex.IsMatch(status, "^[1-5][0-9][0-9]$")) throw new ShortFormException("the mock status code '" + status + "' is not an HTTP status code");
            var response = new JsonObject { ["statusCode"] = status };
            if (body is not null)
            {
                string text = JsonTree.AsString(body) ?? body.ToJsonString();
                response["responseTemplates"] = new JsonObject { ["application/json"] = text };
            }
            return new JsonObject
            {
                ["type"] = "mock",
                ["requestTemplates"] = new JsonObject { ["application/json"] = "{\"statusCode\": " + status + "}" },
                ["passthroughBehavior"] = "when_no_match",
                ["responses"] = new JsonObject { ["default"] = response },
            };
        }

        /// <summary>The operation's first 2xx response code (what the integration response maps to), else 200.</summary>
        private static string SuccessStatus(JsonObject? operation)
        {
            if (operation?["responses"] is JsonObject responses)
            {
                foreach (var r in responses)
                {
                    if (Regex.IsMatch(r.Key, "^2[0-9][0-9]$")) return r.Key;
                }
            }
            return "200";
        }

        private static JsonObject AwsRest(Context ctx, string uri, string role, JsonObject? requestParameters, string template, string passthrough, JsonObject? operation)
        {
            var result = new JsonObject
            {
                ["type"] = "aws",
                ["httpMethod"] = "POST",
                ["uri"] = uri,
                ["credentials"] = role,
            };
            if (requestParameters is not null) result["requestParameters"] = requestParameters;
            result["requestTemplates"] = new JsonObject { ["application/json"] = template };
            result["passthroughBehavior"] = passthrough;
            result["responses"] = new JsonObject { ["default"] = new JsonObject { ["statusCode"] = SuccessStatus(operation) } };
            if (ctx.Timeout() is JsonNode t) result["timeoutInMillis"] = t;
            return result;
        }

        private static JsonObject AwsHttp(Context ctx, string subtype, string role, JsonObject parameters)
        {
            if (ctx.Get("region") is string region) parameters["Region"] = region;
            var result = new JsonObject
            {
                ["type"] = "aws_proxy",
                ["integrationSubtype"] = subtype,
                ["credentials"] = role,
                ["requestParameters"] = parameters,
                ["payloadFormatVersion"] = "1.0",
            };
            if (ctx.Timeout() is JsonNode t) result["timeoutInMillis"] = t;
            return result;
        }

        private static string Apigw(Context ctx, string rest) => "arn:" + ctx.Partition + ":apigateway:" + ctx.Region + ":" + rest;

        /// <summary>A value written inside a JSON string of a mapping template.</summary>
        private static string Json(string value) => JsonEncodedText.Encode(value, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();

        private static JsonObject Sqs(Context ctx, string? queue, ApiFlavour flavour, JsonObject? operation)
        {
            if (string.IsNullOrWhiteSpace(queue)) throw new ShortFormException("'sqs' must name a queue (name or queue URL)");
            string role = ctx.RequireRole("SQS");
            string account = ctx.Account;
            string name = queue!;
            var url = Regex.Match(queue!, @"^https://sqs\.([^./]+)\.amazonaws\.com/([^/]+)/([^/]+)$");
            if (url.Success)
            {
                account = url.Groups[2].Value;
                name = url.Groups[3].Value;
            }
            else if (!Regex.IsMatch(queue!, @"^[A-Za-z0-9_${}.:-]{1,80}$"))
            {
                throw new ShortFormException("'" + queue + "' is not an SQS queue name or URL");
            }
            if (flavour == ApiFlavour.Http)
            {
                string queueUrl = url.Success ? queue! : "https://sqs." + ctx.Region + ".amazonaws.com/" + account + "/" + name;
                return AwsHttp(ctx, "SQS-SendMessage", role, new JsonObject { ["QueueUrl"] = queueUrl, ["MessageBody"] = "$request.body" });
            }
            return AwsRest(ctx, Apigw(ctx, "sqs:path/" + account + "/" + name), role,
                new JsonObject { ["integration.request.header.Content-Type"] = "'application/x-www-form-urlencoded'" },
                "Action=SendMessage&MessageBody=$util.urlEncode($input.body)", "never", operation);
        }

        private static JsonObject Kinesis(Context ctx, string? stream, ApiFlavour flavour, JsonObject? operation)
        {
            if (string.IsNullOrWhiteSpace(stream)) throw new ShortFormException("'kinesis' must name a stream");
            string role = ctx.RequireRole("Kinesis");
            string? key = ctx.Own("partitionKey");
            if (key is not null && !Regex.IsMatch(key, @"^\$(\.[A-Za-z0-9_]+)+$")) throw new ShortFormException("'partitionKey' must be a simple path into the request body such as $.orderId");
            if (flavour == ApiFlavour.Http)
            {
                return AwsHttp(ctx, "Kinesis-PutRecord", role, new JsonObject
                {
                    ["StreamName"] = stream,
                    ["Data"] = "$request.body",
                    ["PartitionKey"] = key is null ? "$context.requestId" : "$request.body" + key.Substring(1),
                });
            }
            string keyExpr = key is null ? "$context.requestId" : "$input.path('" + key + "')";
            string template = "{\"StreamName\": \"" + Json(stream!) + "\", \"Data\": \"$util.base64Encode($input.body)\", \"PartitionKey\": \"" + keyExpr + "\"}";
            return AwsRest(ctx, Apigw(ctx, "kinesis:action/PutRecord"), role,
                new JsonObject { ["integration.request.header.Content-Type"] = "'application/x-amz-json-1.1'" }, template, "never", operation);
        }

        private static JsonObject StepFunctions(Context ctx, string? machine, ApiFlavour flavour, JsonObject? operation)
        {
            if (string.IsNullOrWhiteSpace(machine)) throw new ShortFormException("'stepFunctions' must name a state machine (name or ARN)");
            string role = ctx.RequireRole("Step Functions");
            bool sync = ctx.Own("sync") == "true";
            string arn = machine!.StartsWith("arn:", StringComparison.Ordinal) ? machine : "arn:" + ctx.Partition + ":states:" + ctx.Region + ":" + ctx.Account + ":stateMachine:" + machine;
            string action = sync ? "StartSyncExecution" : "StartExecution";
            if (flavour == ApiFlavour.Http)
            {
                return AwsHttp(ctx, "StepFunctions-" + action, role, new JsonObject { ["StateMachineArn"] = arn, ["Input"] = "$request.body" });
            }
            string template = "{\"input\": \"$util.escapeJavaScript($input.json('$'))\", \"stateMachineArn\": \"" + Json(arn) + "\"}";
            return AwsRest(ctx, Apigw(ctx, "states:action/" + action), role, null, template, "never", operation);
        }

        private static JsonObject EventBridge(Context ctx, string? bus, ApiFlavour flavour, JsonObject? operation)
        {
            string busName = string.IsNullOrWhiteSpace(bus) ? "default" : bus!;
            string role = ctx.RequireRole("EventBridge");
            string source = ctx.Own("source") ?? throw new ShortFormException("EventBridge integrations need 'source' (the events' Source)");
            string detailType = ctx.Own("detailType") ?? throw new ShortFormException("EventBridge integrations need 'detailType' (the events' DetailType)");
            if (flavour == ApiFlavour.Http)
            {
                return AwsHttp(ctx, "EventBridge-PutEvents", role, new JsonObject
                {
                    ["Detail"] = "$request.body",
                    ["DetailType"] = detailType,
                    ["Source"] = source,
                    ["EventBusName"] = busName,
                });
            }
            string template = "{\"Entries\": [{\"Source\": \"" + Json(source) + "\", \"DetailType\": \"" + Json(detailType) + "\", \"Detail\": \"$util.escapeJavaScript($input.json('$'))\", \"EventBusName\": \"" + Json(busName) + "\"}]}";
            return AwsRest(ctx, Apigw(ctx, "events:action/PutEvents"), role, new JsonObject
            {
                ["integration.request.header.X-Amz-Target"] = "'AWSEvents.PutEvents'",
                ["integration.request.header.Content-Type"] = "'application/x-amz-json-1.1'",
            }, template, "never", operation);
        }
    }
}
