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
        { "PRT4042", Severity.Warning, null, Integration + """

                  type: mock
          components:
            schemas:
              Pet:
                type: object
                properties:
                  default: { type: string }
                  name:
                    type: string
                    §default: rex
          """ },
        { "PRT4043", Severity.Error, null, """
          openapi: 3.0.3
          info: { title: T, version: '1' }
          paths:
            /items:
              get:
                responses:
                  '200': { description: ok }
                  '500': { §$ref: '#/components/responses/Failure' }
                x-amazon-apigateway-integration: { type: mock }
          components:
            responses:
              Failure: { description: failed }
          """ },
        { "PRT4044", Severity.Error, null, """
          openapi: 3.0.3
          info: { title: T, version: '1' }
          paths:
            /items:
              get:
                responses:
                  '200':
                    description: ok
                    content:
                      application/json:
                        §schema: { type: string }
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

    /// <summary>Ids with a test here: a case of <see cref="Cases"/> or a method named after the id.</summary>
    public static HashSet<string> TestedIds()
    {
        var ids = Cases.Select(row => (string)row[0]).ToHashSet();
        ids.UnionWith(typeof(GatewayRuleTests).GetMethods().Select(m => m.Name).Where(n => n.StartsWith("PRT", StringComparison.Ordinal)).Select(n => n.Substring(0, 7)));
        return ids;
    }

    [Fact]
    public void PRT4045_a_misspelt_ApiType_or_EndpointType_is_reported_and_the_type_is_inferred()
    {
        const string text = """
            openapi: 3.0.3
            info: { title: T, version: '1' }
            paths:
              /items:
                get:
                  operationId: listItems
                  responses:
                    '200': { description: ok }
                  x-amazon-apigateway-integration:
                    type: http_proxy
                    httpMethod: GET
                    uri: https://example.com/items
                    payloadFormatVersion: '2.0'
            """;
        var run = GeneratorHarness.Run("/project/api.yaml", text, new Dictionary<string, string> { ["ApiType"] = "htpp", ["EndpointType"] = "EDGEE" });
        var found = run.GeneratorDiagnostics.Where(d => d.Id == "PRT4045").ToList();
        Assert.Equal(2, found.Count);
        Assert.All(found, d =>
        {
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
            var span = d.Location.GetLineSpan();
            Assert.Equal(("/project/api.yaml", 0, 0), (span.Path, span.StartLinePosition.Line, span.StartLinePosition.Character));
        });
        Assert.Contains(found, d => d.GetMessage().Contains("ApiType is 'htpp'") && d.GetMessage().Contains("HTTP API its extensions suggest"));
        Assert.Contains(found, d => d.GetMessage().Contains("EndpointType is 'EDGEE'") && d.GetMessage().Contains("ignored"));
        // Inferred from payloadFormatVersion 2.0, as without the metadata; the output still compiles.
        Assert.Contains("GatewayApiType.Http", run.Source("ClientGateway.g.cs"));
        Assert.Empty(run.CompileProblems());

        var spelled = GeneratorHarness.Run("/project/api.yaml", text, new Dictionary<string, string> { ["ApiType"] = "HTTP", ["EndpointType"] = "regional" });
        Assert.DoesNotContain(spelled.GeneratorDiagnostics, d => d.Id == "PRT4045");
    }

    [Fact]
    public void Every_gateway_rule_has_a_case()
    {
        var covered = TestedIds();
        var ids = DiagnosticCatalog.All.Where(d => d.Category == "Portico.ApiGateway").Select(d => d.Id).ToList();
        Assert.Equal(45, ids.Count);
        Assert.All(ids, id => Assert.True(covered.Contains(id), id + " has no case"));
    }

    private const string Minimal = """
        openapi: 3.0.3
        info: { title: T, version: '1' }
        paths:
          /items:
            get:
              responses:
                '200': { description: ok }
              x-amazon-apigateway-integration: { type: mock }
        """;

    [Theory]
    [InlineData(null, "arn:aws:acm:eu-west-1:123456789012:certificate/abc", null, "us-east-1")]
    [InlineData("REGIONAL", "arn:aws:acm:us-east-1:123456789012:certificate/abc", "eu-west-1", "eu-west-1")]
    public void PRT4041_custom_domain_certificate_in_the_wrong_region(string? endpointType, string certificate, string? region, string expectedRegion)
    {
        var input = new SpecInput("/specs/api.yaml", Minimal, new GeneratorOptions { EndpointType = endpointType, CertificateArn = certificate, Region = region });
        var d = Assert.Single(PorticoEngine.Parse(input).Diagnostics, x => x.Id == "PRT4041");
        Assert.Equal(Severity.Error, d.Severity);
        Assert.Equal(("/specs/api.yaml", 1, 1), (d.Location.Path, d.Location.Line, d.Location.Column));
        Assert.Contains(expectedRegion, d.Message);
    }

    [Theory]
    [InlineData("EDGE", "arn:aws:acm:us-east-1:123456789012:certificate/abc", null)]
    [InlineData("REGIONAL", "arn:aws:acm:eu-west-1:123456789012:certificate/abc", "eu-west-1")]
    public void PRT4041_not_reported_for_a_certificate_in_the_right_region(string endpointType, string certificate, string? region)
    {
        var input = new SpecInput("/specs/api.yaml", Minimal, new GeneratorOptions { EndpointType = endpointType, CertificateArn = certificate, Region = region });
        Assert.DoesNotContain(PorticoEngine.Parse(input).Diagnostics, x => x.Id == "PRT4041");
    }

    [Fact]
    public void Stated_endpoint_type_decides_about_vpc_endpoints()
    {
        const string doc = """
            openapi: 3.0.3
            info: { title: T, version: '1' }
            servers:
              - url: https://api.example.com
                x-amazon-apigateway-endpoint-configuration: { vpcEndpointIds: [ vpce-0123456789abcdef0 ] }
            x-amazon-apigateway-policy: { Version: '2012-10-17', Statement: [ { Effect: Allow, Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' } ] }
            paths:
              /items:
                get:
                  responses:
                    '200': { description: ok }
                  x-amazon-apigateway-integration: { type: mock }
            """;
        Assert.Contains(Parse(doc, endpointType: "REGIONAL"), d => d.Id == "PRT4023");
        var asPrivate = Parse(doc, endpointType: "PRIVATE");
        Assert.DoesNotContain(asPrivate, d => d.Id is "PRT4023" or "PRT4024");
    }

    [Fact]
    public void CloudFormation_intrinsics_and_strings_for_numbers_are_accepted()
    {
        const string doc = """
            openapi: 3.0.3
            info: { title: T, version: '1' }
            paths:
              /items:
                post:
                  responses:
                    '200': { description: ok }
                  x-amazon-apigateway-integration:
                    type: aws_proxy
                    httpMethod: POST
                    uri: { 'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations' }
                    credentials: { 'Fn::GetAtt': [ Role, Arn ] }
                    timeoutInMillis: '5000'
              /other:
                get:
                  responses:
                    '200': { description: ok }
                  x-amazon-apigateway-integration:
                    type: aws_proxy
                    httpMethod: POST
                    uri: 'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${stageVariables.fn}/invocations'
            """;
        var diagnostics = Parse(doc);
        Assert.DoesNotContain(diagnostics, d => d.Id.StartsWith("PRT4", StringComparison.Ordinal) || d.Id == "PRT9001");
    }

    [Fact]
    public void Documents_without_extensions_are_not_checked_unless_an_api_type_is_stated()
    {
        const string doc = """
            openapi: 3.0.3
            info: { title: T, version: '1' }
            paths:
              /items{id}:
                get:
                  parameters: [ { name: id, in: path, required: true, schema: { type: string } } ]
                  responses:
                    '200': { description: ok }
            """;
        Assert.DoesNotContain(Parse(doc), d => d.Id.StartsWith("PRT4", StringComparison.Ordinal));
        Assert.Contains(Parse(doc, apiType: "rest"), d => d.Id == "PRT4019");
    }

    /// <summary>
    /// The mistakes ../shared/specs/aws/SOURCES.md lists, each with the rule that must report it. None of them is
    /// an import error: API Gateway ignores these keys, so they are warnings.
    /// </summary>
    private static readonly Dictionary<string, (string Id, string Reason)[]> s_knownMistakes = new()
    {
        ["rest-sqs-sendmessage-vtl.swagger20.yaml"] = [("PRT4030", "the integration uses 'integrationResponses', which API Gateway does not know (it reads 'responses')")],
        ["rest-kinesis-putrecord-vtl.oas30.yaml"] = [("PRT4029", "a REST API carrying the HTTP-API-only x-amazon-apigateway-cors and importexport-version")],
        ["rest-lambda-authorizer-custom-authtype.oas30.json"] = [("PRT4029", "a REST API carrying the HTTP-API-only x-amazon-apigateway-importexport-version (guide example)")],
        ["rest-request-validators-params-and-body.swagger20.json"] =
        [
            ("PRT4009", "operations require the scheme 'api_key', which the document never defines"),
            ("PRT4038", "integration responses map to status 400, which the operations' responses do not declare"),
        ],
        ["rest-authorizers-cognito-token-request.sam-generated.oas30.json"] = [("PRT4009", "SAM writes the pseudo-scheme 'NONE' in security without defining it")],
    };

    public static TheoryData<string> AwsDocuments()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(Path.Combine(Paths.Specs, "aws")).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(f));
        }
        return data;
    }

    [Fact]
    public void The_aws_corpus_has_thirty_documents()
        => Assert.Equal(30, Directory.EnumerateFiles(Path.Combine(Paths.Specs, "aws")).Count(f => !f.EndsWith(".md", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(AwsDocuments))]
    public void Aws_corpus_document_has_no_gateway_error_and_its_known_mistakes_are_reported(string file)
    {
        string path = Path.Combine(Paths.Specs, "aws", file);
        string text = File.ReadAllText(path);
        var diagnostics = PorticoEngine.Parse(new SpecInput(path, text, new GeneratorOptions())).Diagnostics;
        Assert.DoesNotContain(diagnostics, d => d.Id == "PRT9001");
        var errors = diagnostics.Where(d => d.Id.StartsWith("PRT4", StringComparison.Ordinal) && d.Severity == Severity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var gatewayIds = diagnostics.Where(d => d.Id.StartsWith("PRT4", StringComparison.Ordinal)).Select(d => d.Id).ToHashSet();
        var expected = s_knownMistakes.TryGetValue(file, out var mistakes) ? mistakes : [];
        foreach (var (id, reason) in expected) Assert.True(gatewayIds.Contains(id), $"{file}: expected {id} because {reason}");
        Assert.True(gatewayIds.SetEquals(expected.Select(m => m.Id)), file + " reports unlisted rules: " + string.Join(" | ", diagnostics.Where(d => d.Id.StartsWith("PRT4", StringComparison.Ordinal))));

        // The file name says which product the document is for; the reader must infer the same.
        var api = Portico.CodeGeneration.Gateway.GatewayReader.Read(text, null, null);
        Assert.NotNull(api);
        Assert.True(api!.UsesExtensions);
        var expectedType = file.StartsWith("http-", StringComparison.Ordinal) ? Portico.CodeGeneration.Gateway.GatewayApiType.Http : Portico.CodeGeneration.Gateway.GatewayApiType.Rest;
        Assert.Equal(expectedType, api.ApiType);
    }

    [Fact]
    public void Real_corpus_documents_raise_no_gateway_diagnostic()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Paths.Specs, "real"), "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .ToList();
        Assert.True(files.Count >= 41, "found " + files.Count);
        foreach (var f in files)
        {
            string text = File.ReadAllText(f);
            // The engine reads the extensions only when a document mentions them; check them directly either way.
            if (!Portico.CodeGeneration.Gateway.GatewayReader.Mentions(text)) continue;
            var api = Portico.CodeGeneration.Gateway.GatewayReader.Read(text, null, null);
            if (api is null) continue;
            var errors = Portico.CodeGeneration.Gateway.GatewayRules.Check(api).Where(p => p.Descriptor.Severity == Severity.Error).ToList();
            Assert.True(errors.Count == 0, f + ": " + string.Join(" | ", errors.Select(e => e.Descriptor.Id + " " + e.Descriptor.Format(new EquatableArray<string>(e.Args)))));
        }
    }
}
