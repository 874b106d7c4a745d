using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using App.Todo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portico;

// A tiny to-do server on 127.0.0.1 (an ephemeral port), called through the client generated from api/todo.yaml.
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/todos", (HttpRequest r) => Results.Text(
    "[{\"id\":1,\"title\":\"write tests\",\"priority\":\"high\",\"done\":" + (r.Query["done"] == "true" ? "true" : "false") + "}]",
    "application/json"));
app.MapPost("/todos", async (HttpRequest r) =>
{
    using var reader = new StreamReader(r.Body);
    string body = (await reader.ReadToEndAsync()).Trim();
    return Results.Text("{\"id\":2,\"done\":false," + body.Substring(1), "application/json", statusCode: 201);
});
app.MapGet("/todos/{id:long}", (long id) => Results.Text("{\"title\":\"no todo " + id + "\"}", "application/json", statusCode: 404));
await app.StartAsync();
string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

using var http = new HttpClient { BaseAddress = new Uri(address + "/") };
var client = new TodoClient(http);

var list = await client.Todos.ListTodosAsync(done: true);
Console.WriteLine($"LIST {list.Count} {list[0].Id} {list[0].Title} {list[0].Priority} {list[0].Done}");

var added = await client.Todos.AddTodoAsync(new NewTodo { Title = "ship it", Priority = Priority.Low });
Console.WriteLine($"ADDED {added.Id} {added.Title} {added.Priority} {added.Done}");

try
{
    await client.Todos.GetTodoAsync(7);
    Console.WriteLine("NOTFOUND no exception");
}
catch (ApiException<Problem> ex)
{
    Console.WriteLine($"NOTFOUND {(int)ex.StatusCode} {ex.Error.Title}");
}

// The same client through IHttpClientFactory.
var services = new ServiceCollection();
services.AddTodoClient(h => h.BaseAddress = new Uri(address + "/"));
using (var provider = services.BuildServiceProvider())
{
    var fromDi = provider.GetRequiredService<TodoClient>();
    var again = await fromDi.Todos.ListTodosAsync(done: false);
    Console.WriteLine($"DI {again.Count} {again[0].Done}");
}

await app.StopAsync();
Console.WriteLine("DONE");
return 0;
