using System.Text;
using System.Text.Json;
using Portico.Auth;
using Xunit;

namespace Portico.Runtime.Tests.Auth;

/// <summary>Every case of the AWS SigV4 test suite (aws-c-auth), header and query signing.</summary>
public sealed class SigV4SignerTests
{
    private static string SuiteDir => Path.Combine(SharedDir(), "testsuites", "sigv4", "v4");

    internal static string SharedDir()
    {
        if (Environment.GetEnvironmentVariable("PORTICO_SHARED_DIR") is { Length: > 0 } s) return s;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Generator.sln"))) dir = dir.Parent;
        return Path.GetFullPath(Path.Combine(dir!.FullName, "..", "shared"));
    }

    public static IEnumerable<object[]> Cases() => Directory.EnumerateDirectories(SuiteDir).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).Select(n => new object[] { n! });

    [Fact]
    public void Suite_has_all_38_cases() => Assert.Equal(38, Cases().Count());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Header_signing_matches_the_vector(string name) => Check(name, query: false);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Query_signing_matches_the_vector(string name) => Check(name, query: true);

    private static void Check(string name, bool query)
    {
        string dir = Path.Combine(SuiteDir, name);
        using var context = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "context.json")));
        var root = context.RootElement;
        var creds = root.GetProperty("credentials");
        var credentials = new AwsCredentials(
            creds.GetProperty("access_key_id").GetString()!,
            creds.GetProperty("secret_access_key").GetString()!,
            creds.TryGetProperty("token", out var t) ? t.GetString() : null);
        var options = new SigV4Options
        {
            NormalizePath = root.GetProperty("normalize").GetBoolean(),
            SignBody = root.GetProperty("sign_body").GetBoolean(),
            OmitSessionTokenFromSignature = root.TryGetProperty("omit_session_token", out var o) && o.GetBoolean(),
            SignQuery = query,
            Expires = TimeSpan.FromSeconds(root.GetProperty("expiration_in_seconds").GetInt32()),
        };
        var request = ParseRequest(File.ReadAllBytes(Path.Combine(dir, "request.txt")));
        var time = DateTimeOffset.Parse(root.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        var result = SigV4Signer.Sign(request, credentials, root.GetProperty("region").GetString()!, root.GetProperty("service").GetString()!, time, options);

        string prefix = query ? "query-" : "header-";
        Assert.Equal(File.ReadAllText(Path.Combine(dir, prefix + "canonical-request.txt")), result.CanonicalRequest);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, prefix + "string-to-sign.txt")), result.StringToSign);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, prefix + "signature.txt")).Trim(), result.Signature);
        string signed = File.ReadAllText(Path.Combine(dir, prefix + "signed-request.txt"));
        if (query)
        {
            Assert.Contains("X-Amz-Signature=" + result.Signature, signed);
        }
        else
        {
            var auth = result.HeadersToAdd.Single(h => h.Key == "Authorization").Value;
            Assert.Contains("Authorization:" + auth, signed);
        }
    }

    /// <summary>Reads the suite's raw HTTP request: request line, headers (with folded continuation lines), blank line, body.</summary>
    internal static SigV4Request ParseRequest(byte[] raw)
    {
        string text = Encoding.UTF8.GetString(raw);
        int split = text.IndexOf("\n\n", StringComparison.Ordinal);
        string head = split >= 0 ? text[..split] : text.TrimEnd('\n');
        string body = split >= 0 ? text[(split + 2)..] : string.Empty;
        var lines = head.Split('\n');
        var first = lines[0].Split(' ');
        string method = first[0];
        string target = string.Join(" ", first.Skip(1).Take(first.Length - 2));
        string path = target;
        var query = new List<KeyValuePair<string, string>>();
        int q = target.IndexOf('?');
        if (q >= 0)
        {
            path = target[..q];
            foreach (var pair in target[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = pair.IndexOf('=');
                // The request line is wire text: query components are percent-decoded before signing re-encodes them.
                query.Add(eq >= 0 ? new(Uri.UnescapeDataString(pair[..eq]), Uri.UnescapeDataString(pair[(eq + 1)..])) : new(Uri.UnescapeDataString(pair), string.Empty));
            }
        }
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && headers.Count > 0)
            {
                var last = headers[^1];
                headers[^1] = new(last.Key, last.Value + " " + line.Trim());
                continue;
            }
            int colon = line.IndexOf(':');
            headers.Add(new(line[..colon], line[(colon + 1)..]));
        }
        return new SigV4Request(method, path, query, headers, Encoding.UTF8.GetBytes(body));
    }
}
