using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Portico.IntegrationTests.Shared;

namespace Portico.IntegrationTests;

/// <summary>Inline schemas written alike share one type; object converters read by name table and write every property.</summary>
public sealed class SharedSchemaTests
{
    private const string Ns = "Portico.IntegrationTests.Shared.";

    [Fact]
    public void Inline_enums_with_the_same_values_in_the_same_order_share_the_first_type()
    {
        // Compiles only because Ticket.PreviousState and Milestone.State are TicketState too.
        TicketState? previous = new Ticket { Id = 1, State = TicketState.Open, Owner = new TicketOwner { Login = "a" } }.PreviousState;
        var milestone = new Milestone { State = TicketState.Closed };
        Assert.Null(previous);
        Assert.Equal("closed", milestone.State!.Value.Value);

        var assembly = typeof(Ticket).Assembly;
        Assert.Null(assembly.GetType(Ns + "TicketPreviousState"));
        Assert.Null(assembly.GetType(Ns + "MilestoneState"));
        // Another order is another list: it keeps a type of its own.
        Assert.Equal(typeof(TicketPriority?), typeof(Ticket).GetProperty(nameof(Ticket.Priority))!.PropertyType);
        Assert.Equal(new[] { "Closed", "Open" }, typeof(TicketPriority).GetProperties().Where(p => p.GetMethod!.IsStatic).Select(p => p.Name).Order().ToArray());
    }

    [Fact]
    public void Inline_objects_written_alike_share_a_type_and_others_do_not()
    {
        Assert.Equal(typeof(TicketOwner), typeof(Ticket).GetProperty(nameof(Ticket.Reviewer))!.PropertyType);
        Assert.Equal(typeof(TicketReporter), typeof(Ticket).GetProperty(nameof(Ticket.Reporter))!.PropertyType);
        Assert.Null(typeof(Ticket).Assembly.GetType(Ns + "TicketReviewer"));
        Assert.Null(typeof(Ticket).Assembly.GetType(Ns + "TicketReviewerKind"));
        Assert.Null(typeof(TicketReporter).GetProperty("Kind"));
    }

    [Fact]
    public void An_explicit_additionalProperties_true_keeps_an_inline_object_apart()
    {
        Assert.Equal(typeof(TicketMeta), typeof(Ticket).GetProperty(nameof(Ticket.MetaCopy))!.PropertyType);
        Assert.Equal(typeof(TicketMetaOpen), typeof(Ticket).GetProperty(nameof(Ticket.MetaOpen))!.PropertyType);
        Assert.NotNull(typeof(TicketMetaOpen).GetProperty("AdditionalProperties"));
        Assert.Null(typeof(TicketMeta).GetProperty("AdditionalProperties"));
        var open = JsonSerializer.Deserialize("""{"source":"a","more":[1]}""", TrackerClientJsonContext.Default.TicketMetaOpen)!;
        Assert.Equal("a", open.Source);
        Assert.Equal("[1]", open.AdditionalProperties!["more"].GetRawText());
    }

    [Fact]
    public async Task Objects_are_read_in_any_property_order_with_unknown_members_skipped_or_kept()
    {
        const string answer = """
            {
              "owner": {"kind": "robot", "login": "ann", "extra": [1, {"x": 2}]},
              "unknown": {"deep": [true, null]},
              "state": "closed",
              "labels": {"team": "core", "color": "red", "size": "xl"},
              "id": 7,
              "reviewer": {"login": "bob", "kind": "bot"},
              "previousState": null,
              "priority": "open"
            }
            """;
        await using var server = await RecordingServer.StartAsync(app => app.MapGet("/tickets/{id}", () => Results.Text(answer, "application/json")));
        using var http = server.CreateHttpClient();
        var client = new TrackerClient(http);

        var ticket = await client.Tickets.GetTicketAsync(7);

        Assert.Equal("/tickets/7", server.Single.RawPath);
        Assert.Equal(7, ticket.Id);
        Assert.Equal(TicketState.Closed, ticket.State);
        Assert.Null(ticket.PreviousState);
        Assert.Equal(TicketPriority.Open, ticket.Priority);
        Assert.Equal("ann", ticket.Owner.Login);
        Assert.Equal("robot", ticket.Owner.Kind!.Value.Value);
        Assert.False(ticket.Owner.Kind.Value.IsKnown);
        Assert.Equal(TicketOwnerKind.Bot, ticket.Reviewer!.Kind);
        Assert.Equal("red", ticket.Labels!.Color);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "core", ["size"] = "xl" }, ticket.Labels.AdditionalProperties);
        Assert.Null(ticket.Reporter);
    }

    [Fact]
    public async Task A_missing_required_property_fails_with_its_name()
    {
        await using var server = await RecordingServer.StartAsync(app => app.MapGet("/tickets/{id}", () => Results.Text("""{"id": 1, "state": "open"}""", "application/json")));
        using var http = server.CreateHttpClient();
        var client = new TrackerClient(http);

        var e = await Assert.ThrowsAnyAsync<JsonException>(() => client.Tickets.GetTicketAsync(1));
        Assert.Contains("'owner'", e.Message, StringComparison.Ordinal);
        Assert.Contains("Ticket", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Objects_are_written_with_set_properties_and_required_ones_even_when_null()
    {
        await using var server = await RecordingServer.StartAsync(app => app.MapPut("/tickets/{id}", async (HttpRequest r) =>
        {
            using var reader = new StreamReader(r.Body);
            return Results.Text(await reader.ReadToEndAsync(), "application/json");
        }));
        using var http = server.CreateHttpClient();
        // An unknown enum value is written as it is; request validation (which would refuse it) is off for this call.
        var client = new TrackerClient(http, new Portico.PorticoClientOptions { ValidateRequests = false });
        var sent = new Ticket
        {
            Id = 3,
            State = "reopened",
            Owner = new TicketOwner { Login = "ann", Kind = TicketOwnerKind.User },
            Labels = new TicketLabels { Color = "blue", AdditionalProperties = new Dictionary<string, string> { ["team"] = "web" } },
        };

        var echoed = await client.Tickets.PutTicketAsync(3, sent);

        Assert.Equal("""{"id":3,"state":"reopened","owner":{"login":"ann","kind":"user"},"labels":{"color":"blue","team":"web"}}""", server.Single.BodyText);
        Assert.Equal("reopened", echoed.State.Value);
        Assert.False(echoed.State.IsKnown);
        Assert.Equal("web", echoed.Labels!.AdditionalProperties!["team"]);
    }
}
