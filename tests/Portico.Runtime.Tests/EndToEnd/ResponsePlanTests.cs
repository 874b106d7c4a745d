using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portico.Http;
using Xunit;

namespace Portico.Runtime.Tests.EndToEnd;

/// <summary>How a response plan answers real responses from a server on loopback: the first matching range decides.</summary>
public sealed class ResponsePlanTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private ApiClientCore _core = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        (_app, var address) = await Loopback.StartAsync(async context =>
        {
            int code = int.Parse(context.Request.Path.Value!.Split('/')[2]);
            context.Response.StatusCode = code;
            if (context.Request.Query.TryGetValue("body", out var body))
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(body.ToString());
            }
        });
        _http = new HttpClient { BaseAddress = new Uri(address + "/") };
        _core = new ApiClientCore(_http, null);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    private static RequestBuilder Get(int status, string? body = null)
    {
        var b = new RequestBuilder(HttpMethod.Get, "test");
        b.AppendPath("/status/" + status);
        if (body is not null) b.AddQuery("body", body);
        return b;
    }

    private static readonly ResponsePlan<PlanItem> s_items = new ResponsePlan<PlanItem>()
        .Json(200, 200, PlanJson.Default.PlanItem)
        .Empty(204, 204)
        .Json(200, 299, PlanJson.Default.PlanItem)
        .Error(404, 404, PlanJson.Default.PlanProblem)
        .Error(400, 499)
        .Otherwise(PlanJson.Default.PlanProblem);

    [Fact]
    public async Task Successes_read_the_body_or_leave_the_value_empty()
    {
        var ok = await _core.SendAsync(Get(200, "{\"name\":\"a\"}"), s_items, default);
        Assert.Equal((200, "a"), (ok.StatusCode, ok.Value.Name));
        var range = await _core.SendAsync(Get(203, "{\"name\":\"b\"}"), s_items, default);
        Assert.Equal((203, "b"), (range.StatusCode, range.Value.Name));
        var empty = await _core.SendAsync(Get(204), s_items, default);
        Assert.Equal(204, empty.StatusCode);
        Assert.Null(empty.Value);
    }

    [Fact]
    public async Task Errors_are_typed_by_their_case_else_by_the_fallback()
    {
        var typed = await Assert.ThrowsAsync<ApiException<PlanProblem>>(() => _core.SendAsync(Get(404, "{\"detail\":\"gone\"}"), s_items, default));
        Assert.Equal((404, "gone"), (typed.StatusCode, typed.Error.Detail));
        var raw = await Assert.ThrowsAsync<ApiException>(() => _core.SendAsync(Get(409, "{\"detail\":\"raw\"}"), s_items, default));
        Assert.IsNotType<ApiException<PlanProblem>>(raw);
        Assert.Equal(409, raw.StatusCode);
        Assert.Contains("raw", raw.Content);
        var fallback = await Assert.ThrowsAsync<ApiException<PlanProblem>>(() => _core.SendAsync(Get(500, "{\"detail\":\"boom\"}"), s_items, default));
        Assert.Equal("boom", fallback.Error.Detail);
    }

    [Fact]
    public async Task A_nullable_value_is_read_with_the_metadata_of_its_type()
    {
        var plan = new ResponsePlan<long?>().Json(200, 200, PlanJson.Default.Int64).Empty(204, 204);
        Assert.Equal(42L, (await _core.SendAsync(Get(200, "42"), plan, default)).Value);
        Assert.Null((await _core.SendAsync(Get(204), plan, default)).Value);
        Assert.Throws<InvalidOperationException>(() => new ResponsePlan<string>().Json(200, 200, PlanJson.Default.Int64));
    }

    [Fact]
    public async Task A_stream_owns_the_response_and_text_is_read_whole()
    {
        var streamPlan = new ResponsePlan<Stream>().Stream(200, 200);
        var response = await _core.SendAsync(Get(200, "{\"name\":\"s\"}"), streamPlan, default);
        using (var reader = new StreamReader(response.Value)) Assert.Equal("{\"name\":\"s\"}", await reader.ReadToEndAsync());
        var text = await _core.SendAsync(Get(200, "\"t\""), new ResponsePlan<string>().Text(200, 200), default);
        Assert.Equal("\"t\"", text.Value);
        Assert.Throws<InvalidOperationException>(() => new ResponsePlan<PlanItem>().Stream(200, 200));
    }

    [Fact]
    public async Task Operations_without_a_value_succeed_on_their_ranges_only()
    {
        var plan = new ResponsePlan().Success(200, 299).Error(404, 404, PlanJson.Default.PlanProblem);
        Assert.Equal(201, (await _core.SendAsync(Get(201), plan, default)).StatusCode);
        Assert.Equal("x", (await Assert.ThrowsAsync<ApiException<PlanProblem>>(() => _core.SendAsync(Get(404, "{\"detail\":\"x\"}"), plan, default))).Error.Detail);
        Assert.Equal(302, (await Assert.ThrowsAsync<ApiException>(() => _core.SendAsync(Get(302), plan, default))).StatusCode);
    }
}

public sealed class PlanItem
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }
}

public sealed class PlanProblem
{
    [JsonPropertyName("detail")]
    public string? Detail { get; set; }
}

[JsonSerializable(typeof(PlanItem))]
[JsonSerializable(typeof(PlanProblem))]
[JsonSerializable(typeof(long))]
internal sealed partial class PlanJson : JsonSerializerContext
{
}
