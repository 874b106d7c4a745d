using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Portico.IntegrationTests.Shop;

namespace Portico.IntegrationTests;

public sealed class ResponseTests
{
    private static readonly Guid OrderId = Guid.Parse("5a8e3c1e-7f0b-4d8e-9c61-2b7f7f1c0a11");

    [Fact]
    public async Task ApiResponse_exposes_status_response_headers_and_content_headers()
    {
        await using var server = await RecordingServer.StartAsync(app => app.MapPost("/orders", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            string json = await reader.ReadToEndAsync();
            context.Response.Headers.Location = "/orders/" + OrderId;
            context.Response.Headers["X-Request-Id"] = "r-1";
            context.Response.Headers.Append("X-Multi", new Microsoft.Extensions.Primitives.StringValues(["a", "b"]));
            return Results.Text(json, "application/json", statusCode: 201);
        }));
        using var http = server.CreateHttpClient();
        var client = new ShopClient(http);

        ApiResponse<Order> response = await client.Orders.CreateOrderWithResponseAsync(BodyTests.SampleOrder());

        Assert.Equal(201, response.StatusCode);
        Assert.Equal("/orders/" + OrderId, Assert.Single(response.Headers["location"]));
        Assert.Equal("r-1", Assert.Single(response.Headers["X-REQUEST-ID"]));
        Assert.Equal(new[] { "a", "b" }, response.Headers["X-Multi"].ToArray());
        Assert.StartsWith("application/json", Assert.Single(response.Headers["Content-Type"]));
        Assert.Equal(OrderId, response.Value.Id);
        Assert.Equal("application/json", server.Single.Header("Accept"));
    }

    [Fact]
    public async Task No_content_response_completes_and_reports_204()
    {
        await using var server = await RecordingServer.StartAsync(app => app.MapDelete("/orders/{id}", (Guid id) => Results.NoContent()));
        using var http = server.CreateHttpClient();
        var client = new ShopClient(http);

        await client.Orders.DeleteOrderAsync(OrderId);
        var response = await client.Orders.DeleteOrderWithResponseAsync(OrderId);

        Assert.Equal(204, response.StatusCode);
        Assert.All(server.Requests, r => Assert.Equal("DELETE", r.Method));
        Assert.Equal("/orders/" + OrderId, server.Requests[1].RawTarget);
    }

    [Fact]
    public async Task Declared_error_body_becomes_a_typed_ApiException()
    {
        await using var server = await RecordingServer.StartAsync(app => app.MapGet("/orders/{id}", (Guid id) =>
            Results.Text("{\"title\":\"No such order\",\"status\":404,\"detail\":\"" + id + "\"}", "application/problem+json", statusCode: 404)));
        using var http = server.CreateHttpClient();
        var client = new ShopClient(http);

        var ex = await Assert.ThrowsAsync<ApiException<Problem>>(() => client.Orders.GetOrderAsync(OrderId));

        Assert.Equal(404, ex.StatusCode);
        Assert.Equal("No such order", ex.Error.Title);
        Assert.Equal(OrderId.ToString(), ex.Error.Detail);
        Assert.Contains("\"No such order\"", ex.Content);
        Assert.StartsWith("application/problem+json", Assert.Single(ex.Headers["Content-Type"]));
        Assert.Contains("404", ex.Message);
        Assert.Contains("/orders/" + OrderId, ex.Message);
    }

    [Fact]
    public async Task Error_body_that_does_not_match_the_declared_schema_still_gives_ApiException_with_content()
    {
        await using var server = await RecordingServer.StartAsync(app => app.MapGet("/orders/{id}", (Guid id) =>
            Results.Text("upstream timed out", "text/plain", statusCode: 404)));
        using var http = server.CreateHttpClient();
        var client = new ShopClient(http);

        var ex = await Assert.ThrowsAsync<ApiException>(() => client.Orders.GetOrderAsync(OrderId));

        Assert.Equal(404, ex.StatusCode);
        Assert.Equal("upstream timed out", ex.Content);
    }

    [Fact]
    public async Task Undeclared_error_status_throws_ApiException_with_raw_content_and_headers()
    {
        await using var server = await RecordingServer.StartAsync(app => app.MapGet("/results/untyped-error", (HttpContext context) =>
        {
            context.Response.Headers.RetryAfter = "30";
            return Results.Text("try later", "text/plain", statusCode: 503);
        }));
        using var http = server.CreateHttpClient();
        var client = new ShopClient(http);

        var ex = await Assert.ThrowsAsync<ApiException>(() => client.Results.UntypedErrorAsync());

        Assert.IsType<ApiException>(ex);
        Assert.Equal(503, ex.StatusCode);
        Assert.Equal("try later", ex.Content);
        Assert.Equal("30", Assert.Single(ex.Headers["Retry-After"]));
    }

    [Fact]
    public async Task Success_body_missing_a_required_property_fails_loudly()
    {
        await using var server = await RecordingServer.StartAsync(app => app.MapGet("/orders/{id}", (Guid id) =>
            Results.Text("{\"id\":\"" + id + "\",\"items\":[],\"status\":\"placed\",\"note\":null}", "application/json")));
        using var http = server.CreateHttpClient();
        var client = new ShopClient(http);

        var ex = await Assert.ThrowsAsync<JsonException>(() => client.Orders.GetOrderAsync(OrderId));
        Assert.Contains("customer", ex.Message);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(203)]
    public async Task Default_only_response_is_the_success_value_for_2xx(int status)
    {
        await using var server = await RecordingServer.StartAsync(app => app.MapGet("/results/default-only", () =>
            Results.Text("{\"title\":\"fine\"}", "application/json", statusCode: status)));
        using var http = server.CreateHttpClient();
        var client = new ShopClient(http);

        var response = await client.Results.DefaultOnlyWithResponseAsync();

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("fine", response.Value.Title);
    }

    [Fact]
    public async Task Default_only_response_types_the_error_of_other_statuses()
    {
        await using var server = await RecordingServer.StartAsync(app => app.MapGet("/results/default-only", () =>
            Results.Text("{\"title\":\"broken\"}", "application/json", statusCode: 500)));
        using var http = server.CreateHttpClient();
        var client = new ShopClient(http);

        var ex = await Assert.ThrowsAsync<ApiException<Problem>>(() => client.Results.DefaultOnlyAsync());
        Assert.Equal("broken", ex.Error.Title);
        Assert.Equal(500, ex.StatusCode);
    }

    [Fact]
    public async Task Default_next_to_success_describes_the_errors()
    {
        int status = 200;
        await using var server = await RecordingServer.StartAsync(app => app.MapGet("/results/with-default", () => status == 200
            ? Results.Text("{\"city\":\"Oslo\"}", "application/json")
            : Results.Text("{\"title\":\"teapot\"}", "application/json", statusCode: status)));
        using var http = server.CreateHttpClient();
        var client = new ShopClient(http);

        Assert.Equal("Oslo", (await client.Results.WithDefaultAsync()).City);
        status = 418;
        var ex = await Assert.ThrowsAsync<ApiException<Problem>>(() => client.Results.WithDefaultAsync());
        Assert.Equal(418, ex.StatusCode);
        Assert.Equal("teapot", ex.Error.Title);
    }

    [Fact]
    public async Task Status_ranges_match_any_code_in_the_range()
    {
        int status = 202;
        await using var server = await RecordingServer.StartAsync(app => app.MapPost("/results/range", () => status < 300
            ? Results.Text("{\"received\":7}", "application/json", statusCode: status)
            : Results.Text("{\"title\":\"conflict\"}", "application/json", statusCode: status)));
        using var http = server.CreateHttpClient();
        var client = new ShopClient(http);

        var accepted = await client.Results.RangeResultWithResponseAsync();
        Assert.Equal(202, accepted.StatusCode);
        Assert.Equal(7, accepted.Value.Received);

        status = 409;
        var ex = await Assert.ThrowsAsync<ApiException<Problem>>(() => client.Results.RangeResultAsync());
        Assert.Equal("conflict", ex.Error.Title);

        status = 500;
        var server500 = await Assert.ThrowsAsync<ApiException>(() => client.Results.RangeResultAsync());
        Assert.IsType<ApiException>(server500);
        Assert.Equal(500, server500.StatusCode);
    }

    [Fact]
    public async Task Body_or_no_content_gives_value_or_null()
    {
        bool empty = false;
        await using var server = await RecordingServer.StartAsync(app => app.MapGet("/results/maybe", () => empty
            ? Results.NoContent()
            : Results.Text("{\"city\":\"Bergen\"}", "application/json")));
        using var http = server.CreateHttpClient();
        var client = new ShopClient(http);

        Assert.Equal("Bergen", (await client.Results.MaybeAsync())!.City);
        empty = true;
        var response = await client.Results.MaybeWithResponseAsync();
        Assert.Equal(204, response.StatusCode);
        Assert.Null(response.Value);
    }

    [Fact]
    public async Task Binary_response_is_a_stream_of_the_exact_bytes()
    {
        byte[] data = Enumerable.Range(0, 300_000).Select(i => (byte)(i % 251)).ToArray();
        await using var server = await RecordingServer.StartAsync(app => app.MapGet("/blobs/{name}", (string name) =>
            Results.Bytes(data, "application/octet-stream")));
        using var http = server.CreateHttpClient();
        var client = new ShopClient(http);

        await using (var stream = await client.Payloads.GetBlobAsync("x"))
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.Equal(data, copy.ToArray());
        }
        var response = await client.Payloads.GetBlobWithResponseAsync("x");
        await using (response.Value)
        {
            Assert.Equal(200, response.StatusCode);
            Assert.Equal("application/octet-stream", Assert.Single(response.Headers["Content-Type"]));
            Assert.Equal(data[0..10], ReadSome(response.Value, 10));
        }
        Assert.Equal("application/octet-stream", server.Requests[0].Header("Accept"));
    }

    private static byte[] ReadSome(Stream s, int count)
    {
        var buffer = new byte[count];
        s.ReadExactly(buffer);
        return buffer;
    }
}
