using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Portico.IntegrationTests.Shop;

namespace Portico.IntegrationTests;

public sealed class ModelTests
{
    [Fact]
    public async Task Unions_pick_their_variant_by_discriminator_mapping_implicit_name_or_properties()
    {
        const string answer = """
            {
              "shapes": [{"kind":"sq","side":3}, {"radius":0.5,"kind":"circle"}],
              "vehicle": {"doors":4,"type":"Car"},
              "contacts": [{"address":"x@example.com","verified":true}, {"number":"123","extension":"9"}],
              "payment": {"cardNumber":"4111","expiry":"12/30"},
              "key": "abc"
            }
            """;
        await using var server = await RecordingServer.StartAsync(app => app.MapPost("/shapes", () => Results.Text(answer, "application/json")));
        using var http = server.CreateHttpClient();
        var client = new ShopClient(http);

        var drawing = await client.Zoo.EchoShapesAsync(new Drawing
        {
            Shapes = [new Circle { Kind = "circle", Radius = 1.5 }, new Square { Kind = "sq", Side = 2 }],
            Vehicle = new Bike { Type = "Bike", Gears = 21 },
            Contacts = [new PhoneContact { Number = "+47 1234" }, new EmailContact { Address = "a@example.com" }],
            Payment = new BankAccount { Iban = "NO9386011117947" },
            Key = 42L,
        });

        using (var sent = JsonDocument.Parse(server.Single.Body))
        {
            var root = sent.RootElement;
            Assert.Equal("""[{"kind":"circle","radius":1.5},{"kind":"sq","side":2}]""", root.GetProperty("shapes").GetRawText());
            Assert.Equal("""{"type":"Bike","gears":21}""", root.GetProperty("vehicle").GetRawText());
            Assert.Equal("""[{"number":"\u002B47 1234"},{"address":"a@example.com"}]""", root.GetProperty("contacts").GetRawText());
            Assert.Equal("""{"iban":"NO9386011117947"}""", root.GetProperty("payment").GetRawText());
            Assert.Equal(42, root.GetProperty("key").GetInt64());
        }

        Assert.Equal(3, drawing.Shapes[0].Square!.Side);
        Assert.Null(drawing.Shapes[0].Circle);
        Assert.Equal(0.5, drawing.Shapes[1].Circle!.Radius);
        Assert.Equal(4, drawing.Vehicle!.Car!.Doors);
        Assert.True(drawing.Contacts![0].EmailContact!.Verified);
        Assert.Equal("9", drawing.Contacts[1].PhoneContact!.Extension);
        Assert.Equal("12/30", drawing.Payment!.Card!.Expiry);
        Assert.Null(drawing.Payment.BankAccount);
        Assert.Equal("abc", drawing.Key!.String);
        Assert.Null(drawing.Key.Int64);
    }

    [Fact]
    public async Task Base_typed_lists_read_derived_types_and_write_their_properties()
    {
        const string answer = """
            [
              {"petType":"dog","name":"Rex","tags":["good"],"home":{"city":"Oslo"},"barks":true,"breed":"lab"},
              {"name":"Tom","lives":9,"petType":"cat"},
              {"petType":"fish","name":"Nemo"}
            ]
            """;
        await using var server = await RecordingServer.StartAsync(app =>
        {
            app.MapGet("/animals", () => Results.Text(answer, "application/json"));
            app.MapPut("/animals", () => Results.NoContent());
        });
        using var http = server.CreateHttpClient();
        var client = new ShopClient(http);

        var animals = await client.Zoo.ListAnimalsAsync();
        await client.Zoo.ReplaceAnimalsAsync(animals);

        var dog = Assert.IsType<Dog>(animals[0]);
        Assert.Equal("Rex", dog.Name);
        Assert.True(dog.Barks);
        Assert.Equal("lab", dog.Breed);
        Assert.Equal(["good"], dog.Tags!);
        Assert.Equal("Oslo", dog.Home!.City);
        var cat = Assert.IsType<Cat>(animals[1]);
        Assert.Equal("Tom", cat.Name);
        Assert.Equal(9, cat.Lives);
        Assert.IsType<Animal>(animals[2]);
        Assert.Equal("Nemo", animals[2].Name);

        using var sent = JsonDocument.Parse(server.Requests[1].Body);
        var items = sent.RootElement.EnumerateArray().ToList();
        Assert.Equal("dog", items[0].GetProperty("petType").GetString());
        Assert.Equal("Rex", items[0].GetProperty("name").GetString());
        Assert.True(items[0].GetProperty("barks").GetBoolean());
        Assert.Equal("lab", items[0].GetProperty("breed").GetString());
        Assert.Equal("""["good"]""", items[0].GetProperty("tags").GetRawText());
        Assert.Equal("""{"city":"Oslo"}""", items[0].GetProperty("home").GetRawText());
        Assert.Equal(9, items[1].GetProperty("lives").GetInt32());
        Assert.Equal("""{"petType":"fish","name":"Nemo"}""", items[2].GetRawText());
    }

