using Xunit;

namespace Portico.PackageTests;

/// <summary>
/// Packs Portico and Portico.Cli into a temporary feed and installs the tool from it as README says
/// (<c>dotnet tool install Portico.Cli --tool-path ... --add-source ...</c>).
/// </summary>
public sealed class CliToolFixture : IDisposable
{
    public PackageFixture Package { get; } = new PackageFixture();
    public string ToolPath { get; }
    public string Portico { get; }
    public ProcessResult Install { get; }

    public CliToolFixture()
    {
        string sources = Path.Combine(Package.Root, "src-copy");
        var pack = ProcessRunner.Dotnet(sources, "pack", "src/Portico.Cli", "-c", "Release", "-o", Package.Feed, "-p:Version=" + Package.Version, "-nodeReuse:false");
        if (pack.ExitCode != 0 || !File.Exists(Path.Combine(Package.Feed, $"Portico.Cli.{Package.Version}.nupkg")))
        {
            throw new InvalidOperationException($"dotnet pack src/Portico.Cli failed ({pack.ExitCode}):\n{pack.Tail()}");
        }
        ToolPath = Path.Combine(Package.Root, "tools");
        // Run from the copy of the repository so its nuget.config (the machine's package source) applies, as it would for a user.
        Install = ProcessRunner.Dotnet(sources, "tool", "install", "Portico.Cli", "--tool-path", ToolPath, "--add-source", Package.Feed, "--version", Package.Version);
        Portico = Path.Combine(ToolPath, OperatingSystem.IsWindows() ? "portico.exe" : "portico");
    }

    public void Dispose()
    {
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in new[] { "portico.cli", "acme.sdk" })
        {
            try
            {
                string dir = Path.Combine(packages, id, Package.Version);
                if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        Package.Dispose();
    }
}

public sealed class CliPackageTests(CliToolFixture tool) : IClassFixture<CliToolFixture>
{
    private string Spec => Path.Combine(AppContext.BaseDirectory, "Consumer", "todo.yaml");

    [Fact]
    public void Installed_tool_prints_its_version_and_lints()
    {
        Assert.True(tool.Install.ExitCode == 0, "dotnet tool install failed:\n" + tool.Install.Tail());
        Assert.True(File.Exists(tool.Portico), "no portico executable in " + tool.ToolPath);

        var version = ProcessRunner.Run(tool.Portico, ["--version"], tool.Package.Root);
        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith(tool.Package.Version.Split('-')[0], version.Output.Trim());

        var lint = ProcessRunner.Run(tool.Portico, ["lint", Spec], tool.Package.Root, new Dictionary<string, string> { ["CI"] = "true" });
        Assert.True(lint.ExitCode == 0, lint.Output);
        Assert.Contains("0 error(s)", lint.Output);

        var diff = ProcessRunner.Run(tool.Portico, ["diff", Spec, Spec], tool.Package.Root, new Dictionary<string, string> { ["CI"] = "true" });
        Assert.Equal(0, diff.ExitCode);
        Assert.Equal("No changes.", diff.Output.Trim());
    }

    [Fact]
    public void Sdk_output_packs_and_a_fresh_console_app_calls_a_local_server_through_it()
    {
        Assert.True(tool.Install.ExitCode == 0, "dotnet tool install failed:\n" + tool.Install.Tail());
        string sdk = Path.Combine(tool.Package.Root, "acme-sdk");
        var generate = ProcessRunner.Run(tool.Portico,
            ["sdk", Spec, "--output", sdk, "--package-id", "Acme.Sdk", "--client-name", "TodoClient", "--version", tool.Package.Version, "--portico-version", tool.Package.Version],
            tool.Package.Root, new Dictionary<string, string> { ["CI"] = "true" });
        Assert.True(generate.ExitCode == 0, generate.Output);

        string nugetConfig = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Consumer", "nuget.config.in")).Replace("{{FEED}}", tool.Package.Feed);
        File.WriteAllText(Path.Combine(sdk, "nuget.config"), nugetConfig);
        var pack = ProcessRunner.Dotnet(sdk, "pack", "-c", "Release", "-o", tool.Package.Feed, "-nodeReuse:false");
        Assert.True(pack.ExitCode == 0, "dotnet pack of the SDK failed:\n" + pack.Tail());
        Assert.True(File.Exists(Path.Combine(tool.Package.Feed, $"Acme.Sdk.{tool.Package.Version}.nupkg")));
        Assert.DoesNotContain("warning CS", pack.Output);

        string app = Path.Combine(tool.Package.Root, "sdk-app");
        Directory.CreateDirectory(app);
        string source = Path.Combine(AppContext.BaseDirectory, "Consumer", "SdkApp");
        File.WriteAllText(Path.Combine(app, "SdkApp.csproj"), File.ReadAllText(Path.Combine(source, "SdkApp.csproj.in")).Replace("{{VERSION}}", tool.Package.Version));
        File.Copy(Path.Combine(source, "Program.cs"), Path.Combine(app, "Program.cs"));
        File.WriteAllText(Path.Combine(app, "nuget.config"), nugetConfig);

        var build = ProcessRunner.Dotnet(app, "build", "-c", "Release", "-nodeReuse:false");
        Assert.True(build.ExitCode == 0, "dotnet build of the consumer failed:\n" + build.Tail());
        Assert.Contains("0 Warning(s)", build.Output);
        string assets = File.ReadAllText(Path.Combine(app, "obj", "project.assets.json"));
        Assert.Contains($"\"Acme.Sdk/{tool.Package.Version}\"", assets);
        Assert.Contains($"\"Portico/{tool.Package.Version}\"", assets);

        var run = ProcessRunner.Dotnet(app, "run", "-c", "Release", "--no-build");
        Assert.True(run.ExitCode == 0, "dotnet run failed:\n" + run.Tail());
        Assert.Matches(@"^SDK 1 3 pack the sdk \w+ True$", run.Output.Trim());
    }
}
