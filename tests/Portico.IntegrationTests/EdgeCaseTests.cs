using System.Net;
using System.Text;
using Portico.IntegrationTests.Params;
using Portico.IntegrationTests.Shop;

namespace Portico.IntegrationTests;

public sealed class EdgeCaseTests
{
    [Fact]
    public async Task Unusual_parameter_names_keep_their_wire_names_and_literals_around_path_parameters_stay()
    {
        await using var server = await RecordingServer.StartAsync(app => app.MapGet("/reports/{file}", (string file) => Results.Text("a,b", "text/csv")));
        using var http = server.CreateHttpClient();
        var client = new ParamsClient(http);

        await client.Paths.ArchiveItemAsync("a/b", "k-1", id2: "q", filter: "name eq 'x'", pageSize: 10, @class: "c");
        string csv = await client.Paths.GetReportAsync(2024, GetReportFormat.Csv);

        var archive = server.Requests[0];
        Assert.Equal("POST", archive.Method);
        Assert.Equal("/items/a%2Fb:archive", archive.RawPath);
        Assert.Equal("q", archive.Query["id"].ToString());
        Assert.Equal("name eq 'x'", archive.Query["$filter"].ToString());
        Assert.Equal("10", archive.Query["page[size]"].ToString());
        Assert.Equal("c", archive.Query["class"].ToString());
        Assert.Equal("k-1", archive.Header("api-key"));
        Assert.Equal("/reports/2024.csv", server.Requests[1].RawTarget);
        Assert.Equal("text/csv", server.Requests[1].Header("Accept"));
        Assert.Equal("a,b", csv);
    }

    [Fact]
    public async Task A_query_on_the_base_address_is_kept_before_the_operation_query()
    {
        await using var server = await RecordingServer.StartAsync();
        using var http = server.CreateHttpClient("fn/?code=s3cr%2Bt");
        var client = new ParamsClient(http);

        await client.Paths.GetOwnedFileAsync(1, Guid.Empty, 7);
        await client.Query.SearchAsync();

        Assert.Equal("/fn/owners/1/files/00000000-0000-0000-0000-000000000000?code=s3cr%2Bt&version=7", server.Requests[0].RawTarget);
        Assert.Equal("/fn/search?code=s3cr%2Bt", server.Requests[1].RawTarget);
    }

