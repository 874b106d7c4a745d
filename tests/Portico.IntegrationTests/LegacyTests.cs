using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Portico.IntegrationTests.Legacy;

namespace Portico.IntegrationTests;

/// <summary>A Swagger 2.0 document: host and basePath, collectionFormat, body and formData parameters.</summary>
public sealed class LegacyTests
{
    [Fact]
    public async Task Host_and_base_path_make_the_default_address_and_collection_formats_apply()
    {
        Assert.Equal("http://127.0.0.1:47615/legacy/api", LegacyClient.DefaultBaseAddress);
        await using var server = await RecordingServer.StartAsync(app => app.MapGet("/legacy/api/items/{id}", (long id) =>
            Results.Text("{\"id\":" + id + ",\"name\":\"hammer\",\"kind\":\"tool\",\"tags\":[\"x\"]}", "application/json")));
        using var http = new HttpClient(new PortRedirect(server.Port));
        var client = new LegacyClient(http);

        var item = await client.Items.GetItemAsync(5, "2", csv: ["a", "b"], ssv: ["c", "d"], pipes: ["e", "f"], multi: [1, 2]);

        var r = server.Single;
        Assert.StartsWith("/legacy/api/items/5?", r.RawTarget);
        Assert.Equal("a,b", r.Query["csv"].ToString());
        Assert.Equal("c d", r.Query["ssv"].ToString());
        Assert.Equal("e|f", r.Query["pipes"].ToString());
        Assert.Equal(new string?[] { "1", "2" }, r.Query["multi"].ToArray());
        Assert.Equal("2", r.Header("X-Api-Version"));
        Assert.Equal("hammer", item.Name);
        Assert.Equal(ItemKind.Tool, item.Kind);
    }

    [Fact]
    public async Task Body_parameter_is_sent_as_json_and_declared_error_is_typed()
    {
        await using var server = await RecordingServer.StartAsync(app =>
        {
            app.MapPost("/items", async (HttpRequest request) =>
            {
                using var reader = new StreamReader(request.Body);
                return Results.Text(await reader.ReadToEndAsync(), "application/json", statusCode: 201);
            });
            app.MapGet("/items/{id}", (long id) => Results.Text("{\"code\":44,\"message\":\"gone\"}", "application/json", statusCode: 404));
        });
        using var http = server.CreateHttpClient();
        var client = new LegacyClient(http);

        var created = await client.Items.AddItemAsync(new Item { Name = "saw", Price = 12.5, Kind = ItemKind.Toy, Tags = ["t"] });
        var ex = await Assert.ThrowsAsync<ApiException<Error>>(() => client.Items.GetItemAsync(9, "1"));

        Assert.Equal("""{"name":"saw","price":12.5,"kind":"toy","tags":["t"]}""", server.Requests[0].BodyText);
        Assert.Equal("saw", created.Name);
        Assert.Equal(44, ex.Error.Code);
        Assert.Equal("gone", ex.Error.Message);
    }

    [Fact]
    public async Task FormData_parameters_become_an_urlencoded_body()
    {
        await using var server = await RecordingServer.StartAsync();
        using var http = server.CreateHttpClient();
        var client = new LegacyClient(http);

        await client.Account.LoginAsync(new LoginRequest { Username = "ann", Password = "p@ss word&", Remember = true });

        var r = server.Single;
        Assert.Equal("application/x-www-form-urlencoded", r.ContentType);
        Assert.Equal("username=ann&password=p%40ss+word%26&remember=true", r.BodyText);
    }

    [Fact]
    public async Task File_formData_parameter_becomes_a_multipart_file_part()
    {
        string? seen = null;
        await using var server = await RecordingServer.StartAsync(app => app.MapPost("/photos", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var photo = form.Files["photo"]!;
            using var reader = new StreamReader(photo.OpenReadStream());
            seen = $"{photo.FileName}|{photo.ContentType}|{await reader.ReadToEndAsync()}|{form["caption"]}";
            return Results.Text("17", "application/json");
        }));
        using var http = server.CreateHttpClient();
        var client = new LegacyClient(http);

        long id = await client.Items.UploadPhotoAsync(new UploadPhotoRequest
        {
            Photo = new FileParameter(new MemoryStream(Encoding.ASCII.GetBytes("PNG...")), "cat.png", "image/png"),
            Caption = "my cat",
        });

        Assert.Equal(17, id);
        Assert.Equal("cat.png|image/png|PNG...|my cat", seen);
    }

    [Fact]
    public async Task File_response_is_a_stream_and_discriminated_base_reads_derived_types()
    {
        await using var server = await RecordingServer.StartAsync(app =>
        {
            app.MapGet("/export", () => Results.Bytes([1, 2, 3], "application/octet-stream"));
            app.MapGet("/pets", () => Results.Text("""[{"petType":"Dog","name":"Rex","packSize":3},{"petType":"Cat","name":"Tom","huntingSkill":"lazy"}]""", "application/json"));
        });
        using var http = server.CreateHttpClient();
        var client = new LegacyClient(http);

        await using var stream = await client.Items.ExportAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        var pets = await client.Pets.ListPetsAsync();

        Assert.Equal(new byte[] { 1, 2, 3 }, copy.ToArray());
        Assert.Equal(3, Assert.IsType<Dog>(pets[0]).PackSize);
        Assert.Equal("lazy", Assert.IsType<Cat>(pets[1]).HuntingSkill);
    }

    private sealed class PortRedirect(int port) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Equal("127.0.0.1", request.RequestUri!.Host);
            Assert.Equal(47615, request.RequestUri.Port);
            request.RequestUri = new UriBuilder(request.RequestUri) { Port = port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
