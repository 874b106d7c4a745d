using Microsoft.CodeAnalysis;
using Portico.CodeGeneration;
using Portico.CodeGeneration.Diagnostics;
using Portico.CodeGeneration.Model;
using Xunit;

namespace Portico.Tests;

/// <summary>
/// Each API Gateway rule (PRT4001-PRT4399) triggered by a small document. '§' marks where the diagnostic must point
/// (the offending key, or a sequence item); it is removed before the document is read.
/// </summary>
public sealed class GatewayRuleTests
{
    public const char Mark = '§';

    /// <summary>The document without its mark, and the mark's 1-based line and column.</summary>
    public static (string Text, int Line, int Column) Unmark(string marked)
    {
        int at = marked.IndexOf(Mark);
        Assert.True(at >= 0, "the document has no mark");
        string before = marked.Substring(0, at);
        int line = before.Count(c => c == '\n') + 1;
        int column = at - (before.LastIndexOf('\n') + 1) + 1;
        return (marked.Remove(at, 1), line, column);
    }

    public static IReadOnlyList<DiagnosticInfo> Parse(string text, string? apiType = null, string? endpointType = null, string path = "/specs/api.yaml")
        => PorticoEngine.Parse(new SpecInput(path, text, new GeneratorOptions { ApiType = apiType, EndpointType = endpointType })).Diagnostics.ToList();

    private const string Integration = """
        openapi: 3.0.3
        info: { title: T, version: '1' }
        paths:
          /items:
            get:
              operationId: listItems
              responses:
                '200': { description: ok }
              x-amazon-apigateway-integration:
        """;

