using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portico.Auth;
using Xunit;

namespace Portico.Runtime.Tests.Auth;

/// <summary>Credentials never reach the logs of a client registered through Portico, even an API key sent in the query.</summary>
public sealed class LoggingRedactionTests
{
    [Fact]
    public async Task A_query_api_key_is_not_logged()
    {
        var (app, address) = await Loopback.StartAsync(context => context.Response.WriteAsync("{}"));
        await using var server = app;

        var sink = new Sink();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(sink));
        var options = new PorticoClientOptions();
        options.Credentials.ApiKey = "k-super-secret-value";
        services.AddHttpClient("keyed", http => http.BaseAddress = new Uri(address))
            .AddPorticoHandlers(options, [new SecuritySchemeInfo("query_key", SecuritySchemeKind.ApiKey, "key", ApiKeyLocation.Query)]);
        using var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("keyed");
        using var request = new HttpRequestMessage(HttpMethod.Get, "items?page=2");
        SecurityRequirements.Set(request, [["query_key"]]);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();

        Assert.Contains(sink.Lines, l => l.Contains("/items") && l.Contains("200"));
        Assert.DoesNotContain(sink.Lines, l => l.Contains("k-super-secret-value"));
        Assert.Equal("http://h/a?*", Portico.Http.RedactingHttpLogger.Redact(new Uri("http://user:pw@h/a?key=x")));
    }

    private sealed class Sink : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();
        public ILogger CreateLogger(string categoryName) => new Logger(this);
        public void Dispose() { }

        private sealed class Logger(Sink sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                => sink.Lines.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception));
        }
    }
}
