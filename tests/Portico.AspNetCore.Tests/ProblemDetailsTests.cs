using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Portico.AspNetCore.Tests.Gateway;
using Portico.AspNetCore.Tests.Infrastructure;

namespace Portico.AspNetCore.Tests;

/// <summary>RFC 9457 answers: every error with where it is, its keyword and a message.</summary>
public sealed class ProblemDetailsTests : IAsyncLifetime
{
    private ValidatingServer _server = null!;

    public async Task InitializeAsync() => _server = await ValidatingServer.StartAsync(app =>
    {
        app.UsePorticoValidation(GatewayClientValidation.Operations, o => o.ErrorFormat = PorticoErrorFormat.ProblemDetails);
        return app;
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<JsonElement> RejectedAsync(HttpMethod method, string target, string? body, params (string, string)[] headers)
    {
        using var request = new HttpRequestMessage(method, target);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        foreach (var (n, v) in headers) request.Headers.TryAddWithoutValidation(n, v);
        using var response = await _server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(_server.Hits);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    private static List<(string In, string? Name, string Pointer, string Keyword)> Errors(JsonElement problem)
        => problem.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("in").GetString()!, e.TryGetProperty("name", out var n) ? n.GetString() : null, e.GetProperty("pointer").GetString()!, e.GetProperty("keyword").GetString()!))
            .ToList();

    [Fact]
    public async Task Every_parameter_and_body_error_is_listed_with_pointer_and_keyword()
    {
        var problem = await RejectedAsync(HttpMethod.Post, "items", "{\"name\":\"\",\"price\":-1,\"tags\":[\"red\",\"pink\"],\"colour\":1,\"dimensions\":{\"width\":\"wide\"}}");
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal("createItem", problem.GetProperty("operationId").GetString());
        Assert.Equal("/items", problem.GetProperty("instance").GetString());
        Assert.StartsWith("Missing required request parameters: [h1, q1]", problem.GetProperty("detail").GetString());
        var errors = Errors(problem);
        Assert.Contains(("header", "h1", "", "required"), errors);
        Assert.Contains(("query", "q1", "", "required"), errors);
        Assert.Contains(("body", null, "/name", "minLength"), errors);
        Assert.Contains(("body", null, "/price", "minimum"), errors);
        Assert.Contains(("body", null, "/tags/1", "enum"), errors);
        Assert.Contains(errors, e => e.In == "body" && e.Keyword == "additionalProperties");
        Assert.Contains(("body", null, "/dimensions/width", "type"), errors);
        Assert.All(problem.GetProperty("errors").EnumerateArray(), e => Assert.False(string.IsNullOrEmpty(e.GetProperty("message").GetString())));
    }

    [Fact]
    public async Task Body_errors_alone_say_invalid_request_body()
    {
        var problem = await RejectedAsync(HttpMethod.Post, "items?q1=x", "{\"price\":1}", ("h1", "v"));
        Assert.Equal("Invalid request body", problem.GetProperty("detail").GetString());
        Assert.Equal(new[] { ("body", (string?)null, "", "required") }, Errors(problem));
    }

    [Fact]
    public async Task Malformed_json_is_one_json_error_at_the_root()
    {
        var problem = await RejectedAsync(HttpMethod.Post, "items?q1=x", "{\"name\":", ("h1", "v"));
        var error = Assert.Single(Errors(problem));
        Assert.Equal(("body", null, "", "json"), error);
    }

    [Fact]
    public async Task Empty_parameter_is_reported_as_empty()
    {
        var problem = await RejectedAsync(HttpMethod.Get, "items?q1=", null);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("required", error.GetProperty("keyword").GetString());
        Assert.Contains("empty", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Valid_request_still_reaches_the_endpoint()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "items?q1=x") { Content = new StringContent("{\"name\":\"a\",\"price\":0}", Encoding.UTF8, "application/json") };
        request.Headers.Add("h1", "v");
        using var response = await _server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("createItem", Assert.Single(_server.Hits).Operation);
    }
}