    [Fact]
    public void Serializing_a_derived_value_through_the_base_type_keeps_its_properties()
    {
        Animal animal = new Dog { PetType = "dog", Name = "Rex", Barks = false };

        string json = JsonSerializer.Serialize(animal, ShopClientJsonContext.Default.Animal);

        Assert.Equal("""{"petType":"dog","name":"Rex","barks":false}""", json);
        Assert.IsType<Dog>(JsonSerializer.Deserialize(json, ShopClientJsonContext.Default.Animal));
    }

    [Fact]
    public async Task Unknown_enum_values_are_tolerated_and_round_trip()
    {
        await using var server = await RecordingServer.StartAsync(app => app.MapGet("/orders/{id}", (Guid id) => Results.Text(
            "{\"id\":\"" + id + "\",\"customer\":{\"name\":\"A\",\"address\":{\"city\":\"B\"}},\"items\":[],\"status\":\"returned\",\"priority\":7,\"note\":\"n\"}",
            "application/json")));
        using var http = server.CreateHttpClient();
        var client = new ShopClient(http);

        var order = await client.Orders.GetOrderAsync(Guid.NewGuid());

        Assert.Equal("returned", order.Status.Value);
        Assert.False(order.Status.IsKnown);
        Assert.True(OrderStatus.Delivered.IsKnown);
        Assert.Equal((Priority)7, order.Priority);
        string json = JsonSerializer.Serialize(order, ShopClientJsonContext.Default.Order);
        Assert.Contains("\"status\":\"returned\"", json);
        Assert.Contains("\"priority\":7", json);
    }

    [Fact]
    public void Models_round_trip_through_the_generated_context()
    {
        var order = BodyTests.SampleOrder();

        string json = JsonSerializer.Serialize(order, ShopClientJsonContext.Default.Order);
        var back = JsonSerializer.Deserialize(json, ShopClientJsonContext.Default.Order)!;

        Assert.Equal(json, JsonSerializer.Serialize(back, ShopClientJsonContext.Default.Order));
        Assert.Equal(order.Customer.Address.City, back.Customer.Address.City);
        Assert.Equal(order.Metadata, back.Metadata);
        Assert.Equal(order.PlacedAt, back.PlacedAt);
    }

    [Fact]
    public void Free_form_additional_properties_round_trip()
    {
        const string json = """{"name":"n","color":"red","size":{"w":1}}""";

        var value = JsonSerializer.Deserialize(json, ShopClientJsonContext.Default.Extensible)!;

        Assert.Equal("n", value.Name);
        Assert.Equal(json, JsonSerializer.Serialize(value, ShopClientJsonContext.Default.Extensible));
    }

    [Fact]
    public void Deprecated_operations_are_obsolete()
    {
        var cancel = typeof(OrdersOperations).GetMethod("CancelOrderAsync")!;
        var cancelWithResponse = typeof(OrdersOperations).GetMethod("CancelOrderWithResponseAsync")!;
        var get = typeof(OrdersOperations).GetMethod("GetOrderAsync")!;

        Assert.NotNull(cancel.GetCustomAttribute<ObsoleteAttribute>());
        Assert.NotNull(cancelWithResponse.GetCustomAttribute<ObsoleteAttribute>());
        Assert.Null(get.GetCustomAttribute<ObsoleteAttribute>());
    }

    [Fact]
    public async Task Client_resolves_from_dependency_injection_with_its_configured_base_address()
    {
        await using var server = await RecordingServer.StartAsync();
        var seen = new List<string?>();
        var services = new ServiceCollection();
        services.AddShopClient(http => http.BaseAddress = new Uri(server.Address, "shop/"))
            .AddHttpMessageHandler(() => new OperationRecorder(seen));
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<ShopClient>();
        await client.Orders.DeleteOrderAsync(Guid.Empty);

        Assert.Equal("/shop/orders/00000000-0000-0000-0000-000000000000", server.Single.RawTarget);
        Assert.Equal(["deleteOrder"], seen);
        Assert.NotSame(client, provider.GetRequiredService<ShopClient>());
    }

    /// <summary>A handler of the kind resilience policies are: it sees which operation each request belongs to.</summary>
    private sealed class OperationRecorder(List<string?> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Add(request.Options.TryGetValue(Portico.Http.PorticoRequestOptions.OperationId, out var id) ? id : null);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
