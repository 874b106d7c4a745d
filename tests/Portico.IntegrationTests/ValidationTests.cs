using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Portico.IntegrationTests.Validated;
using Portico.Validation;

namespace Portico.IntegrationTests;

/// <summary>Generated validators in a real client against Kestrel: invalid requests never leave, drifting responses are caught.</summary>
public sealed class ValidationTests
{
    private const string PetJson = """{"id":7,"name":"Rex","kind":"dog","age":3,"bornAt":"2024-02-29T10:00:00Z"}""";

    private static ValidatedPetsClient Client(RecordingServer server, Action<PorticoClientOptions>? configure = null)
    {
        var options = new PorticoClientOptions();
        configure?.Invoke(options);
        return new ValidatedPetsClient(server.CreateHttpClient(), options);
    }

    [Fact]
    public async Task Invalid_request_throws_every_error_and_sends_nothing()
    {
        await using var server = await RecordingServer.StartAsync(app => app.MapPost("/pets", () => Results.Text(PetJson, "application/json", statusCode: 201)));
        var client = Client(server);
        var pet = new NewPet { Name = "A name much longer than twenty", Kind = "hamster", Age = 40, Weight = 1.25, Tags = ["a", "a"], Id = 5 };

        var ex = await Assert.ThrowsAsync<RequestValidationException>(() => client.Pets.CreatePetAsync("short", pet));

        Assert.Empty(server.Requests);
        Assert.Equal("createPet", ex.OperationId);
        var errors = ex.Errors.Select(e => e.Path + " " + e.Keyword).ToHashSet();
        Assert.Contains("header/X-Request-Id minLength", errors);
        Assert.Contains("body/name maxLength", errors);
        Assert.Contains("body/kind enum", errors);
        Assert.Contains("body/age exclusiveMaximum", errors);
        Assert.Contains("body/weight multipleOf", errors);
        Assert.Contains("body/tags uniqueItems", errors);
        Assert.Contains("body/id readOnly", errors);
        Assert.Equal(7, ex.Errors.Count);
    }

