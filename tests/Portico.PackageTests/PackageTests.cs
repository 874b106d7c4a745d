using System.Xml.Linq;
using Xunit;

namespace Portico.PackageTests;

public sealed class PackageTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    private static readonly string[] AnalyzerDlls =
    [
        "Microsoft.OpenApi.dll", "Microsoft.OpenApi.YamlReader.dll", "Portico.Core.dll",
        "Portico.SourceGenerator.dll", "Scriban.Signed.dll", "SharpYaml.dll",
    ];

    [Fact]
    public void Layout_has_the_runtime_the_generator_with_its_dependencies_and_the_build_files()
    {
        var entries = package.Entries;
        Assert.Contains("lib/netstandard2.0/Portico.dll", entries);
        Assert.Contains("lib/net8.0/Portico.dll", entries);
        Assert.Contains("lib/netstandard2.0/Portico.xml", entries);
        Assert.Contains("lib/net8.0/Portico.xml", entries);
        Assert.Contains("lib/net10.0/Portico.dll", entries);
        Assert.Contains("lib/net10.0/Portico.xml", entries);
        // lib/ holds the runtime only: the generator's assemblies must never become references of the consumer.
        Assert.Equal(["Portico.dll", "Portico.xml"], entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal)).Select(e => Path.GetFileName(e)).Distinct().Order().ToArray());

        var analyzers = entries.Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)).ToList();
        Assert.Equal(AnalyzerDlls.Select(d => "analyzers/dotnet/cs/" + d).Order(StringComparer.Ordinal), analyzers.Order(StringComparer.Ordinal));

        foreach (var folder in new[] { "build", "buildTransitive" })
        {
            Assert.Contains($"{folder}/Portico.props", entries);
            Assert.Contains($"{folder}/Portico.targets", entries);
            Assert.Contains($"{folder}/Portico.Polyfills.cs", entries);
        }
        Assert.DoesNotContain(entries, e => e.Contains("InRepo", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("README.md", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("content", StringComparison.Ordinal) || e.EndsWith(".sbn", StringComparison.Ordinal));
    }

    [Fact]
    public void Nuspec_depends_only_on_the_runtime_dependencies()
    {
        XNamespace ns = package.Nuspec.Root!.Name.Namespace;
        var metadata = package.Nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal(package.Version, metadata.Element(ns + "version")!.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);

        var groups = metadata.Element(ns + "dependencies")!.Elements(ns + "group")
            .ToDictionary(g => (string)g.Attribute("targetFramework")!, g => g.Elements(ns + "dependency").Select(d => (string)d.Attribute("id")!).Order().ToArray());
        // The runtime's own dependencies (HTTP factory, resilience, rate limiting, caching, configuration); never the generator's.
        string[] runtime = ["Microsoft.Extensions.Caching.Memory", "Microsoft.Extensions.Configuration.Abstractions", "Microsoft.Extensions.Http", "Polly.Core", "System.Threading.RateLimiting"];
        Assert.Equal(runtime, groups["net8.0"]);
        Assert.Equal(runtime, groups["net10.0"]);
        Assert.Equal(runtime.Concat(["Microsoft.Bcl.TimeProvider", "System.Text.Json"]).Order().ToArray(), groups[".NETStandard2.0"]);
        Assert.Equal(3, groups.Count);
    }

    [Fact]
    public void Console_app_builds_with_warnings_as_errors_and_calls_a_local_server_through_the_generated_client()
    {
        string dir = package.CreateConsumer("App", "app");

        var build = ProcessRunner.Dotnet(dir, "build", "-c", "Release", "-nodeReuse:false");
        Assert.True(build.ExitCode == 0, "dotnet build failed:\n" + build.Tail());
        Assert.Contains("0 Warning(s)", build.Output);

        // The generator really ran from the package's analyzers folder (not from anything in this repository).
        string assets = File.ReadAllText(Path.Combine(dir, "obj", "project.assets.json"));
        Assert.Contains($"\"Portico/{package.Version}\"", assets);
        Assert.Contains("analyzers/dotnet/cs/Portico.SourceGenerator.dll", assets);
        Assert.False(File.Exists(Path.Combine(dir, "bin", "Release", "net10.0", "Portico.Core.dll")), "Portico.Core.dll was copied to the consumer's output");
        Assert.True(File.Exists(Path.Combine(dir, "bin", "Release", "net10.0", "Portico.dll")));

        var run = ProcessRunner.Dotnet(dir, "run", "-c", "Release", "--no-build");
        Assert.True(run.ExitCode == 0, "dotnet run failed:\n" + run.Tail());
        var lines = run.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            ["LIST 1 1 write tests high True", "ADDED 2 ship it low False", "NOTFOUND 404 no todo 7", "DI 1 False", "DONE"],
            lines);
    }

    [Fact]
    public void Library_builds_against_both_lib_assets_net8_and_netstandard2()
    {
        string dir = package.CreateConsumer("Library", "library");
        var build = ProcessRunner.Dotnet(dir, "build", "-nodeReuse:false");
        Assert.True(build.ExitCode == 0, "dotnet build failed:\n" + build.Tail());
        Assert.Contains("0 Warning(s)", build.Output);
        Assert.True(File.Exists(Path.Combine(dir, "bin", "Debug", "netstandard2.0", "Library.dll")));
        Assert.True(File.Exists(Path.Combine(dir, "bin", "Debug", "net8.0", "Library.dll")));
    }

    [Fact]
    public void The_export_task_ships_in_tasks_and_a_fresh_project_writes_its_export_after_build()
    {
        string[] taskDlls = ["Microsoft.OpenApi.YamlReader.dll", "Microsoft.OpenApi.dll", "Portico.Build.Tasks.dll", "Portico.Core.dll", "Scriban.Signed.dll", "SharpYaml.dll"];
        Assert.Equal(taskDlls.Select(d => "tasks/netstandard2.0/" + d).Order(StringComparer.Ordinal), package.Entries.Where(e => e.StartsWith("tasks/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));

        string dir = package.CreateConsumer("Library", "library-export");
        // One stage overlay on the item, its stage selected: the export carries the stage's server and resolved variables.
        File.WriteAllText(Path.Combine(dir, "api", "prod.yaml"), """
            overlay: 1.0.0
            info: { title: prod, version: '1' }
            x-portico-stage: { name: prod, variables: { backend: todo.internal } }
            actions:
              - target: $
                update:
                  servers: [ { url: 'https://api.example.com/prod' } ]
              - target: $.paths['/todos'].get
                update:
                  x-portico-integration: { http: 'https://${stageVariables.backend}/todos' }
              - target: $.paths['/todos'].post
                update:
                  x-portico-integration: mock
              - target: $.paths['/todos/{id}'].get
                update:
                  x-portico-integration: mock
            """);
        string project = Path.Combine(dir, "Library.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace(
            "<OpenApiSpec Include=\"api/todo.yaml\" Namespace=\"Library.Todo\" ClientName=\"TodoClient\" />",
            "<OpenApiSpec Include=\"api/todo.yaml\" Namespace=\"Library.Todo\" ClientName=\"TodoClient\" Overlays=\"api/prod.yaml\" Stage=\"prod\" />"));

        var build = ProcessRunner.Dotnet(dir, "build", "-f", "net8.0", "-nodeReuse:false", "-p:PorticoExportPath=export/", "-p:PorticoExportFormat=yaml", "-p:PorticoExportVersion=2.0");
        Assert.True(build.ExitCode == 0, "dotnet build failed:\n" + build.Tail());
        Assert.Contains("0 Warning(s)", build.Output);
        Assert.Contains("Portico: exported todo.yaml", build.Output);

        string exported = File.ReadAllText(Path.Combine(dir, "export", "todo.yaml"));
        Assert.StartsWith("swagger: '2.0'", exported);
        Assert.Contains("host: api.example.com", exported);
        Assert.Contains("basePath: /prod", exported);
        Assert.Contains("uri: https://todo.internal/todos", exported);
        Assert.Contains("operationId: listTodos", exported);
        Assert.Contains("operationId: addTodo", exported);
        Assert.DoesNotContain("x-portico", exported);
    }

    [Fact]
    public void A_language_version_older_than_CSharp_11_is_reported_plainly()
    {
        string dir = package.CreateConsumer("Library", "library-csharp73");
        var build = ProcessRunner.Dotnet(dir, "build", "-f", "netstandard2.0", "-p:LangVersion=7.3", "-nodeReuse:false");
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error PRT0090", build.Output);
        Assert.DoesNotContain("error CS", build.Output);
    }

    [Fact]
    public void Gateway_metadata_and_ApiType_flow_through_the_packed_build_files_on_both_targets()
    {
        string dir = package.CreateConsumer("Library", "library-gateway");
        File.WriteAllText(Path.Combine(dir, "api", "orders.yaml"), """
            openapi: 3.0.1
            info: { title: Orders, version: '1' }
            paths:
              /orders:
                get:
                  operationId: listOrders
                  responses:
                    '200': { description: ok }
                  x-amazon-apigateway-integration:
                    type: mock
                    payloadFormatVersion: '1.0'
            """);
        File.WriteAllText(Path.Combine(dir, "GatewayUsage.cs"), """
            namespace Library;

            public static class GatewayUsage
            {
                public static string Describe() => Library.Orders.OrdersClientGateway.ListOrders.Integration!.Type + " " + Library.Orders.OrdersClientGateway.ApiType;
            }
            """);
        string project = Path.Combine(dir, "Library.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace(
            "</Project>",
            "  <ItemGroup><OpenApiSpec Include=\"api/orders.yaml\" Namespace=\"Library.Orders\" ClientName=\"OrdersClient\" ApiType=\"http\" /></ItemGroup>\n</Project>"));

        // ApiType="http" reaches the generator: HTTP APIs skip mock integrations (PRT4002, a warning made an error here).
        var build = ProcessRunner.Dotnet(dir, "build", "-nodeReuse:false");
        Assert.NotEqual(0, build.ExitCode);
        Assert.True(build.Output.Contains("orders.yaml(10,9): error PRT4002", StringComparison.Ordinal), build.Tail());
        Assert.DoesNotContain("error CS", build.Output);

        // Without the warning turned into an error, both targets compile the gateway metadata class.
        var relaxed = ProcessRunner.Dotnet(dir, "build", "-nodeReuse:false", "-p:WarningsNotAsErrors=PRT4002");
        Assert.True(relaxed.ExitCode == 0, "dotnet build failed:\n" + relaxed.Tail());
        Assert.True(File.Exists(Path.Combine(dir, "bin", "Debug", "netstandard2.0", "Library.dll")));
        Assert.True(File.Exists(Path.Combine(dir, "bin", "Debug", "net8.0", "Library.dll")));
    }
}
