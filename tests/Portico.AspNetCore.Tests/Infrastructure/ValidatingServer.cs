using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portico.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A Kestrel server on 127.0.0.1 with an ephemeral port whose endpoints implement the test description's operations.
/// Every handler records the operation it served and the body it read, so tests can tell whether a request reached it.
/// </summary>
public sealed class ValidatingServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ValidatingServer(WebApplication app, Uri address, ConcurrentQueue<(string Operation, string Body)> hits)
    {
        _app = app;
        Address = address;
        Hits = hits;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    /// <summary>The operations whose handler ran, with the body each read.</summary>
    public ConcurrentQueue<(string Operation, string Body)> Hits { get; }

    /// <summary>Starts a server: <paramref name="setup"/> registers validation (middleware) or returns the route builder to map on.</summary>
    public static async Task<ValidatingServer> StartAsync(Func<WebApplication, IEndpointRouteBuilder> setup, Action<WebApplication, ConcurrentQueue<(string, string)>>? extra = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var hits = new ConcurrentQueue<(string, string)>();
        var routes = setup(app);
        MapOperations(routes, hits);
        extra?.Invoke(app, hits);
        app.MapGet("/health", () => "up");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new ValidatingServer(app, new Uri(address.TrimEnd('/') + "/"), hits);
    }

    private static void MapOperations(IEndpointRouteBuilder routes, ConcurrentQueue<(string, string)> hits)
    {
        RequestDelegate Handler(string operation, int status) => async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            string body = await reader.ReadToEndAsync(context.RequestAborted);
            hits.Enqueue((operation, body));
            context.Response.StatusCode = status;
            await context.Response.WriteAsync(operation + ":" + body);
        };
        routes.MapGet("/items", Handler("listItems", 200));
        routes.MapPost("/items", Handler("createItem", 201));
        routes.MapPut("/items/{itemId}", Handler("replaceItem", 200));
        routes.MapDelete("/items/{itemId}", Handler("deleteItem", 200));
        routes.MapGet("/items/special", Handler("getSpecial", 200));
        routes.MapGet("/files/{**path}", Handler("getFile", 200));
        routes.MapPost("/notes", Handler("createNote", 201));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

