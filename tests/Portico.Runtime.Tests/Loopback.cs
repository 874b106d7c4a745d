using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portico.Runtime.Tests;

/// <summary>Kestrel on a loopback address and a free port, answering every request with one handler: the real HTTP the runtime tests talk to.</summary>
internal static class Loopback
{
    /// <summary>Starts a server on <paramref name="ip"/> (127.0.0.1 unless told otherwise) without logging; returns it and its address (<c>http://ip:port</c>, no trailing slash).</summary>
    public static async Task<(WebApplication App, string Address)> StartAsync(RequestDelegate handler, string ip = "127.0.0.1")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://{ip}:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        return (app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }
}
