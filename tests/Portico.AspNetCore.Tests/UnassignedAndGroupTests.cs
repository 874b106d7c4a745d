using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Portico.AspNetCore.Tests.Gateway;
using Portico.AspNetCore.Tests.Infrastructure;
using Portico.AspNetCore.Tests.Plain;
using Portico.Validation;

namespace Portico.AspNetCore.Tests;

public sealed class UnassignedAndGroupTests
{
    private static HttpRequestMessage Post(string target, string body, string contentType = "application/json")
        => new(HttpMethod.Post, target) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) { Headers = { { "Content-Type", contentType } } } };

    [Fact]
    public void Generated_operations_carry_the_gateway_validator_of_the_document()
    {
        var byId = GatewayClientValidation.Operations.ToDictionary(o => o.OperationId);
        Assert.Equal(("params-only", false, true), Flags(byId["listItems"]));
        Assert.Equal(("all", true, true), Flags(byId["createItem"]));
        Assert.Equal(("body-only", true, false), Flags(byId["replaceItem"]));
        Assert.Equal(("nothing", false, false), Flags(byId["deleteItem"]));
        Assert.All(PlainClientValidation.Operations, o => Assert.Null(o.GatewayValidator));

        static (string, bool, bool) Flags(OperationValidator o) => (o.GatewayValidator!.Name, o.GatewayValidator.ValidateRequestBody, o.GatewayValidator.ValidateRequestParameters);
    }

    [Fact]
    public async Task Operations_without_a_gateway_validator_are_not_validated()
    {
        await using var server = await ValidatingServer.StartAsync(app =>
        {
            app.UsePorticoValidation(PlainClientValidation.Operations);
            return app;
        });
        using var response = await server.Client.SendAsync(Post("notes", "{\"wrong\":true}"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("createNote", Assert.Single(server.Hits).Operation);
    }

    [Fact]
    public async Task A_validator_for_unassigned_operations_checks_them()
    {
        await using var server = await ValidatingServer.StartAsync(app =>
        {
            app.UsePorticoValidation(PlainClientValidation.Operations, o => o.UnassignedOperations = new GatewayRequestValidator("all", true, true));
            return app;
        });
        using (var response = await server.Client.SendAsync(Post("notes", "{\"wrong\":true}")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("{\"message\": \"Missing required request parameters: [q1]\"}", await response.Content.ReadAsStringAsync());
        }
        using (var response = await server.Client.SendAsync(Post("notes?q1=a", "{\"wrong\":true}")))
        {
            Assert.Equal("{\"message\": \"Invalid request body\"}", await response.Content.ReadAsStringAsync());
        }
        Assert.Empty(server.Hits);
        using (var response = await server.Client.SendAsync(Post("notes?q1=a", "{\"text\":\"hi\"}")))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        Assert.Equal("{\"text\":\"hi\"}", Assert.Single(server.Hits).Body);
    }

    [Fact]
    public async Task Group_under_a_prefix_validates_before_the_framework_binds_a_typed_body()
    {
        await using var server = await ValidatingServer.StartAsync(app => app, (app, hits) =>
        {
            var v1 = app.MapGroup("/v1").AddPorticoValidation(GatewayClientValidation.Operations, o => o.PathBase = "/v1");
            v1.MapPost("/items", (Item item) =>
            {
                hits.Enqueue(("typed", item.Name));
                return Results.Ok(item.Name);
            });
        });
        // Malformed JSON would fail the framework's binding with its own 400; the gateway's answer must come first.
        using (var response = await server.Client.SendAsync(Post("v1/items?q1=x", "{\"name\":")))
        {
            Assert.Equal("{\"message\": \"Missing required request parameters: [h1]\"}", await response.Content.ReadAsStringAsync());
        }
        var request = Post("v1/items?q1=x", "{\"name\":");
        request.Headers.Add("h1", "v");
        using (var response = await server.Client.SendAsync(request))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("{\"message\": \"Invalid request body\"}", await response.Content.ReadAsStringAsync());
        }
        Assert.Empty(server.Hits);
        var valid = Post("v1/items?q1=x", "{\"name\":\"lamp\",\"price\":2}");
        valid.Headers.Add("h1", "v");
        using (var response = await server.Client.SendAsync(valid))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Equal(("typed", "lamp"), Assert.Single(server.Hits));
        // The unprefixed endpoints are outside the group: not validated.
        using (var response = await server.Client.SendAsync(Post("items", "{}")))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    [Fact]
    public async Task Bodies_over_the_limit_are_refused_with_413()
    {
        await using var server = await ValidatingServer.StartAsync(app =>
        {
            app.UsePorticoValidation(GatewayClientValidation.Operations, o => o.MaxBodyBytes = 64);
            return app;
        });
        var request = Post("items?q1=x", "{\"name\":\"" + new string('a', 100) + "\",\"price\":1}");
        request.Headers.Add("h1", "v");
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(server.Hits);
    }
}
