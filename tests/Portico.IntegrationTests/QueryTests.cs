using System.Globalization;
using Portico.IntegrationTests.Params;

namespace Portico.IntegrationTests;

public sealed class QueryTests
{
    [Fact]
    public async Task Array_styles_follow_style_and_explode()
    {
        await using var server = await RecordingServer.StartAsync();
        using var http = server.CreateHttpClient();
        var client = new ParamsClient(http);

        await client.Query.SearchAsync(ids: [1, 2], tags: ["a", "b,c"], spaced: ["x", "y"], piped: ["p", "q"]);

        var r = server.Single;
        Assert.StartsWith("/search?", r.RawTarget);
        // form + explode: repeated keys; form without explode: one key, comma-separated, commas in values escaped.
        Assert.Contains("ids=1&ids=2&tags=a,b%2Cc&", r.RawQuery);
        Assert.Equal(new string?[] { "1", "2" }, r.Query["ids"].ToArray());
        Assert.Equal("a,b,c", r.Query["tags"].ToString());
        Assert.Equal("x y", r.Query["spaced"].ToString());
        Assert.Contains("spaced=x%20y", r.RawQuery);
        Assert.Equal("p|q", r.Query["piped"].ToString());
    }

    [Fact]
    public async Task DeepObject_serializes_models_and_maps_with_bracketed_keys()
    {
        await using var server = await RecordingServer.StartAsync();
        using var http = server.CreateHttpClient();
        var client = new ParamsClient(http);

        await client.Query.SearchAsync(
            filter: new Filter { Role = "admin user", MinAge = 30, Active = false },
            labels: new Dictionary<string, string> { ["env"] = "prod", ["tier"] = "gold&silver" });

        var q = server.Single.Query;
        Assert.Equal("admin user", q["filter[role]"].ToString());
        Assert.Equal("30", q["filter[minAge]"].ToString());
        Assert.Equal("false", q["filter[active]"].ToString());
        Assert.Equal("prod", q["labels[env]"].ToString());
        Assert.Equal("gold&silver", q["labels[tier]"].ToString());
        Assert.Equal(5, q.Count);
    }

    [Fact]
    public async Task Form_objects_explode_into_their_properties_or_join_as_key_value_list()
    {
        await using var server = await RecordingServer.StartAsync();
        using var http = server.CreateHttpClient();
        var client = new ParamsClient(http);

        await client.Query.SearchAsync(point: new Point { X = 1, Y = 2 }, corner: new Point { X = 3, Y = 4 });

        Assert.Equal("/search?x=1&y=2&corner=x,3,y,4", server.Single.RawTarget);
    }

    [Fact]
    public async Task Strings_are_escaped_unless_reserved_characters_are_allowed()
    {
        await using var server = await RecordingServer.StartAsync();
        using var http = server.CreateHttpClient();
        var client = new ParamsClient(http);

        await client.Query.SearchAsync(q: "a&b=c d+e/ü", reserved: "a/b?c=d");

        var r = server.Single;
        Assert.Equal("/search?q=a%26b%3Dc%20d%2Be%2F%C3%BC&reserved=a/b?c=d", r.RawTarget);
        Assert.Equal("a&b=c d+e/ü", r.Query["q"].ToString());
    }

    [Fact]
    public async Task Enum_arrays_use_wire_values()
    {
        await using var server = await RecordingServer.StartAsync();
        using var http = server.CreateHttpClient();
        // A value the description does not list: request validation would refuse it, so it is off here.
        var client = new ParamsClient(http, new PorticoClientOptions { ValidateRequests = false });

        await client.Query.SearchAsync(statuses: [Status.Pending, Status.InProgress, new Status("future-value")]);

        Assert.Equal("/search?statuses=pending&statuses=in-progress&statuses=future-value", server.Single.RawTarget);
    }

    [Fact]
    public async Task Optional_parameters_left_null_are_omitted()
    {
        await using var server = await RecordingServer.StartAsync();
        using var http = server.CreateHttpClient();
        var client = new ParamsClient(http);

        await client.Query.SearchAsync();
        await client.Query.SearchAsync(ids: [], tags: []);

        Assert.Equal("/search", server.Requests[0].RawTarget);
        Assert.Equal("/search", server.Requests[1].RawTarget);
    }

    [Fact]
    public async Task Scalars_are_formatted_invariantly_whatever_the_current_culture()
    {
        await using var server = await RecordingServer.StartAsync();
        using var http = server.CreateHttpClient();
        var client = new ParamsClient(http);
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            await client.Query.ScalarsAsync(
                flag: true,
                day: new DateOnly(2024, 2, 29),
                at: new DateTimeOffset(2024, 2, 29, 13, 45, 30, 250, TimeSpan.FromHours(1)),
                ratio: 0.1,
                amount: 1234567.5,
                small: 1.25f,
                big: 9007199254740993L,
                id: Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
                status: Status.InProgress,
                priority: Priority.Value2,
                count: -3);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        var q = server.Single.Query;
        Assert.Equal("true", q["flag"].ToString());
        Assert.Equal("2024-02-29", q["day"].ToString());
        Assert.Equal("2024-02-29T13:45:30.25+01:00", q["at"].ToString());
        Assert.Equal("0.1", q["ratio"].ToString());
        Assert.Equal("1234567.5", q["amount"].ToString());
        Assert.Equal("1.25", q["small"].ToString());
        Assert.Equal("9007199254740993", q["big"].ToString());
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", q["id"].ToString());
        Assert.Equal("in-progress", q["status"].ToString());
        Assert.Equal("2", q["priority"].ToString());
        Assert.Equal("-3", q["count"].ToString());
        Assert.False(q.ContainsKey("maybe"));
        Assert.False(q.ContainsKey("when"));
        Assert.DoesNotContain("+", server.Single.RawQuery);
    }
}
