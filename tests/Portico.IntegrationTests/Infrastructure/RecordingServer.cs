using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Portico.IntegrationTests.Infrastructure;

/// <summary>What one request looked like when it reached the server.</summary>
public sealed class RecordedRequest
{
    public required string Method { get; init; }

    /// <summary>The request target exactly as sent on the request line (path and query, still escaped).</summary>
    public required string RawTarget { get; init; }

    /// <summary>The escaped path part of <see cref="RawTarget"/>.</summary>
    public string RawPath => RawTarget.Split('?', 2)[0];

    /// <summary>The escaped query part of <see cref="RawTarget"/>, without '?', or empty.</summary>
    public string RawQuery => RawTarget.Split('?', 2) is { Length: 2 } parts ? parts[1] : string.Empty;

    /// <summary>The query as a server decodes it.</summary>
    public Dictionary<string, StringValues> Query => QueryHelpers.ParseQuery(RawQuery);

    public required Dictionary<string, string> Headers { get; init; }

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    public string? ContentType => Header("Content-Type");

    public required byte[] Body { get; init; }

    public string BodyText => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// A Kestrel server on 127.0.0.1 with an ephemeral port. Every request is recorded (body included) before the
/// minimal-API handlers a test maps see it; requests no handler matches answer 204.
/// </summary>
public sealed class RecordingServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests;

    private RecordingServer(WebApplication app, ConcurrentQueue<RecordedRequest> requests, Uri address)
    {
        _app = app;
        _requests = requests;
        Address = address;
    }

    /// <summary>The root address, ending in '/'.</summary>
    public Uri Address { get; }

    public int Port => Address.Port;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>The only request received; fails when there was not exactly one.</summary>
    public RecordedRequest Single => Assert.Single(_requests);

    /// <summary>Maps GET on every path to a text answer, for operations that return text.</summary>
    public static readonly Action<WebApplication> TextEverywhere = app => app.MapGet("/{**path}", () => "ok");

    public static async Task<RecordingServer> StartAsync(Action<WebApplication>? map = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var requests = new ConcurrentQueue<RecordedRequest>();
        app.Use(async (HttpContext context, RequestDelegate next) =>
        {
            context.Request.EnableBuffering();
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            context.Request.Body.Position = 0;
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var h in context.Request.Headers) headers[h.Key] = h.Value.ToString();
            requests.Enqueue(new RecordedRequest
            {
                Method = context.Request.Method,
                RawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget,
                Headers = headers,
                Body = buffer.ToArray(),
            });
            if (context.GetEndpoint() is null)
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }
            await next(context);
        });
        map?.Invoke(app);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StartAsync(cts.Token);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RecordingServer(app, requests, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>An HttpClient whose BaseAddress is the server plus an optional path prefix.</summary>
    public HttpClient CreateHttpClient(string pathPrefix = "")
        => new HttpClient { BaseAddress = new Uri(Address, pathPrefix), Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(cts.Token);
        await _app.DisposeAsync();
    }
}
