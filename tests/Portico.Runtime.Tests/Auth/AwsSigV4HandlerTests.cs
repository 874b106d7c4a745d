using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Portico.Auth;
using Xunit;

namespace Portico.Runtime.Tests.Auth;

/// <summary>
/// The handler against a Kestrel server on 127.0.0.1 that checks signatures as API Gateway does: it rebuilds the
/// canonical request from what arrived on the wire (raw target, signed headers, body hash) and compares.
/// </summary>
public sealed class AwsSigV4HandlerTests : IAsyncLifetime
{
    private static readonly AwsCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token-1");
    private WebApplication? _app;
    private string _address = "";
    private readonly List<string> _verdicts = new();

    public async Task InitializeAsync()
    {
        (_app, _address) = await Loopback.StartAsync(async context =>
        {
            string verdict = await VerifyAsync(context.Request, context.Features.Get<IHttpRequestFeature>()!.RawTarget);
            lock (_verdicts) _verdicts.Add(verdict);
            context.Response.StatusCode = verdict == "ok" ? 200 : 403;
            await context.Response.WriteAsync(verdict == "ok" ? "{}" : "{\"message\":\"" + verdict + "\"}");
        });
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private static async Task<string> VerifyAsync(HttpRequest request, string rawTarget)
    {
        string? auth = request.Headers.Authorization;
        if (auth is null || !auth.StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal)) return "Missing Authentication Token";
        var parts = auth["AWS4-HMAC-SHA256 ".Length..].Split(", ").Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var scope = parts["Credential"].Split('/');
        if (scope[0] != Credentials.AccessKeyId || scope[3] != "execute-api") return "Invalid credential scope";
        if (request.Headers["X-Amz-Security-Token"] != Credentials.SessionToken) return "The security token included in the request is invalid";
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var signedNames = parts["SignedHeaders"].Split(';');
        var headers = signedNames.Select(n => new KeyValuePair<string, string>(n, string.Join(",", request.Headers[n].ToArray()))).ToList();
        int q = rawTarget.IndexOf('?');
        string path = q >= 0 ? rawTarget[..q] : rawTarget;
        var query = q < 0 ? new List<KeyValuePair<string, string>>() : rawTarget[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Select(p => new KeyValuePair<string, string>(Uri.UnescapeDataString(p[0]), p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "")).ToList();
        var time = DateTimeOffset.ParseExact(request.Headers["X-Amz-Date"].ToString(), "yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
        // Headers other than the ones the signer adds itself.
        var given = headers.Where(h => h.Key is not ("x-amz-date" or "x-amz-security-token" or "x-amz-content-sha256")).ToList();
        var expected = SigV4Signer.Sign(new SigV4Request(request.Method, path, query, given, buffer.ToArray()), Credentials, scope[2], "execute-api", time, new SigV4Options { SignBody = true });
        return expected.Signature == parts["Signature"] ? "ok" : "The request signature we calculated does not match the signature you provided.";
    }

    private HttpClient Client(TimeProvider? time = null) => new(new AwsSigV4Handler(new StaticAwsCredentialsProvider(Credentials), "eu-west-1", timeProvider: time) { InnerHandler = new HttpClientHandler() })
    {
        BaseAddress = new Uri(_address + "/prod/"),
    };

    [Fact]
    public async Task Signed_get_with_query_and_encoded_path_is_accepted()
    {
        using var http = Client();
        using var response = await http.GetAsync("pets/a%20b%2Fc?tags=x&tags=y%26z&limit=10&empty=");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", _verdicts.Single());
    }

    [Fact]
    public async Task Signed_post_with_json_body_is_accepted_and_the_body_is_hashed()
    {
        using var http = Client();
        using var response = await http.PostAsync("orders", new StringContent("{\"petId\":1}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_rejected()
    {
        using var http = new HttpClient(new TamperingHandler { InnerHandler = new AwsSigV4Handler(new StaticAwsCredentialsProvider(Credentials), "eu-west-1") { InnerHandler = new TamperAfterHandler { InnerHandler = new HttpClientHandler() } } })
        {
            BaseAddress = new Uri(_address + "/prod/"),
        };
        using var response = await http.PostAsync("orders", new StringContent("{\"petId\":1}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("signature", _verdicts.Single());
    }

    [Fact]
    public async Task Signature_uses_the_injected_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        using var http = Client(clock);
        using var request = new HttpRequestMessage(HttpMethod.Get, "pets");
        using var response = await http.SendAsync(request);
        Assert.Equal("20300102T030405Z", request.Headers.GetValues("X-Amz-Date").Single());
        Assert.Contains("/20300102/eu-west-1/execute-api/aws4_request", request.Headers.GetValues("Authorization").Single());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Region_is_read_from_an_api_gateway_host()
    {
        Assert.Equal("eu-west-1", AwsSigV4Handler.RegionFromHost("abc123.execute-api.eu-west-1.amazonaws.com"));
        Assert.Equal("cn-north-1", AwsSigV4Handler.RegionFromHost("abc123.execute-api.cn-north-1.amazonaws.com.cn"));
        Assert.Null(AwsSigV4Handler.RegionFromHost("127.0.0.1"));
    }

    [Fact]
    public void Credentials_never_show_their_secret()
    {
        Assert.DoesNotContain(Credentials.SecretAccessKey, Credentials.ToString());
    }

    private sealed class TamperingHandler : DelegatingHandler;

    /// <summary>Changes the body after the signer ran, as a buggy proxy would.</summary>
    private sealed class TamperAfterHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Content = new StringContent("{\"petId\":2}", Encoding.UTF8, "application/json");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
