using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Acme.Sdk;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// A to-do server on 127.0.0.1 (an ephemeral port), called through the client from the Acme.Sdk package.
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/todos", (HttpRequest r) => Results.Text(
    "[{\"id\":3,\"title\":\"pack the sdk\",\"priority\":\"high\",\"done\":" + (r.Query["done"] == "true" ? "true" : "false") + "}]",
    "application/json"));
await app.StartAsync();
string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

using var http = new HttpClient { BaseAddress = new Uri(address + "/") };
var client = new TodoClient(http);
var list = await client.Todos.ListTodosAsync(done: true);
Console.WriteLine($"SDK {list.Count} {list[0].Id} {list[0].Title} {list[0].Priority} {list[0].Done}");
await app.StopAsync();
return 0;
