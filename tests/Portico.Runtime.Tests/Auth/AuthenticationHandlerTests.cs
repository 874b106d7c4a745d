using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Portico.Auth;
using Xunit;

namespace Portico.Runtime.Tests.Auth;

/// <summary>Credentials per scheme against loopback servers that record exactly what arrived.</summary>
public sealed class AuthenticationHandlerTests : IAsyncLifetime
{
    private static readonly SecuritySchemeInfo[] Schemes =
    [
        new("api_key", SecuritySchemeKind.ApiKey, "x-api-key", ApiKeyLocation.Header),
        new("query_key", SecuritySchemeKind.ApiKey, "key", ApiKeyLocation.Query),
        new("cookie_key", SecuritySchemeKind.ApiKey, "session", ApiKeyLocation.Cookie),
        new("cognito", SecuritySchemeKind.Bearer),
        new("basic", SecuritySchemeKind.Basic),
        new("oauth", SecuritySchemeKind.OAuth2ClientCredentials, tokenUrl: null),
        new("authorizer", SecuritySchemeKind.LambdaAuthorizer, "X-Auth-Token"),
        new("iam", SecuritySchemeKind.AwsSigV4),
    ];

    private readonly ConcurrentQueue<(string Host, string Path, IHeaderDictionary Headers, string Query)> _seen = new();
    private WebApplication? _main, _other;
    private string _mainAddress = "", _otherAddress = "";
    private int _tokenCalls;

    public async Task InitializeAsync()
    {
        (_main, _mainAddress) = await StartAsync("127.0.0.1", true);
        (_other, _otherAddress) = await StartAsync("127.0.0.2", false);
    }

