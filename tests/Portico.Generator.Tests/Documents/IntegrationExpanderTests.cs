using System.Text.Json.Nodes;
using Portico.CodeGeneration.Documents;
using Xunit;

namespace Portico.Tests.Documents;

/// <summary>Each x-portico-integration short form expands to exactly the x-amazon-apigateway-integration API Gateway expects.</summary>
public sealed class IntegrationExpanderTests
{
    private static readonly JsonObject s_settings = new() { ["region"] = "eu-west-1", ["accountId"] = "123456789012" };

    private static readonly JsonObject s_operation = JsonNode.Parse("""{ "responses": { "202": { "description": "accepted" }, "400": { "description": "bad" } } }""")!.AsObject();

    private static JsonObject Expand(string shortForm, ApiFlavour flavour, string method = "post")
    {
        var result = IntegrationExpander.ExpandOne(JsonNode.Parse(shortForm), (JsonObject)s_settings.DeepClone(), flavour, method, s_operation, out var problem, out bool flavourProblem, out _);
        Assert.False(flavourProblem);
        Assert.True(result is not null, problem);
        return result!;
    }

    private static void AssertJson(string expected, JsonObject actual)
        => Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), "expected " + JsonNode.Parse(expected)!.ToJsonString() + "\nactual   " + actual.ToJsonString());

    [Fact]
    public void Lambda_proxy_rest()
        => AssertJson("""
            { "type": "aws_proxy", "httpMethod": "POST",
              "uri": "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:orders/invocations",
              "passthroughBehavior": "when_no_match" }
            """, Expand("""{ "lambda": "orders" }""", ApiFlavour.Rest));

    [Fact]
    public void Lambda_proxy_http_with_alias_arn_region_and_timeout()
        => AssertJson("""
            { "type": "aws_proxy", "httpMethod": "POST",
              "uri": "arn:aws:apigateway:us-east-2:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-2:999999999999:function:orders:live/invocations",
              "payloadFormatVersion": "2.0", "timeoutInMillis": 5000 }
            """, Expand("""{ "lambda": "arn:aws:lambda:us-east-2:999999999999:function:orders", "alias": "live", "timeout": 5000 }""", ApiFlavour.Http));

    [Fact]
    public void Lambda_without_region_or_account_uses_import_time_variables()
    {
        var result = IntegrationExpander.ExpandOne(JsonNode.Parse("""{ "lambda": "fn" }"""), null, ApiFlavour.Rest, "get", null, out _, out _, out _);
        Assert.Equal("arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:fn/invocations", (string?)result!["uri"]);
    }

    [Fact]
    public void Http_proxy_rest_maps_path_parameters()
        => AssertJson("""
            { "type": "http_proxy", "httpMethod": "GET", "uri": "https://${stageVariables.host}/pets/{id}",
              "requestParameters": { "integration.request.path.id": "method.request.path.id" },
              "passthroughBehavior": "when_no_match" }
            """, Expand("""{ "http": "https://${stageVariables.host}/pets/{id}" }""", ApiFlavour.Rest, "get"));

    [Fact]
    public void Http_proxy_http_api_with_vpc_link()
        => AssertJson("""
            { "type": "http_proxy", "httpMethod": "ANY", "uri": "https://internal.example.com/{proxy}",
              "connectionType": "VPC_LINK", "connectionId": "abc123", "payloadFormatVersion": "1.0" }
            """, Expand("""{ "http": "https://internal.example.com/{proxy}", "method": "any", "vpcLink": "abc123" }""", ApiFlavour.Http, "get"));

    [Fact]
    public void Mock_rest_answers_the_operations_success_status()
    {
        AssertJson("""
            { "type": "mock", "requestTemplates": { "application/json": "{\"statusCode\": 202}" }, "passthroughBehavior": "when_no_match",
              "responses": { "default": { "statusCode": "202" } } }
            """, Expand("\"mock\"", ApiFlavour.Rest));
        AssertJson("""
            { "type": "mock", "requestTemplates": { "application/json": "{\"statusCode\": 200}" }, "passthroughBehavior": "when_no_match",
              "responses": { "default": { "statusCode": "200", "responseTemplates": { "application/json": "{\"ok\":true}" } } } }
            """, Expand("""{ "mock": { "statusCode": 200, "body": { "ok": true } } }""", ApiFlavour.Rest));
    }

    [Fact]
    public void Mock_is_not_available_to_http_apis()
    {
        var result = IntegrationExpander.ExpandOne(JsonNode.Parse("\"mock\""), null, ApiFlavour.Http, "get", null, out _, out bool flavourProblem, out string kind);
        Assert.Null(result);
        Assert.True(flavourProblem);
        Assert.Equal("mock", kind);
    }

    [Fact]
    public void Sqs_rest()
        => AssertJson("""
            { "type": "aws", "httpMethod": "POST", "uri": "arn:aws:apigateway:eu-west-1:sqs:path/123456789012/orders",
              "credentials": "arn:aws:iam::123456789012:role/api-sqs",
              "requestParameters": { "integration.request.header.Content-Type": "'application/x-www-form-urlencoded'" },
              "requestTemplates": { "application/json": "Action=SendMessage&MessageBody=$util.urlEncode($input.body)" },
              "passthroughBehavior": "never", "responses": { "default": { "statusCode": "202" } } }
            """, Expand("""{ "sqs": "orders", "role": "api-sqs" }""", ApiFlavour.Rest));

    [Fact]
    public void Sqs_http_from_a_queue_url()
        => AssertJson("""
            { "type": "aws_proxy", "integrationSubtype": "SQS-SendMessage", "credentials": "arn:aws:iam::123456789012:role/r",
              "requestParameters": { "QueueUrl": "https://sqs.eu-west-1.amazonaws.com/555555555555/orders", "MessageBody": "$request.body", "Region": "eu-west-1" },
              "payloadFormatVersion": "1.0" }
            """, Expand("""{ "sqs": "https://sqs.eu-west-1.amazonaws.com/555555555555/orders", "role": "arn:aws:iam::123456789012:role/r" }""", ApiFlavour.Http));

    [Fact]
    public void Kinesis_rest()
        => AssertJson("""
            { "type": "aws", "httpMethod": "POST", "uri": "arn:aws:apigateway:eu-west-1:kinesis:action/PutRecord",
              "credentials": "arn:aws:iam::123456789012:role/k",
              "requestParameters": { "integration.request.header.Content-Type": "'application/x-amz-json-1.1'" },
              "requestTemplates": { "application/json": "{\"StreamName\": \"clicks\", \"Data\": \"$util.base64Encode($input.body)\", \"PartitionKey\": \"$input.path('$.userId')\"}" },
              "passthroughBehavior": "never", "responses": { "default": { "statusCode": "202" } } }
            """, Expand("""{ "kinesis": "clicks", "partitionKey": "$.userId", "role": "k" }""", ApiFlavour.Rest));

    [Fact]
    public void Kinesis_http()
        => AssertJson("""
            { "type": "aws_proxy", "integrationSubtype": "Kinesis-PutRecord", "credentials": "arn:aws:iam::123456789012:role/k",
              "requestParameters": { "StreamName": "clicks", "Data": "$request.body", "PartitionKey": "$context.requestId", "Region": "eu-west-1" },
              "payloadFormatVersion": "1.0" }
            """, Expand("""{ "kinesis": "clicks", "role": "k" }""", ApiFlavour.Http));

    [Fact]
    public void Step_functions_rest_async_and_sync()
    {
        AssertJson("""
            { "type": "aws", "httpMethod": "POST", "uri": "arn:aws:apigateway:eu-west-1:states:action/StartExecution",
              "credentials": "arn:aws:iam::123456789012:role/sf",
              "requestTemplates": { "application/json": "{\"input\": \"$util.escapeJavaScript($input.json('$'))\", \"stateMachineArn\": \"arn:aws:states:eu-west-1:123456789012:stateMachine:Checkout\"}" },
              "passthroughBehavior": "never", "responses": { "default": { "statusCode": "202" } } }
            """, Expand("""{ "stepFunctions": "Checkout", "role": "sf" }""", ApiFlavour.Rest));
        Assert.Equal("arn:aws:apigateway:eu-west-1:states:action/StartSyncExecution", (string?)Expand("""{ "stepFunctions": "Checkout", "sync": true, "role": "sf" }""", ApiFlavour.Rest)["uri"]);
    }

    [Fact]
    public void Step_functions_http_sync()
        => AssertJson("""
            { "type": "aws_proxy", "integrationSubtype": "StepFunctions-StartSyncExecution", "credentials": "arn:aws:iam::123456789012:role/sf",
              "requestParameters": { "StateMachineArn": "arn:aws:states:eu-west-1:123456789012:stateMachine:Checkout", "Input": "$request.body", "Region": "eu-west-1" },
              "payloadFormatVersion": "1.0" }
            """, Expand("""{ "stepFunctions": "Checkout", "sync": true, "role": "sf" }""", ApiFlavour.Http));

    [Fact]
    public void EventBridge_rest()
        => AssertJson("""
            { "type": "aws", "httpMethod": "POST", "uri": "arn:aws:apigateway:eu-west-1:events:action/PutEvents",
              "credentials": "arn:aws:iam::123456789012:role/eb",
              "requestParameters": { "integration.request.header.X-Amz-Target": "'AWSEvents.PutEvents'", "integration.request.header.Content-Type": "'application/x-amz-json-1.1'" },
              "requestTemplates": { "application/json": "{\"Entries\": [{\"Source\": \"shop.orders\", \"DetailType\": \"OrderPlaced\", \"Detail\": \"$util.escapeJavaScript($input.json('$'))\", \"EventBusName\": \"orders\"}]}" },
              "passthroughBehavior": "never", "responses": { "default": { "statusCode": "202" } } }
            """, Expand("""{ "eventBridge": "orders", "source": "shop.orders", "detailType": "OrderPlaced", "role": "eb" }""", ApiFlavour.Rest));

    [Fact]
    public void EventBridge_http()
        => AssertJson("""
            { "type": "aws_proxy", "integrationSubtype": "EventBridge-PutEvents", "credentials": "arn:aws:iam::123456789012:role/eb",
              "requestParameters": { "Detail": "$request.body", "DetailType": "OrderPlaced", "Source": "shop.orders", "EventBusName": "default", "Region": "eu-west-1" },
              "payloadFormatVersion": "1.0" }
            """, Expand("""{ "eventBridge": null, "source": "shop.orders", "detailType": "OrderPlaced", "role": "eb" }""", ApiFlavour.Http));

    [Fact]
    public void Template_values_from_the_document_are_json_escaped()
    {
        var result = Expand("""{ "eventBridge": "b", "source": "a\"}],\"x\":[{\"", "detailType": "d", "role": "eb" }""", ApiFlavour.Rest);
        string template = (string)result["requestTemplates"]!["application/json"]!;
        Assert.Contains("\"Source\": \"a\\\"}],\\\"x\\\":[{\\\"\"", template);
    }

    [Theory]
    [InlineData("""{ "sqs": "q" }""", "need 'role'")]
    [InlineData("""{ "lambda": "f", "sqs": "q" }""", "several kinds")]
    [InlineData("""{ "timeout": 5 }""", "names no kind")]
    [InlineData("""{ "http": "ftp://x" }""", "absolute http")]
    [InlineData("""{ "lambda": "f", "timeout": 10 }""", "between 50 and 300000")]
    [InlineData("""{ "eventBridge": "b", "role": "r", "source": "s" }""", "detailType")]
    [InlineData("""{ "kinesis": "s", "role": "r", "partitionKey": "id" }""", "partitionKey")]
    [InlineData("\"lambda\"", "only be 'mock'")]
    [InlineData("42", "must be an object")]
    public void Bad_short_forms_say_what_is_wrong(string shortForm, string expected)
    {
        var result = IntegrationExpander.ExpandOne(JsonNode.Parse(shortForm), null, ApiFlavour.Rest, "post", null, out var problem, out _, out _);
        Assert.Null(result);
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void Flavour_comes_from_the_option_then_x_portico_aws_then_http_only_extensions()
    {
        var plain = new JsonObject { ["paths"] = new JsonObject() };
        Assert.Equal(ApiFlavour.Rest, IntegrationExpander.Flavour(plain, null));
        Assert.Equal(ApiFlavour.Http, IntegrationExpander.Flavour(plain, "http"));
        Assert.Equal(ApiFlavour.Http, IntegrationExpander.Flavour(new JsonObject { ["x-portico-aws"] = new JsonObject { ["apiType"] = "http" } }, null));
        Assert.Equal(ApiFlavour.Http, IntegrationExpander.Flavour(new JsonObject { ["x-amazon-apigateway-cors"] = new JsonObject() }, null));
        Assert.Equal(ApiFlavour.Rest, IntegrationExpander.Flavour(new JsonObject { ["x-amazon-apigateway-cors"] = new JsonObject() }, "rest"));
    }

    [Fact]
    public void Expansion_in_a_document_is_located_and_keeps_an_existing_full_form()
    {
        const string yaml = """
            openapi: 3.0.3
            info: { title: T, version: '1' }
            x-portico-aws: { region: eu-west-1, accountId: '123456789012' }
            paths:
              /a:
                get:
                  x-portico-integration: { lambda: fn }
                  responses: { '200': { description: ok } }
              /b:
                get:
                  x-portico-integration: { sqs: q }
                  responses: { '200': { description: ok } }
              /c:
                get:
                  x-portico-integration: { lambda: fn }
                  x-amazon-apigateway-integration: { type: mock }
                  responses: { '200': { description: ok } }
            """;
        var prepared = DocumentPreparer.Prepare("/project/api.yaml", yaml, [], null, null);
        Assert.Equal(["PRT4410", "PRT4411"], prepared.Diagnostics.Select(d => d.Id));
        Assert.Equal(11, prepared.Diagnostics[0].Location.Line);
        Assert.Contains("GET /b", prepared.Diagnostics[0].Message);
        Assert.Equal(16, prepared.Diagnostics[1].Location.Line);
        var paths = prepared.Tree!["paths"]!;
        Assert.Equal("aws_proxy", (string?)paths["/a"]!["get"]!["x-amazon-apigateway-integration"]!["type"]);
        Assert.Null(paths["/a"]!["get"]!["x-portico-integration"]);
        Assert.Null(paths["/b"]!["get"]!["x-amazon-apigateway-integration"]);
        Assert.Equal("mock", (string?)paths["/c"]!["get"]!["x-amazon-apigateway-integration"]!["type"]);
    }
}
