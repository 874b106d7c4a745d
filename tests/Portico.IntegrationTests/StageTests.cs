using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Portico.IntegrationTests.Staged;

namespace Portico.IntegrationTests;

/// <summary>
/// A document built with overlays through the real MSBuild targets: the common overlay adds an operation and a property,
/// the prod stage's overlay sets the build's server, and the generated stages class sends to another stage at run time.
/// </summary>
public sealed class StageTests
{
    [Fact]
    public void The_build_uses_the_prod_stage_and_knows_every_stage()
    {
        Assert.Equal("http://127.0.0.1:47615/prod", StagedClient.DefaultBaseAddress);
        Assert.Equal("prod", StagedClientStages.Current);
        Assert.Equal(["dev", "prod"], StagedClientStages.Names);
        Assert.Equal(new Uri("http://127.0.0.1:47615/dev/"), StagedClientStages.BaseAddress(StagedClientStages.Dev));
        Assert.Equal("pets-dev.internal", StagedClientStages.Variables("dev")["backend"]);
        Assert.Throws<ArgumentException>(() => StagedClientStages.BaseAddress("qa"));
        // The common overlay's property is part of the model.
        Assert.NotNull(typeof(Pet).GetProperty("Tag"));
    }

    [Fact]
    public async Task A_client_created_for_a_stage_sends_to_that_stage_and_the_default_client_to_the_built_one()
    {
        await using var server = await RecordingServer.StartAsync(app =>
        {
            app.MapGet("/{stage}/pets/{id}", (string stage, long id) => Results.Text("{\"id\":" + id + ",\"name\":\"" + stage + "\",\"tag\":\"t\"}", "application/json"));
            app.MapGet("/{stage}/health", (string stage) => Results.Text("ok " + stage, "text/plain"));
        });

        using var devHttp = new HttpClient(new PortRedirect(server.Port));
        var dev = StagedClientStages.Create("dev", devHttp);
        var pet = await dev.GetPetAsync(7);

        using var prodHttp = new HttpClient(new PortRedirect(server.Port));
        var prod = new StagedClient(prodHttp);
        string health = await prod.HealthAsync();

        Assert.Equal("dev", pet.Name);
        Assert.Equal("t", pet.Tag);
        Assert.Equal("ok prod", health);
        Assert.Equal(["/dev/pets/7", "/prod/health"], server.Requests.Select(r => r.RawPath));
    }

    [Fact]
    public async Task A_stage_client_with_the_whole_pipeline_sends_to_the_stage()
    {
        await using var server = await RecordingServer.StartAsync(app => app.MapGet("/{stage}/health", (string stage) => Results.Text("ok " + stage, "text/plain")));
        var client = StagedClientStages.Create("dev", options => options.Resilience.MaxRetryAttempts = 0, out var http);
        using (http)
        {
            // The stage's address has the build's fixed port; the request is pointed at the test server's port on the way out.
            Assert.Equal(new Uri("http://127.0.0.1:47615/dev/"), http.BaseAddress);
            http.BaseAddress = new UriBuilder(http.BaseAddress!) { Port = server.Port }.Uri;
            Assert.Equal("ok dev", await client.HealthAsync());
        }
    }

    private sealed class PortRedirect(int port) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Equal("127.0.0.1", request.RequestUri!.Host);
            Assert.Equal(47615, request.RequestUri.Port);
            request.RequestUri = new UriBuilder(request.RequestUri) { Port = port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