    [Fact]
    public async Task Required_arguments_that_are_null_fail_before_anything_is_sent()
    {
        await using var server = await RecordingServer.StartAsync();
        using var http = server.CreateHttpClient();
        var paramsClient = new ParamsClient(http);
        var shop = new ShopClient(http);

        var path = await Assert.ThrowsAsync<ArgumentNullException>(() => paramsClient.Paths.GetFileAsync(null!));
        var header = await Assert.ThrowsAsync<ArgumentNullException>(() => paramsClient.Headers.HeadersAsync(null!));
        var body = await Assert.ThrowsAsync<ArgumentNullException>(() => shop.Orders.CreateOrderAsync(null!));

        Assert.Equal("name", path.ParamName);
        Assert.Equal("xTraceId", header.ParamName);
        Assert.Equal("body", body.ParamName);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Merge_patch_body_is_json_with_its_own_media_type()
    {
        await using var server = await RecordingServer.StartAsync(app => app.MapPatch("/orders/{id}", (Guid id) => Results.Text(
            "{\"id\":\"" + id + "\",\"customer\":{\"name\":\"A\",\"address\":{\"city\":\"B\"}},\"items\":[],\"status\":\"delivered\",\"note\":null}", "application/json")));
        using var http = server.CreateHttpClient();
        var client = new ShopClient(http);

        var order = await client.Orders.PatchOrderAsync(Guid.Empty, new OrderPatch { Status = OrderStatus.Delivered });

        var r = server.Single;
        Assert.Equal("PATCH", r.Method);
        Assert.Equal("application/merge-patch+json; charset=utf-8", r.ContentType);
        Assert.Equal("{\"status\":\"delivered\"}", r.BodyText);
        Assert.Equal(OrderStatus.Delivered, order.Status);
    }

    [Fact]
    public async Task Cancellation_stops_a_request_the_server_is_slow_to_answer()
    {
        var release = new TaskCompletionSource();
        await using var server = await RecordingServer.StartAsync(app => app.MapGet("/orders/{id}", async (Guid id) =>
        {
            await release.Task.WaitAsync(TimeSpan.FromSeconds(20));
            return Results.NoContent();
        }));
        using var http = server.CreateHttpClient();
        var client = new ShopClient(http);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var started = DateTime.UtcNow;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Orders.GetOrderAsync(Guid.Empty, cts.Token));
        release.SetResult();

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_retrying_handler_resends_identical_multipart_and_json_bodies()
    {
        int calls = 0;
        await using var server = await RecordingServer.StartAsync(app =>
        {
            app.MapPost("/uploads", () => Interlocked.Increment(ref calls) % 2 == 1
                ? Results.StatusCode(503)
                : Results.Text("{\"received\":1}", "application/json"));
            app.MapPost("/orders", async (HttpRequest request) =>
            {
                if (Interlocked.Increment(ref calls) % 2 == 1) return Results.StatusCode(503);
                using var reader = new StreamReader(request.Body);
                return Results.Text(await reader.ReadToEndAsync(), "application/json", statusCode: 201);
            });
        });
        using var http = new HttpClient(new RetryOnceHandler()) { BaseAddress = server.Address };
        var client = new ShopClient(http);

        var receipt = await client.Payloads.UploadAsync(new UploadRequest
        {
            File = new FileParameter(new MemoryStream(Encoding.UTF8.GetBytes("payload")), "p.txt"),
            Title = "t",
        });
        var order = await client.Orders.CreateOrderAsync(BodyTests.SampleOrder());

        Assert.Equal(1, receipt.Received);
        Assert.Equal("Ann", order.Customer.Name);
        var requests = server.Requests;
        Assert.Equal(4, requests.Count);
        Assert.Contains("payload", requests[1].BodyText);
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.Equal(requests[2].Body, requests[3].Body);
    }

    [Fact]
    public async Task Empty_success_body_for_a_json_response_gives_null()
    {
        await using var server = await RecordingServer.StartAsync(app => app.MapGet("/results/maybe", () => Results.Text(string.Empty, "application/json")));
        using var http = server.CreateHttpClient();
        var client = new ShopClient(http);

        Assert.Null(await client.Results.MaybeAsync());
    }

    [Theory]
    [InlineData("..", "/files/%2E%2E")]
    [InlineData(".", "/files/%2E")]
    [InlineData("...", "/files/...")]
    [InlineData("a..b", "/files/a..b")]
    public async Task Dot_segments_in_path_values_are_not_normalized_away(string value, string expected)
    {
        // Kestrel itself removes decoded dot segments before routing, so only the request line is checked.
        await using var server = await RecordingServer.StartAsync(RecordingServer.TextEverywhere);
        using var http = server.CreateHttpClient("v1/");
        var client = new ParamsClient(http);

        await client.Paths.GetFileAsync(value);

        Assert.Equal("/v1" + expected, server.Single.RawTarget);
    }

    [Fact]
    public async Task An_empty_path_value_is_refused_instead_of_addressing_the_parent_resource()
    {
        await using var server = await RecordingServer.StartAsync();
        using var http = server.CreateHttpClient();
        var client = new ShopClient(http);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.Payloads.PutBlobAsync("", new MemoryStream([1])));

        Assert.Contains("'name'", ex.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task An_empty_path_list_is_refused_and_a_single_dot_segment_item_is_escaped()
    {
        await using var server = await RecordingServer.StartAsync();
        using var http = server.CreateHttpClient();
        var client = new ParamsClient(http);

        await Assert.ThrowsAsync<ArgumentException>(() => client.Paths.SimpleStyleAsync([], new Point { X = 1, Y = 2 }));
        await client.Paths.SimpleStyleAsync([".."], new Point { X = 1, Y = 2 });

        Assert.Equal("/simple/%2E%2E/x,1,y,2", server.Single.RawTarget);
    }

    [Fact]
    public async Task Base_address_set_after_the_client_was_created_is_used()
    {
        await using var server = await RecordingServer.StartAsync();
        using var http = new HttpClient();
        var client = new ShopClient(http);
        http.BaseAddress = new Uri(server.Address, "late/");

        await client.Orders.DeleteOrderAsync(Guid.Empty);

        Assert.Equal("/late/orders/00000000-0000-0000-0000-000000000000", server.Single.RawTarget);
    }

    [Fact]
    public async Task Without_base_address_or_absolute_server_the_call_explains_what_to_set()
    {
        using var http = new HttpClient();
        var client = new ShopClient(http);

        Assert.Null(ShopClient.DefaultBaseAddress);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => client.Orders.DeleteOrderAsync(Guid.Empty));
        Assert.Contains("BaseAddress", ex.Message);
    }

    private sealed class RetryOnceHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable) return response;
            response.Dispose();
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
