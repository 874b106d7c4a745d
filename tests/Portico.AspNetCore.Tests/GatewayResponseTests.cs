using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Portico.AspNetCore.Tests.Gateway;
using Portico.AspNetCore.Tests.Infrastructure;

namespace Portico.AspNetCore.Tests;

/// <summary>
/// The API Gateway answers, byte for byte, for each validator kind of the description (parameters only by default,
/// all, body only, nothing), and the requests that reach the endpoints. Run once with the middleware and once with
/// the route group convention.
/// </summary>
public abstract class GatewayResponseTests : IAsyncLifetime
{
    private const string MissingQ1 = "{\"message\": \"Missing required request parameters: [q1]\"}";
    private const string InvalidBody = "{\"message\": \"Invalid request body\"}";
    private const string ValidItem = "{\"name\":\"lamp\",\"price\":12.5,\"tags\":[\"red\"],\"dimensions\":{\"width\":3}}";

    protected ValidatingServer Server { get; private set; } = null!;

    protected abstract Task<ValidatingServer> StartAsync();

    public async Task InitializeAsync() => Server = await StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    private static HttpRequestMessage Request(HttpMethod method, string target, string? body = null, string? contentType = "application/json", params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, target);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    private async Task AssertRejectedAsync(HttpRequestMessage request, string expectedBody)
    {
        using var response = await Server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(expectedBody, await response.Content.ReadAsStringAsync());
        Assert.Empty(Server.Hits);
    }

    private async Task<string> AssertReachedAsync(HttpRequestMessage request, string operation, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var response = await Server.Client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        var hit = Assert.Single(Server.Hits);
        Assert.Equal(operation, hit.Operation);
        return hit.Body;
    }

    [Fact]
    public Task Default_validator_checks_parameters_missing_query_is_rejected()
        => AssertRejectedAsync(Request(HttpMethod.Get, "items"), MissingQ1);

    [Fact]
    public Task Empty_required_query_value_is_rejected()
        => AssertRejectedAsync(Request(HttpMethod.Get, "items?q1="), MissingQ1);

    [Fact]
    public Task Parameter_schemas_are_not_checked_as_API_Gateway_does_not()
        => AssertReachedAsync(Request(HttpMethod.Get, "items?q1=a&limit=999"), "listItems");

    [Fact]
    public Task All_missing_parameters_are_listed_in_declaration_order_before_the_body_is_looked_at()
        => AssertRejectedAsync(Request(HttpMethod.Post, "items", "{not json"), "{\"message\": \"Missing required request parameters: [h1, q1]\"}");

    [Fact]
    public Task Empty_required_header_is_rejected()
        => AssertRejectedAsync(Request(HttpMethod.Post, "items?q1=x", ValidItem, headers: ("h1", "")), "{\"message\": \"Missing required request parameters: [h1]\"}");

    [Fact]
    public Task Body_breaking_the_schema_is_rejected()
        => AssertRejectedAsync(Request(HttpMethod.Post, "items?q1=x", "{\"name\":\"\",\"price\":-1}", headers: ("h1", "v")), InvalidBody);

    [Fact]
    public Task Nested_body_error_is_rejected()
        => AssertRejectedAsync(Request(HttpMethod.Post, "items?q1=x", "{\"name\":\"a\",\"price\":1,\"dimensions\":{\"width\":0}}", headers: ("h1", "v")), InvalidBody);

    [Fact]
    public Task Malformed_json_is_rejected()
        => AssertRejectedAsync(Request(HttpMethod.Post, "items?q1=x", "{\"name\":", headers: ("h1", "v")), InvalidBody);

    [Fact]
    public Task Empty_required_body_is_rejected()
        => AssertRejectedAsync(Request(HttpMethod.Post, "items?q1=x", "", headers: ("h1", "v")), InvalidBody);

    [Fact]
    public async Task Valid_request_reaches_the_endpoint_with_its_body_intact()
    {
        string body = await AssertReachedAsync(Request(HttpMethod.Post, "items?q1=x", ValidItem, headers: ("h1", "v")), "createItem", HttpStatusCode.Created);
        Assert.Equal(ValidItem, body);
    }

    [Fact]
    public Task Content_type_parameters_are_ignored_when_choosing_the_model()
        => AssertRejectedAsync(Request(HttpMethod.Post, "items?q1=x", "{\"price\":1}", "application/json; charset=utf-8", ("h1", "v")), InvalidBody);

    [Fact]
    public Task Request_without_content_type_is_validated_as_application_json()
        => AssertRejectedAsync(Request(HttpMethod.Post, "items?q1=x", "{\"price\":1}", contentType: null, ("h1", "v")), InvalidBody);

    [Fact]
    public async Task Content_type_without_a_model_is_not_validated()
    {
        string body = await AssertReachedAsync(Request(HttpMethod.Post, "items?q1=x", "anything at all", "text/plain", ("h1", "v")), "createItem", HttpStatusCode.Created);
        Assert.Equal("anything at all", body);
    }

    [Fact]
    public Task Body_only_validator_ignores_missing_parameters()
        => AssertReachedAsync(Request(HttpMethod.Put, "items/7", ValidItem), "replaceItem");

    [Fact]
    public Task Body_only_validator_rejects_an_invalid_body()
        => AssertRejectedAsync(Request(HttpMethod.Put, "items/7?mode=x", "{\"name\":\"a\",\"price\":1,\"colour\":\"red\"}"), InvalidBody);

    [Fact]
    public Task Validator_with_nothing_to_check_lets_everything_through()
        => AssertReachedAsync(Request(HttpMethod.Delete, "items/7"), "deleteItem");

    [Fact]
    public Task Literal_path_is_preferred_over_a_path_parameter()
        => AssertRejectedAsync(Request(HttpMethod.Get, "items/special"), "{\"message\": \"Missing required request parameters: [h2]\"}");

    [Fact]
    public Task Greedy_path_parameter_matches_several_segments()
        => AssertRejectedAsync(Request(HttpMethod.Get, "files/a/b/c.txt"), "{\"message\": \"Missing required request parameters: [X-Tenant]\"}");

    [Fact]
    public Task Greedy_path_with_required_header_reaches_the_endpoint()
        => AssertReachedAsync(Request(HttpMethod.Get, "files/a/b/c.txt", headers: ("X-Tenant", "t1")), "getFile");

    [Fact]
    public async Task Paths_outside_the_description_are_not_touched()
    {
        using var response = await Server.Client.GetAsync("health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("up", await response.Content.ReadAsStringAsync());
    }
}

public sealed class GatewayResponsesThroughMiddleware : GatewayResponseTests
{
    protected override Task<ValidatingServer> StartAsync() => ValidatingServer.StartAsync(app =>
    {
        app.UsePorticoValidation(GatewayClientValidation.Operations);
        return app;
    });
}

public sealed class GatewayResponsesThroughRouteGroup : GatewayResponseTests
{
    protected override Task<ValidatingServer> StartAsync() => ValidatingServer.StartAsync(app =>
    {
        var group = app.MapGroup("/");
        group.AddPorticoValidation(GatewayClientValidation.Operations);
        return group;
    });
}
