using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;
using NSwag;
using Portico.Validation;

namespace Portico.ValidationBench;

/// <summary>One document's schema under test: Portico's generated validator and NJsonSchema's schema for the same component.</summary>
public sealed record Subject(string Name, SchemaValidator Portico, JsonSchema NJsonSchema, string ValidJson, string InvalidJson);

/// <summary>
/// Real payloads for real schemas: GitHub's issue and pull request (the examples of the description itself) and a
/// Stripe charge and customer (shaped as Stripe's API reference shows them); each also made invalid in a few places.
/// </summary>
public static class Payloads
{
    private static readonly Lazy<IReadOnlyDictionary<string, Subject>> s_all = new(Load);

    public static IReadOnlyDictionary<string, Subject> All => s_all.Value;

    public static string SharedDir
    {
        get
        {
            string? env = Environment.GetEnvironmentVariable("PORTICO_SHARED_DIR");
            if (!string.IsNullOrEmpty(env)) return env;
            return typeof(Payloads).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PorticoSharedDir").Value!;
        }
    }

    private static IReadOnlyDictionary<string, Subject> Load()
    {
        string real = Path.Combine(SharedDir, "specs", "real");
        string githubPath = Path.Combine(real, "github-api.github.com.json");
        var github = OpenApiDocument.FromFileAsync(githubPath).GetAwaiter().GetResult();
        var stripe = OpenApiYamlDocument.FromFileAsync(Path.Combine(real, "stripe-spec3.yaml")).GetAwaiter().GetResult();
        var githubJson = JsonNode.Parse(File.ReadAllText(githubPath))!;
        string Example(string name) => githubJson["components"]!["examples"]![name]!["value"]!.ToJsonString();
        string Local(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", file));

        var list = new[]
        {
            new Subject("github-issue", GitHub.GitHubClientValidation.Issue, github.Components.Schemas["issue"], Example("issue"),
                Mutate(Example("issue"), ("number", "\"forty-two\""), ("title", "5"), ("user/login", "null"), ("labels/0/id", "\"one\""))),
            new Subject("github-pull", GitHub.GitHubClientValidation.PullRequest, github.Components.Schemas["pull-request"], Example("pull-request"),
                Mutate(Example("pull-request"), ("number", "\"x\""), ("head/sha", "1"), ("base/repo/owner", "\"octocat\""), ("commits", "-1.5"))),
            new Subject("stripe-charge", Stripe.StripeClientValidation.Charge, stripe.Components.Schemas["charge"], Local("stripe-charge.json"),
                Mutate(Local("stripe-charge.json"), ("amount", "\"1099\""), ("status", "\"refused\""), ("metadata/order_id", "1042"), ("outcome/risk_score", "\"low\""))),
            new Subject("stripe-customer", Stripe.StripeClientValidation.Customer, stripe.Components.Schemas["customer"], Local("stripe-customer.json"),
                Mutate(Local("stripe-customer.json"), ("created", "\"yesterday\""), ("object", "\"client\""), ("preferred_locales/0", "3"), ("invoice_settings/custom_fields/0/value", "false"))),
        };
        return list.ToDictionary(s => s.Name);
    }

    /// <summary>Replaces the values at slash-separated paths with JSON literals.</summary>
    private static string Mutate(string json, params (string Path, string Value)[] changes)
    {
        var root = JsonNode.Parse(json)!;
        foreach (var (path, value) in changes)
        {
            var parts = path.Split('/');
            JsonNode parent = root;
            for (int i = 0; i < parts.Length - 1; i++) parent = Child(parent, parts[i]) ?? throw new InvalidOperationException("no " + path);
            var replacement = JsonNode.Parse(value);
            string last = parts[^1];
            if (parent is JsonArray array) array[int.Parse(last)] = replacement;
            else parent.AsObject()[last] = replacement;
        }
        return root.ToJsonString();
    }

    private static JsonNode? Child(JsonNode node, string key) => node is JsonArray a ? a[int.Parse(key)] : node[key];

    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    public static JsonElement Element(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }
}
