using Portico.IntegrationTests.Params;

namespace Portico.IntegrationTests;

public sealed class PathTests
{
    [Fact]
    public async Task Path_parameters_are_escaped_so_slashes_spaces_and_unicode_stay_inside_one_segment()
    {
        string? routed = null;
        await using var server = await RecordingServer.StartAsync(app => app.MapGet("/files/{name}", (string name) =>
        {
            routed = name;
            return "found";
        }));
        using var http = server.CreateHttpClient();
        var client = new ParamsClient(http);

        string text = await client.Paths.GetFileAsync("a b/c ü?#%");

        Assert.Equal("found", text);
        Assert.Equal("/files/a%20b%2Fc%20%C3%BC%3F%23%25", server.Single.RawTarget);
        Assert.Equal("a b/c ü?#%", Uri.UnescapeDataString(routed!));
    }

    [Fact]
    public async Task Path_item_and_operation_parameters_combine_with_required_query_in_document_order()
    {
        await using var server = await RecordingServer.StartAsync();
        using var http = server.CreateHttpClient();
        var client = new ParamsClient(http);
        var fileId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

        var response = await client.Paths.GetOwnedFileWithResponseAsync(42, fileId, 7);

        Assert.Equal(204, response.StatusCode);
        Assert.Equal("/owners/42/files/0f8fad5b-d9cb-469f-a165-70867728950e?version=7", server.Single.RawTarget);
    }

    [Theory]
    [InlineData("v1/", "/v1/files/x")]
    [InlineData("v1", "/v1/files/x")]
    [InlineData("api/v1/", "/api/v1/files/x")]
    public async Task Base_address_path_prefix_is_kept(string prefix, string expected)
    {
        // Unlike relative URI resolution, the base path is a prefix whether or not it ends in '/'.
        await using var server = await RecordingServer.StartAsync(RecordingServer.TextEverywhere);
        using var http = server.CreateHttpClient(prefix);
        var client = new ParamsClient(http);

        await client.Paths.GetFileAsync("x");

        Assert.Equal(expected, server.Single.RawTarget);
    }

    [Fact]
    public async Task Label_style_prefixes_a_dot_and_joins_with_commas_or_dots_when_exploded()
    {
        await using var server = await RecordingServer.StartAsync();
        using var http = server.CreateHttpClient();
        var client = new ParamsClient(http);

        await client.Paths.LabelStyleAsync([3, 4, 5], "x y");
        await client.Paths.LabelExplodedAsync(["a", "b/c"]);

        Assert.Equal("/label/.3,4,5/.x%20y", server.Requests[0].RawTarget);
        Assert.Equal("/label-exploded/.a.b%2Fc", server.Requests[1].RawTarget);
    }

    [Fact]
    public async Task Matrix_style_names_each_value()
    {
        await using var server = await RecordingServer.StartAsync();
        using var http = server.CreateHttpClient();
        var client = new ParamsClient(http);

        await client.Paths.MatrixStyleAsync([1, 2], "v;w", ["a", "b"]);

        Assert.Equal("/matrix/;ids=1,2/;single=v%3Bw/;exploded=a;exploded=b", server.Single.RawTarget);
    }

    [Fact]
    public async Task Simple_style_joins_arrays_and_flattens_objects_into_key_value_pairs()
    {
        await using var server = await RecordingServer.StartAsync();
        using var http = server.CreateHttpClient();
        var client = new ParamsClient(http);

        await client.Paths.SimpleStyleAsync(["a", "b,c"], new Point { X = 1, Y = -2 });

        Assert.Equal("/simple/a,b%2Cc/x,1,y,-2", server.Single.RawTarget);
    }

    [Fact]
    public async Task Dates_and_enums_in_the_path_use_their_wire_form()
    {
        await using var server = await RecordingServer.StartAsync();
        using var http = server.CreateHttpClient();
        var client = new ParamsClient(http);

        await client.Paths.DatedPathAsync(new DateOnly(2024, 2, 29), Status.InProgress);

        Assert.Equal("/dated/2024-02-29/in-progress", server.Single.RawTarget);
    }

    [Fact]
    public async Task Without_a_base_address_the_first_server_with_variable_defaults_is_used()
    {
        Assert.Equal("http://127.0.0.1:47613/api/v2", ParamsClient.DefaultBaseAddress);
        await using var server = await RecordingServer.StartAsync(RecordingServer.TextEverywhere);
        var redirect = new PortRedirectHandler(server.Port);
        using var http = new HttpClient(redirect);
        var client = new ParamsClient(http);

        await client.Paths.GetFileAsync("readme");

        Assert.Equal(new Uri("http://127.0.0.1:47613/api/v2/files/readme"), Assert.Single(redirect.Seen));
        Assert.Equal("/api/v2/files/readme", server.Single.RawTarget);
    }

    [Fact]
    public async Task Operations_without_a_tag_live_on_the_client()
    {
        await using var server = await RecordingServer.StartAsync(app => app.MapGet("/root/ping", () => "pong"));
        using var http = server.CreateHttpClient("root/");
        var client = new ParamsClient(http);

        Assert.Equal("pong", await client.PingAsync());
        Assert.Equal("/root/ping", server.Single.RawTarget);
    }

    /// <summary>
    /// Sends requests aimed at a fixed port on 127.0.0.1 to the test server's ephemeral port, remembering the
    /// address the client chose. Nothing leaves the loopback interface.
    /// </summary>
    private sealed class PortRedirectHandler(int port) : DelegatingHandler(new SocketsHttpHandler())
    {
        public List<Uri> Seen { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen.Add(request.RequestUri!);
            Assert.Equal("127.0.0.1", request.RequestUri!.Host);
            request.RequestUri = new UriBuilder(request.RequestUri) { Port = port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
