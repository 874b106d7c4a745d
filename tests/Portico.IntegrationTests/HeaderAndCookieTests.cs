using Portico.IntegrationTests.Params;

namespace Portico.IntegrationTests;

public sealed class HeaderAndCookieTests
{
    [Fact]
    public async Task Header_parameters_are_sent_formatted_and_absent_ones_are_not_sent()
    {
        await using var server = await RecordingServer.StartAsync();
        using var http = server.CreateHttpClient();
        var client = new ParamsClient(http);

        await client.Headers.HeadersAsync("trace-1", xCount: 12, xTags: ["a", "b"], xFlag: false, xStatus: Status.Done);

        var r = server.Single;
        Assert.Equal("trace-1", r.Header("X-Trace-Id"));
        Assert.Equal("12", r.Header("X-Count"));
        Assert.Equal("a,b", r.Header("X-Tags"));
        Assert.Equal("false", r.Header("X-Flag"));
        Assert.Equal("done", r.Header("X-Status"));
        Assert.Null(r.Header("X-Missing"));
        Assert.Null(r.Header("Cookie"));
    }

    [Fact]
    public async Task Cookie_parameters_share_one_cookie_header()
    {
        string? session = null;
        await using var server = await RecordingServer.StartAsync(app => app.MapGet("/headers", (Microsoft.AspNetCore.Http.HttpRequest request) =>
        {
            session = request.Cookies["session"];
            return Microsoft.AspNetCore.Http.Results.NoContent();
        }));
        using var http = server.CreateHttpClient();
        var client = new ParamsClient(http);

        await client.Headers.HeadersAsync("t", session: "abc 123;x", theme: "dark", page: 2, prefs: ["a", "b"]);

        Assert.Equal("session=abc%20123%3Bx; theme=dark; page=2; prefs=a,b", server.Single.Header("Cookie"));
        Assert.NotNull(session);
    }
}
