using Portico.Gateway;
using Portico.IntegrationTests.Gateway;

namespace Portico.IntegrationTests;

/// <summary>The generated API Gateway metadata against what the generated client really sends to a server.</summary>
public sealed class GatewayMetadataTests
{
    private const string Key = "abcdefghijklmnopqrstuvwxyz0123456789";

    [Fact]
    public void Metadata_reflects_the_document()
    {
        Assert.Equal(GatewayApiType.Rest, OrdersClientGateway.ApiType);
        Assert.Equal(3, OrdersClientGateway.All.Count);

        var list = OrdersClientGateway.ListOrders;
        Assert.Equal(("GET", "/orders", "listOrders"), (list.Method, list.Path, list.OperationId));
        Assert.False(list.ApiKeyRequired);
        Assert.Equal(("http_proxy", "https://backend.example.com/orders", "GET", 5000), (list.Integration!.Type, list.Integration.Uri, list.Integration.HttpMethod, list.Integration.TimeoutInMillis));
        Assert.Equal(("params", false, true), (list.RequestValidator!.Name, list.RequestValidator.ValidatesBody, list.RequestValidator.ValidatesParameters));

        var create = OrdersClientGateway.CreateOrder;
        Assert.True(create.ApiKeyRequired);
        Assert.True(create.Integration!.IsLambdaProxy);
        Assert.Equal(("all", true, true), (create.RequestValidator!.Name, create.RequestValidator.ValidatesBody, create.RequestValidator.ValidatesParameters));
        Assert.Equal(GatewayAuthorizationType.None, create.AuthorizationType);

        Assert.Equal(["method.request.path.id"], OrdersClientGateway.GetOrder.Integration!.CacheKeyParameters);
        Assert.Same(OrdersClientGateway.GetOrder, OrdersClientGateway.Find("get", "/orders/{id}"));
        Assert.Same(OrdersClientGateway.CreateOrder, OrdersClientGateway.FindByOperationId("createOrder"));
        Assert.Null(OrdersClientGateway.Find("DELETE", "/orders"));
    }

    [Fact]
    public async Task Operations_the_metadata_marks_as_api_key_required_send_x_api_key_and_the_others_do_not()
    {
        await using var server = await RecordingServer.StartAsync(app =>
        {
            app.MapGet("/orders", () => Microsoft.AspNetCore.Http.Results.Json(new[] { "a" }));
            app.MapPost("/orders", () => Microsoft.AspNetCore.Http.Results.StatusCode(201));
            app.MapGet("/orders/{id}", (string id) => "order " + id);
        });
        var client = OrdersClient.Create(o =>
        {
            o.BaseAddress = server.Address;
            o.Credentials.ApiKey = Key;
        }, out var http);
        using (http)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await client.ListOrdersAsync(cts.Token);
            await client.CreateOrderAsync(new CreateOrderRequest { Item = "book" }, cts.Token);
            await client.GetOrderAsync("42", cts.Token);
        }

        var requests = server.Requests;
        Assert.Equal(3, requests.Count);
        var templates = new Dictionary<string, string> { ["/orders"] = "/orders", ["/orders/42"] = "/orders/{id}" };
        foreach (var request in requests)
        {
            var metadata = OrdersClientGateway.Find(request.Method, templates[request.RawPath]);
            Assert.NotNull(metadata);
            Assert.Equal(request.Method, metadata!.Method);
            Assert.Equal(metadata.ApiKeyRequired ? Key : null, request.Header("x-api-key"));
        }
        Assert.Equal(2, requests.Count(r => r.Header("x-api-key") == Key));
    }
}
