using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Petstore.Client;

// A tiny in-process pet store on 127.0.0.1, then the generated client against it.
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Logging.ClearProviders();
var app = builder.Build();
var pets = new List<JsonElement>();
long nextId = 1;

app.MapGet("/pets", (HttpRequest request) =>
{
    Console.WriteLine($"  server: GET /pets{request.QueryString} (X-Request-Id: {request.Headers["X-Request-Id"]})");
    return Results.Text("[" + string.Join(",", pets.Select(p => p.GetRawText())) + "]", "application/json");
});
app.MapPost("/pets", async (HttpRequest request) =>
{
    using var doc = await JsonDocument.ParseAsync(request.Body);
    if (!doc.RootElement.TryGetProperty("name", out var name) || name.GetString() is not { Length: > 0 })
    {
        return Results.Text("{\"title\":\"A pet needs a name\"}", "application/json", statusCode: 422);
    }
    var stored = new Dictionary<string, object?>();
    foreach (var p in doc.RootElement.EnumerateObject()) stored[p.Name] = p.Value.Clone();
    stored["id"] = nextId++;
    stored["addedAt"] = DateTimeOffset.UtcNow;
    var json = JsonSerializer.SerializeToElement(stored);
    pets.Add(json);
    return Results.Text(json.GetRawText(), "application/json", statusCode: 201);
});
app.MapGet("/pets/{id:long}", (long id) =>
{
    var pet = pets.FirstOrDefault(p => p.GetProperty("id").GetInt64() == id);
    return pet.ValueKind == JsonValueKind.Undefined
        ? Results.Text("{\"title\":\"Not found\",\"detail\":\"No pet " + id + "\"}", "application/json", statusCode: 404)
        : Results.Text(pet.GetRawText(), "application/json");
});
app.MapPost("/store/orders", async (HttpRequest request) =>
{
    using var reader = new StreamReader(request.Body);
    return Results.Text(await reader.ReadToEndAsync(), "application/json");
});
app.MapGet("/health", () => "all good");

await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
Console.WriteLine($"Pet store listening on {address}");

using var http = new HttpClient { BaseAddress = new Uri(address + "/") };
var client = new PetStoreClient(http);

var added = await client.Pets.AddPetAsync(new NewPet { Name = "Tom", Kind = new Cat { Type = "cat", Indoor = true }, Status = PetStatus.Available, Birthday = new DateOnly(2020, 5, 1) });
Console.WriteLine($"Added pet #{added.Id} '{added.Name}', a {(added.Kind.Cat is not null ? "cat" : "dog")}, status {added.Status}, added at {added.AddedAt:O}");
await client.Pets.AddPetAsync(new NewPet { Name = "Rex", Kind = new Dog { Type = "dog", GoodBoy = true }, Tag = "loud" });

var all = await client.Pets.ListPetsAsync(tags: ["loud", "small"], status: PetStatus.Available, limit: 10, xRequestId: "sample-1");
Console.WriteLine($"Listed {all.Count} pets: {string.Join(", ", all.Select(p => p.Name + (p.Kind.Dog is { } d ? $" (dog, good boy: {d.GoodBoy})" : " (cat)")))}");

var one = await client.Pets.GetPetAsync(added.Id);
Console.WriteLine($"Fetched pet #{one.Id}: {one.Name}");

try
{
    await client.Pets.GetPetAsync(999);
}
catch (Portico.ApiException<Problem> ex)
{
    Console.WriteLine($"GET /pets/999 -> {ex.StatusCode}: {ex.Error.Title} ({ex.Error.Detail})");
}

var order = await client.Store.PlaceOrderAsync(new Order { PetId = added.Id, Quantity = 2, Notes = new() { ["gift"] = "yes" } });
Console.WriteLine($"Placed order for pet #{order.PetId} x{order.Quantity}, notes: {string.Join(", ", order.Notes!.Select(n => n.Key + "=" + n.Value))}");

Console.WriteLine($"Health: {await client.HealthAsync()}");
await app.StopAsync();
Console.WriteLine("Done.");