    [Fact]
    public async Task Invalid_query_and_path_parameters_are_refused_before_sending()
    {
        await using var server = await RecordingServer.StartAsync(app => app.MapGet("/pets", () => Results.Text("[]", "application/json")));
        var client = Client(server);

        var list = await Assert.ThrowsAsync<RequestValidationException>(() => client.Pets.ListPetsAsync(limit: 0, tag: "UPPER"));
        Assert.Equal(["query/limit minimum", "query/tag pattern"], list.Errors.Select(e => e.Path + " " + e.Keyword).Order(StringComparer.Ordinal));
        var get = await Assert.ThrowsAsync<RequestValidationException>(() => client.Pets.GetPetAsync(0));
        Assert.Equal("path/petId", Assert.Single(get.Errors).Path);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Valid_request_goes_through()
    {
        await using var server = await RecordingServer.StartAsync(app => app.MapPost("/pets", () => Results.Text(PetJson, "application/json", statusCode: 201)));
        var client = Client(server, o => o.ResponseValidation = ResponseValidationMode.Throw);

        var created = await client.Pets.CreatePetAsync("5a8e3c1e-7f0b-4d8e-9c61-2b7f7f1c0a11", new NewPet { Name = "Rex", Kind = Kind.Dog, Age = 3, Weight = 12.3, Tags = ["good", "boy"], Password = "s3cret" });

        Assert.Equal(7, created.Id);
        using var sent = JsonDocument.Parse(server.Single.Body);
        Assert.Equal("Rex", sent.RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Request_validation_can_be_switched_off()
    {
        await using var server = await RecordingServer.StartAsync(app => app.MapGet("/pets", () => Results.Text("[]", "application/json")));
        var client = Client(server, o => o.ValidateRequests = false);

        var pets = await client.Pets.ListPetsAsync(limit: 0);

        Assert.Empty(pets);
        Assert.Equal("limit=0", server.Single.RawQuery);
    }

    [Fact]
    public async Task Drifting_response_is_reported_in_warn_mode_and_still_returned()
    {
        // The server sends a kind the description does not list, a write-only password, a time without offset and an empty name.
        const string drifted = """[{"id":1,"name":"Rex","kind":"hamster","password":"x","bornAt":"2024-02-29T10:00:00"},{"id":2,"name":"","kind":"dog"}]""";
        await using var server = await RecordingServer.StartAsync(app => app.MapGet("/pets", () => Results.Text(drifted, "application/json")));
        var reports = new List<ResponseValidationFailure>();
        var client = Client(server, o =>
        {
            o.ResponseValidation = ResponseValidationMode.Warn;
            o.ResponseValidationFailed = reports.Add;
        });

        var pets = await client.Pets.ListPetsAsync();

        Assert.Equal(2, pets.Count);
        var report = Assert.Single(reports);
        Assert.Equal(200, report.StatusCode);
        Assert.Equal("listPets", report.OperationId);
        Assert.Equal(["/0/bornAt format", "/0/kind enum", "/0/password writeOnly", "/1/name minLength"], report.Errors.Select(e => e.Path + " " + e.Keyword).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Drifting_response_throws_in_throw_mode_and_passes_when_off()
    {
        await using var server = await RecordingServer.StartAsync(app => app.MapGet("/pets/{id}", () => Results.Text("""{"id":"seven","name":"Rex","kind":"dog"}""", "application/json")));

        var strict = Client(server, o => o.ResponseValidation = ResponseValidationMode.Throw);
        var ex = await Assert.ThrowsAsync<ResponseValidationException>(() => strict.Pets.GetPetAsync(7));
        Assert.Equal("/id", Assert.Single(ex.Errors).Path);
        Assert.Equal(200, ex.StatusCode);

        // Off (the default): the body goes straight to the deserializer, which has its own say.
        var lenient = Client(server);
        await Assert.ThrowsAsync<JsonException>(() => lenient.Pets.GetPetAsync(7));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public void Operations_are_exposed_as_static_data_for_servers()
    {
        var op = ValidatedPetsClientValidation.Operations.Single(o => o.OperationId == "createPet");
        Assert.Equal("POST", op.Method);
        Assert.Equal("/pets", op.PathTemplate);
        var header = Assert.Single(op.Parameters);
        Assert.Equal(("X-Request-Id", "header", true), (header.Name, header.Location, header.Required));
        Assert.True(op.BodyRequired);
        Assert.Equal("application/json", Assert.Single(op.RequestBodies).MediaType);
        Assert.Equal("201", Assert.Single(op.Responses).Status);

        // A server checks raw parameter text: required, then read as the schema's type.
        var limit = ValidatedPetsClientValidation.ListPets.Parameters[0];
        var collector = new ValidationCollector();
        Assert.True(limit.ValidateText("5", collector));
        Assert.True(limit.ValidateText(null, collector));
        Assert.False(limit.ValidateText("0", collector));
        Assert.False(limit.ValidateText("five", collector));
        Assert.False(header.ValidateText("", collector));
        Assert.Equal(["query/limit minimum", "query/limit type", "header/X-Request-Id required"], collector.Errors.Select(e => e.Path + " " + e.Keyword));

        // And bodies by content type, with read-only properties refused in requests.
        var body = new ValidationCollector();
        Assert.False(op.ValidateBody("""{"id":1,"name":"Rex","kind":"cat"}"""u8.ToArray(), "application/json; charset=utf-8", body));
        Assert.Equal("body/id readOnly", Assert.Single(body.Errors) is var e ? e.Path + " " + e.Keyword : null);
        Assert.True(ValidatedPetsClientValidation.Pet.Validate(JsonDocument.Parse(PetJson).RootElement, ValidationDirection.Response).IsValid);
    }
}
