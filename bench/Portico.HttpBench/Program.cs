using System.Diagnostics;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portico;
using Portico.HttpBench;
using Portico.HttpBench.Client;

// Usage: dotnet run -c Release --project bench/Portico.HttpBench -- [throughput|overhead|all]
string what = args.FirstOrDefault() ?? "all";
if (what is "throughput" or "all") await Throughput.RunAsync();
if (what is "overhead" or "all") BenchmarkRunner.Run<Overhead>(DefaultConfig.Instance.WithOptions(ConfigOptions.DisableOptimizationsValidator), args.Skip(1).ToArray());

namespace Portico.HttpBench
{
    /// <summary>A loopback server; optionally throttles like API Gateway (continuous token bucket, 429 Too Many Requests).</summary>
    public sealed class Server : IAsyncDisposable
    {
        private WebApplication _app = null!;
        public string Address { get; private set; } = "";
        public int Served, Throttled;

        public static async Task<Server> StartAsync(double? rate = null, int burst = 1)
        {
            var s = new Server();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            s._app = builder.Build();
            object gate = new();
            double tokens = burst;
            long last = Stopwatch.GetTimestamp();
            s._app.Run(async context =>
            {
                if (rate is double r)
                {
                    bool ok;
                    lock (gate)
                    {
                        long now = Stopwatch.GetTimestamp();
                        tokens = Math.Min(burst, tokens + (now - last) * r / Stopwatch.Frequency);
                        last = now;
                        ok = tokens >= 1;
                        if (ok) tokens -= 1;
                    }
                    if (!ok)
                    {
                        Interlocked.Increment(ref s.Throttled);
                        context.Response.StatusCode = 429;
                        await context.Response.WriteAsync("{\"message\":\"Too Many Requests\"}");
                        return;
                    }
                }
                Interlocked.Increment(ref s.Served);
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"id\":42,\"name\":\"Rex\",\"tag\":\"dog\",\"status\":\"available\"}");
            });
            await s._app.StartAsync();
            s.Address = s._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return s;
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }

    /// <summary>N calls against a server allowing r/s with burst b: the generated client with Portico's pipeline, then a plain HttpClient.</summary>
    public static class Throughput
    {
        public static async Task RunAsync()
        {
            const double rate = 100;
            const int burst = 10, calls = 500;
            Console.WriteLine($"## Throughput under an API Gateway token bucket ({rate}/s, burst {burst}), {calls} concurrent calls");
            Console.WriteLine();
            Console.WriteLine("| client | succeeded | failed | 429s seen by the server | time (s) | throughput (/s) | of allowed |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            {
                await using var server = await Server.StartAsync(rate, burst);
                var options = new PorticoClientOptions();
                options.Resilience.RateLimit = rate;
                options.Resilience.BurstLimit = burst;
                options.Resilience.MaxQueueTime = TimeSpan.FromSeconds(60);
                using var http = new HttpClient(PorticoPipeline.CreateHandler(options, [])) { BaseAddress = new Uri(server.Address) };
                var client = new BenchClient(http);
                var sw = Stopwatch.StartNew();
                var results = await Task.WhenAll(Enumerable.Range(0, calls).Select(async i =>
                {
                    try { await client.GetPetAsync(i); return true; } catch (Exception) { return false; }
                }));
                sw.Stop();
                Row("generated client + Portico pipeline", results.Count(r => r), results.Count(r => !r), server.Throttled, sw.Elapsed.TotalSeconds, calls, rate, burst);
            }
            {
                await using var server = await Server.StartAsync(rate, burst);
                using var http = new HttpClient { BaseAddress = new Uri(server.Address) };
                var sw = Stopwatch.StartNew();
                var results = await Task.WhenAll(Enumerable.Range(0, calls).Select(async i =>
                {
                    using var r = await http.GetAsync("/pets/" + i);
                    return r.IsSuccessStatusCode;
                }));
                sw.Stop();
                Row("plain HttpClient", results.Count(r => r), results.Count(r => !r), server.Throttled, sw.Elapsed.TotalSeconds, calls, rate, burst);
            }
            Console.WriteLine();
        }

        private static void Row(string name, int ok, int failed, int throttled, double seconds, int calls, double rate, int burst)
        {
            // Allowed throughput for this run: the burst at once, then the rate.
            double allowedSeconds = Math.Max((ok - burst) / rate, 1e-9);
            double throughput = ok / seconds;
            double ofAllowed = allowedSeconds / seconds * 100;
            string share = failed == 0 ? $"{Math.Min(ofAllowed, 100):F0}%" : "n/a: calls failed";
            Console.WriteLine($"| {name} | {ok} | {failed} | {throttled} | {seconds:F2} | {throughput:F1} | {share} |");
        }
    }

    [JsonSerializable(typeof(PetDto))]
    internal sealed partial class DtoContext : JsonSerializerContext;

    internal sealed class PetDto
    {
        [JsonPropertyName("id")] public long Id { get; set; }
        [JsonPropertyName("name")] public string Name { get; set; } = "";
        [JsonPropertyName("tag")] public string? Tag { get; set; }
        [JsonPropertyName("status")] public string? Status { get; set; }
    }

    /// <summary>Per-call cost of the generated client and its pipeline against a plain HttpClient + System.Text.Json source-gen call.</summary>
    [MemoryDiagnoser]
    public class Overhead
    {
        private Server _server = null!;
        private HttpClient _plain = null!, _porticoHttp = null!;
        private BenchClient _portico = null!, _porticoBare = null!;

        [GlobalSetup]
        public void Setup()
        {
            _server = Server.StartAsync().GetAwaiter().GetResult();
            _plain = new HttpClient { BaseAddress = new Uri(_server.Address) };
            var options = new PorticoClientOptions();
            options.Credentials.ApiKey = "bench-key";
            _porticoHttp = new HttpClient(PorticoPipeline.CreateHandler(options, [new Portico.Auth.SecuritySchemeInfo("api_key", Portico.Auth.SecuritySchemeKind.ApiKey, "x-api-key")])) { BaseAddress = new Uri(_server.Address) };
            _portico = new BenchClient(_porticoHttp);
            _porticoBare = new BenchClient(_plain);
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            _plain.Dispose();
            _porticoHttp.Dispose();
            _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        [Benchmark(Baseline = true, Description = "HttpClient + STJ source-gen")]
        public async Task<long> Plain()
        {
            using var response = await _plain.GetAsync("/pets/42", HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var stream = await response.Content.ReadAsStreamAsync();
            var pet = await System.Text.Json.JsonSerializer.DeserializeAsync(stream, DtoContext.Default.PetDto);
            return pet!.Id;
        }

        [Benchmark(Description = "generated client (plain HttpClient)")]
        public async Task<long> Generated() => (await _porticoBare.GetPetAsync(42)).Id;

        [Benchmark(Description = "generated client + Portico pipeline")]
        public async Task<long> GeneratedWithPipeline() => (await _portico.GetPetAsync(42)).Id;
    }
}
