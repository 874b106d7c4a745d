using System.Text.Json;
using Portico.IntegrationTests.Params;

namespace Portico.IntegrationTests;

/// <summary>Bodies described by the OpenAPI 3.0 reader: <c>nullable: true</c>, defaults, readOnly and writeOnly.</summary>
public sealed class OpenApi30BodyTests
{
    private static Task<RecordingServer> EchoServer() => RecordingServer.StartAsync(app => app.MapPut("/profile", async (HttpRequest request) =>
    {
        using var doc = await JsonDocument.ParseAsync(request.Body);
        var echoed = new Dictionary<string, JsonElement> { ["id"] = JsonSerializer.SerializeToElement(7) };
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            if (p.Name is not ("id" or "secret")) echoed[p.Name] = p.Value.Clone();
        }
        return Results.Text(JsonSerializer.Serialize(echoed), "application/json");
    }));

    [Fact]
    public async Task Nullable_required_property_is_sent_as_null_and_optional_ones_are_omitted()
    {
        await using var server = await EchoServer();
        using var http = server.CreateHttpClient();
        var client = new ParamsClient(http);

        var stored = await client.PutProfileAsync(new Profile { Nickname = null, Birthday = new DateOnly(1990, 12, 31), Secret = "s" });

        using var sent = JsonDocument.Parse(server.Single.Body);
        Assert.Equal(JsonValueKind.Null, sent.RootElement.GetProperty("nickname").ValueKind);
        Assert.Equal("1990-12-31", sent.RootElement.GetProperty("birthday").GetString());
        Assert.Equal("s", sent.RootElement.GetProperty("secret").GetString());
        Assert.False(sent.RootElement.TryGetProperty("tags", out _));
        Assert.Equal(7, stored.Id);
        Assert.Null(stored.Nickname);
        Assert.Null(stored.Secret);
        Assert.Equal(new DateOnly(1990, 12, 31), stored.Birthday);
    }

    [Fact]
    public async Task Optional_body_left_null_sends_no_content()
    {
        await using var server = await RecordingServer.StartAsync(app => app.MapPut("/profile", () => Results.Text("{\"id\":1,\"nickname\":\"n\"}", "application/json")));
        using var http = server.CreateHttpClient();
        var client = new ParamsClient(http);

        var stored = await client.PutProfileAsync();

        Assert.Empty(server.Single.Body);
        Assert.Null(server.Single.ContentType);
        Assert.Equal("n", stored.Nickname);
    }

    [Fact]
    public async Task Read_only_properties_are_not_sent()
    {
        await using var server = await EchoServer();
        using var http = server.CreateHttpClient();
        var client = new ParamsClient(http);

        await client.PutProfileAsync(new Profile { Nickname = "n" });

        using var sent = JsonDocument.Parse(server.Single.Body);
        Assert.False(sent.RootElement.TryGetProperty("id", out _));
    }
}