    public static TheoryData<string, Severity, string?, string> Cases => new()
    {
        { "PRT4001", Severity.Error, null, Integration + """

                  §type: lambda
                  uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations
          """ },
        { "PRT4002", Severity.Warning, "http", Integration + """

                  §type: mock
                  payloadFormatVersion: '1.0'
          """ },
        { "PRT4003", Severity.Error, null, Integration + """

                  type: aws_proxy
                  §httpMethod: GET
                  uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations
          """ },
        { "PRT4004", Severity.Error, null, Integration + """

                  type: aws_proxy
                  httpMethod: POST
                  §uri: arn:aws:lambda:us-east-1:123456789012:function:f
          """ },
        { "PRT4005", Severity.Error, null, Integration + """

                  type: http_proxy
                  httpMethod: GET
                  §uri: example.com/items
          """ },
        { "PRT4006", Severity.Error, "http", Integration + """

                  type: http_proxy
                  httpMethod: GET
                  uri: https://example.com/items
                  payloadFormatVersion: '1.0'
                  §timeoutInMillis: 45000
          """ },
        { "PRT4007", Severity.Warning, null, Integration + """

                  type: http_proxy
                  httpMethod: GET
                  uri: https://example.com/items
                  §timeoutInMillis: '60000'
          """ },
        { "PRT4008", Severity.Error, null, """
          openapi: 3.0.3
          info: { title: T, version: '1' }
          x-amazon-apigateway-request-validators:
            body: { validateRequestBody: true, validateRequestParameters: false }
          paths:
            /items:
              get:
                §x-amazon-apigateway-request-validator: params
                responses:
                  '200': { description: ok }
                x-amazon-apigateway-integration: { type: mock }
          """ },
        { "PRT4009", Severity.Warning, null, Integration + """

                  type: mock
                security:
                  - §ghost: []
          """ },
        { "PRT4010", Severity.Error, null, Integration + """

                  type: mock
                security:
                  - tokenAuth: []
          components:
            securitySchemes:
              tokenAuth:
                type: apiKey
                name: Authorization
                in: header
                x-amazon-apigateway-authorizer:
                  type: token
                  authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations
                  §identitySource: Authorization
          """ },
        { "PRT4011", Severity.Error, null, Integration + """

                  type: mock
          components:
            securitySchemes:
              tokenAuth:
                type: apiKey
                name: Authorization
                in: header
                x-amazon-apigateway-authorizer:
                  type: token
                  authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations
                  §authorizerResultTtlInSeconds: 7200
          """ },
        { "PRT4012", Severity.Warning, null, Integration + """

                  type: mock
          components:
            securitySchemes:
              bearer:
                §type: http
                scheme: bearer
          """ },
        { "PRT4013", Severity.Warning, null, """
          openapi: 3.0.3
          info: { title: T, version: '1' }
          §security:
            - key: []
          paths:
            /items:
              get:
                responses:
                  '200': { description: ok }
                x-amazon-apigateway-integration: { type: mock }
          components:
            securitySchemes:
              key: { type: apiKey, name: x-api-key, in: header }
          """ },
        { "PRT4014", Severity.Error, null, Integration + """

                  type: mock
          components:
            securitySchemes:
              auth:
                type: apiKey
                name: Authorization
                in: header
                x-amazon-apigateway-authorizer:
                  §type: jwt
                  jwtConfiguration: { issuer: 'https://issuer.example.com', audience: [ a ] }
          """ },
        { "PRT4015", Severity.Error, null, Integration + """

                  type: mock
          components:
            securitySchemes:
              auth:
                type: apiKey
                name: Authorization
                in: header
                §x-amazon-apigateway-authorizer:
                  type: token
                  identitySource: method.request.header.Authorization
          """ },
        { "PRT4016", Severity.Error, "http", """
          §swagger: '2.0'
          info: { title: T, version: '1' }
          paths:
            /items:
              get:
                responses:
                  '200': { description: ok }
                x-amazon-apigateway-integration: { type: http_proxy, httpMethod: GET, uri: 'https://example.com', payloadFormatVersion: '1.0' }
          """ },
        { "PRT4017", Severity.Warning, null, """
          §openapi: 3.1.0
          info: { title: T, version: '1' }
          paths:
            /items:
              get:
                responses:
                  '200': { description: ok }
                x-amazon-apigateway-integration: { type: mock }
          """ },
        { "PRT4018", Severity.Error, "http", """
          openapi: 3.0.3
          info: { title: T, version: '1' }
          paths:
            /items:
              get:
                responses:
                  '200': { description: ok }
                §security:
                  - iam: []
                  - jwt: []
                x-amazon-apigateway-integration: { type: http_proxy, httpMethod: GET, uri: 'https://example.com', payloadFormatVersion: '1.0' }
          components:
            securitySchemes:
              iam: { type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4 }
              jwt:
                type: oauth2
                flows: {}
                x-amazon-apigateway-authorizer:
                  type: jwt
                  identitySource: $request.header.Authorization
                  jwtConfiguration: { issuer: 'https://issuer.example.com', audience: [ a ] }
          """ },
        { "PRT4019", Severity.Error, null, """
          openapi: 3.0.3
          info: { title: T, version: '1' }
          paths:
            §/items{id}:
              get:
                parameters: [ { name: id, in: path, required: true, schema: { type: string } } ]
                responses:
                  '200': { description: ok }
                x-amazon-apigateway-integration: { type: mock }
          """ },
        { "PRT4020", Severity.Error, null, Integration + """

                  type: mock
          components:
            schemas:
              §Pet_Input: { type: object }
          """ },
        { "PRT4021", Severity.Error, null, Integration + """

                  type: http_proxy
                  httpMethod: GET
                  §uri: 'https://${stageVariables.my-host}/items'
          """ },
        { "PRT4022", Severity.Error, null, Integration + """

                  type: http_proxy
                  §httpMethod: '${stageVariables.verb}'
                  uri: 'https://example.com/items'
          """ },
        { "PRT4023", Severity.Error, "http", """
          openapi: 3.0.3
          info: { title: T, version: '1' }
          servers:
            - url: https://api.example.com
              x-amazon-apigateway-endpoint-configuration:
                §vpcEndpointIds: [ vpce-0123456789abcdef0 ]
          paths:
            /items:
              get:
                responses:
                  '200': { description: ok }
                x-amazon-apigateway-integration: { type: http_proxy, httpMethod: GET, uri: 'https://example.com', payloadFormatVersion: '1.0' }
          """ },
        { "PRT4024", Severity.Warning, null, """
          openapi: 3.0.3
          info: { title: T, version: '1' }
          servers:
            - url: https://api.example.com
              x-amazon-apigateway-endpoint-configuration:
                §vpcEndpointIds: [ vpce-0123456789abcdef0 ]
          paths:
            /items:
              get:
                responses:
                  '200': { description: ok }
                x-amazon-apigateway-integration: { type: mock }
          """ },
        { "PRT4025", Severity.Error, null, """
          openapi: 3.0.3
          info: { title: T, version: '1' }
          §x-amazon-apigateway-api-key-source: QUERY
          paths:
            /items:
              get:
                responses:
                  '200': { description: ok }
                x-amazon-apigateway-integration: { type: mock }
          """ },
        { "PRT4026", Severity.Error, null, """
          openapi: 3.0.3
          info: { title: T, version: '1' }
          x-amazon-apigateway-binary-media-types:
            - image/png
            - §image
          paths:
            /items:
              get:
                responses:
                  '200': { description: ok }
                x-amazon-apigateway-integration: { type: mock }
          """ },
        { "PRT4027", Severity.Error, null, """
          openapi: 3.0.3
          info: { title: T, version: '1' }
          x-amazon-apigateway-gateway-responses:
            §NOT_A_TYPE: { statusCode: '400' }
          paths:
            /items:
              get:
                responses:
                  '200': { description: ok }
                x-amazon-apigateway-integration: { type: mock }
          """ },
        { "PRT4028", Severity.Error, null, """
          openapi: 3.0.3
          info: { title: T, version: '1' }
          x-amazon-apigateway-gateway-responses:
            DEFAULT_4XX:
              §statusCode: 99
          paths:
            /items:
              get:
                responses:
                  '200': { description: ok }
                x-amazon-apigateway-integration: { type: mock }
          """ },
        { "PRT4029", Severity.Warning, null, """
          openapi: 3.0.3
          info: { title: T, version: '1' }
          §x-amazon-apigateway-cors: { allowOrigins: [ '*' ] }
          paths:
            /items:
              get:
                responses:
                  '200': { description: ok }
                x-amazon-apigateway-integration: { type: mock, requestTemplates: { application/json: '{"statusCode": 200}' } }
          """ },
        { "PRT4030", Severity.Warning, null, Integration + """

                  type: mock
                  §integrationResponses: { default: { statusCode: '200' } }
          """ },
        { "PRT4031", Severity.Error, null, Integration + """

                  type: aws
                  httpMethod: POST
                  uri: arn:aws:apigateway:us-east-1:sqs:action/SendMessage
                  §passthroughBehavior: sometimes
          """ },
        { "PRT4032", Severity.Error, "http", """
          openapi: 3.0.3
          info: { title: T, version: '1' }
          paths:
            /items:
              get:
                responses:
                  '200': { description: ok }
                §x-amazon-apigateway-integration:
                  type: http_proxy
                  httpMethod: GET
                  uri: https://example.com/items
          """ },
        { "PRT4033", Severity.Error, null, Integration + """

                  type: http_proxy
                  httpMethod: GET
                  uri: https://internal.example.com/items
                  §connectionType: VPC_LINK
          """ },
        { "PRT4034", Severity.Error, null, Integration + """

                  type: http_proxy
                  httpMethod: GET
                  uri: https://example.com/items
                  cacheKeyParameters:
                    - §method.request.querystring.page
          """ },
        { "PRT4035", Severity.Error, "http", Integration + """

                  type: aws_proxy
                  §integrationSubtype: SQS-SendMessage
                  credentials: arn:aws:iam::123456789012:role/api
                  payloadFormatVersion: '1.0'
          """ },
        { "PRT4036", Severity.Error, null, Integration + """

                  type: aws
                  httpMethod: POST
                  uri: arn:aws:apigateway:us-east-1:sqs:action/SendMessage
                  §responseTransferMode: STREAM
          """ },
        { "PRT4037", Severity.Error, "http", Integration + """

                  §$ref: '#/components/x-amazon-apigateway-integrations/missing'
          """ },
        { "PRT4038", Severity.Warning, null, Integration + """

                  type: mock
                  responses:
                    default:
                      §statusCode: '201'
          """ },
        { "PRT4039", Severity.Warning, null, """
          openapi: 3.0.3
          info: { title: T, version: '1' }
          paths:
            /items:
              get:
                responses:
                  '200': { description: ok }
                x-amazon-apigateway-integration: { type: mock }
              §post:
                responses:
                  '200': { description: ok }
          """ },
        { "PRT4040", Severity.Error, null, """
          openapi: 3.0.3
          info: { title: T, version: '1' }
          §x-amazon-apigateway-policy: 'Allow everyone'
          paths:
            /items:
              get:
                responses:
                  '200': { description: ok }
                x-amazon-apigateway-integration: { type: mock }
          """ },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule_reports_at_the_offending_key(string id, Severity severity, string? apiType, string marked)
    {
        var (text, line, column) = Unmark(marked);
        var diagnostics = Parse(text, apiType);
        Assert.DoesNotContain(diagnostics, d => d.Id == "PRT9001");
        var matching = diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, $"expected one {id}, got: " + string.Join(" | ", diagnostics));
        var d = matching[0];
        Assert.Equal(severity, d.Severity);
        Assert.Equal("Portico.ApiGateway", d.Descriptor.Category);
        Assert.Equal("/specs/api.yaml", d.Location.Path);
        Assert.Equal((line, column), (d.Location.Line, d.Location.Column));
        Assert.False(string.IsNullOrWhiteSpace(d.Message));
    }

    [Fact]
    public void Every_gateway_rule_has_a_case()
    {
        var covered = Cases.Select(row => (string)row[0]).ToHashSet();
        var ids = DiagnosticCatalog.All.Where(d => d.Category == "Portico.ApiGateway").Select(d => d.Id).ToList();
        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.True(covered.Contains(id) || id == "PRT4041", id + " has no case"));
    }
}