    private Task<(WebApplication, string)> StartAsync(string ip, bool main) => Loopback.StartAsync(async context =>
    {
        var req = context.Request;
        if (main && req.Path == "/token")
        {
            Interlocked.Increment(ref _tokenCalls);
            var form = await req.ReadFormAsync();
            bool ok = req.Headers.Authorization.ToString() == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("client-1:s3cret")) && form["grant_type"] == "client_credentials";
            context.Response.StatusCode = ok ? 200 : 401;
            await context.Response.WriteAsync(ok ? "{\"access_token\":\"tok-" + _tokenCalls + "\",\"expires_in\":300,\"token_type\":\"Bearer\"}" : "{\"error\":\"invalid_client\"}");
            return;
        }
        _seen.Enqueue((req.Host.Host, req.Path, new HeaderDictionary(req.Headers.ToDictionary(h => h.Key, h => h.Value)), req.QueryString.Value ?? ""));
        if (req.Path == "/moved-away") { context.Response.Redirect(_otherAddress + "/landed"); return; }
        if (req.Path == "/moved-here") { context.Response.Redirect("/landed"); return; }
        await context.Response.WriteAsync("{}");
    }, ip);

    public async Task DisposeAsync()
    {
        if (_main is not null) await _main.DisposeAsync();
        if (_other is not null) await _other.DisposeAsync();
    }

    private HttpClient Client(PorticoCredentials credentials, TimeProvider? time = null)
        => new(new RedirectHandler { InnerHandler = new AuthenticationHandler(Schemes, credentials, time) { InnerHandler = new HttpClientHandler { AllowAutoRedirect = false } } });

    private async Task<(string Host, string Path, IHeaderDictionary Headers, string Query)> Call(HttpClient client, string path, params string[][] security)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _mainAddress + path);
        SecurityRequirements.Set(request, security);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return _seen.Last();
    }

    [Fact]
    public async Task Api_key_goes_where_the_scheme_says()
    {
        using var client = Client(new PorticoCredentials { ApiKey = "k-123" });
        Assert.Equal("k-123", (await Call(client, "/a", ["api_key"])).Headers["x-api-key"]);
        Assert.Equal("?key=k-123", (await Call(client, "/b", ["query_key"])).Query);
        Assert.Equal("session=k-123", (await Call(client, "/c", ["cookie_key"])).Headers.Cookie);
    }

    [Fact]
    public async Task Bearer_basic_and_authorizer_tokens()
    {
        int calls = 0;
        var credentials = new PorticoCredentials
        {
            BearerTokenProvider = _ => new ValueTask<string>("jwt-" + Interlocked.Increment(ref calls)),
            Basic = ("ann", "pa:ss"),
            AuthorizerTokenProvider = _ => new ValueTask<string>("allow-me"),
        };
        using var client = Client(credentials);
        Assert.Equal("Bearer jwt-1", (await Call(client, "/a", ["cognito"])).Headers.Authorization);
        Assert.Equal("Bearer jwt-2", (await Call(client, "/a", ["cognito"])).Headers.Authorization);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ann:pa:ss")), (await Call(client, "/b", ["basic"])).Headers.Authorization);
        Assert.Equal("allow-me", (await Call(client, "/c", ["authorizer"])).Headers["X-Auth-Token"]);
    }

    [Fact]
    public async Task Security_none_sends_no_credentials()
    {
        using var client = Client(new PorticoCredentials { ApiKey = "k", BearerTokenProvider = _ => new("t") });
        var seen = await Call(client, "/public");
        Assert.False(seen.Headers.ContainsKey("x-api-key"));
        Assert.False(seen.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task The_first_alternative_with_credentials_is_used_and_combined_schemes_all_apply()
    {
        using var client = Client(new PorticoCredentials { ApiKey = "k-9", BearerTokenProvider = _ => new("t-9") });
        var seen = await Call(client, "/a", ["basic"], ["api_key", "cognito"]);
        Assert.Equal("k-9", seen.Headers["x-api-key"]);
        Assert.Equal("Bearer t-9", seen.Headers.Authorization);
    }

    [Fact]
    public async Task Iam_signing_covers_the_api_key_header()
    {
        var credentials = new PorticoCredentials { ApiKey = "k-1", Aws = new StaticAwsCredentialsProvider(new AwsCredentials("AKIDEXAMPLE", "secret")), AwsRegion = "us-east-1" };
        using var client = Client(credentials);
        var seen = await Call(client, "/a", ["api_key", "iam"]);
        string auth = seen.Headers.Authorization!;
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", auth);
        Assert.Contains("x-api-key", auth);
        Assert.Equal("k-1", seen.Headers["x-api-key"]);
    }

    [Fact]
    public async Task Client_credentials_tokens_are_fetched_once_cached_and_refreshed_before_expiry()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var credentials = new PorticoCredentials { ClientId = "client-1", ClientSecret = "s3cret", TokenUrl = _mainAddress + "/token" };
        using var client = Client(credentials, time);
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Call(client, "/a", ["oauth"])));
        Assert.Equal(1, _tokenCalls);
        Assert.All(_seen, s => Assert.Equal("Bearer tok-1", s.Headers.Authorization));
        time.Advance(TimeSpan.FromSeconds(230)); // still 70 s left: more than the refresh margin
        Assert.Equal("Bearer tok-1", (await Call(client, "/a", ["oauth"])).Headers.Authorization);
        time.Advance(TimeSpan.FromSeconds(20)); // 50 s left: refreshed
        Assert.Equal("Bearer tok-2", (await Call(client, "/a", ["oauth"])).Headers.Authorization);
        Assert.Equal(2, _tokenCalls);
    }

    [Fact]
    public async Task A_rejected_token_request_names_the_problem_without_the_secret()
    {
        var credentials = new PorticoCredentials { ClientId = "client-1", ClientSecret = "wrong-secret", TokenUrl = _mainAddress + "/token" };
        using var client = Client(credentials);
        using var request = new HttpRequestMessage(HttpMethod.Get, _mainAddress + "/a");
        SecurityRequirements.Set(request, [["oauth"]]);
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(request));
        Assert.Contains("invalid_client", ex.Message);
        Assert.DoesNotContain("wrong-secret", ex.Message);
    }

    [Fact]
    public async Task Credentials_never_follow_a_redirect_to_another_host()
    {
        using var client = Client(new PorticoCredentials { ApiKey = "k-secret", BearerTokenProvider = _ => new("t-secret") });
        var landed = await Call(client, "/moved-away", ["api_key", "cognito"]);
        Assert.Equal("127.0.0.2", landed.Host);
        Assert.Equal("/landed", landed.Path);
        Assert.False(landed.Headers.ContainsKey("x-api-key"));
        Assert.False(landed.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task Credentials_follow_a_redirect_on_the_same_host()
    {
        using var client = Client(new PorticoCredentials { ApiKey = "k-1" });
        var landed = await Call(client, "/moved-here", ["api_key"]);
        Assert.Equal("/landed", landed.Path);
        Assert.Equal("k-1", landed.Headers["x-api-key"]);
    }

    [Fact]
    public void Credentials_do_not_print_secrets()
    {
        var c = new PorticoCredentials { ApiKey = "k-secret", ClientSecret = "s-secret", Basic = ("u", "p-secret") };
        Assert.DoesNotContain("secret", c.ToString());
    }
}
