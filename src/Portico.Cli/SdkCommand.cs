using System.CommandLine;
using System.Text;
using Portico.CodeGeneration;
using Portico.CodeGeneration.Diagnostics;
using Portico.CodeGeneration.Model;

namespace Portico.Cli;

/// <summary>
/// <c>portico sdk</c>: a standalone SDK project (generated sources on disk, a csproj referencing the Portico runtime,
/// a README) that <c>dotnet pack</c> turns into a NuGet package, as API Gateway's "Generate SDK" does for other languages.
/// </summary>
internal static class SdkCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var spec = new Argument<string>("spec") { Description = "The OpenAPI document." };
        var output = new Option<string>("--output", "-o") { Description = "The folder to write the project to (created; generated files in it are replaced).", Required = true };
        var packageId = new Option<string>("--package-id") { Description = "The NuGet package id (also the project name and, unless --namespace says otherwise, the namespace).", Required = true };
        var version = new Option<string?>("--version") { Description = "The package version. Default: the document's info.version when it is a valid version, else 1.0.0." };
        var ns = new Option<string?>("--namespace") { Description = "The namespace of the generated code." };
        var clientName = new Option<string?>("--client-name") { Description = "The client class name. Default: info.title + Client." };
        var framework = new Option<string>("--framework") { Description = "The target framework.", DefaultValueFactory = _ => "net8.0" };
        var porticoVersion = new Option<string>("--portico-version") { Description = "The version of the Portico runtime package to reference.", DefaultValueFactory = _ => PorticoEngine.Version };
        var command = new Command("sdk", """
            Writes a standalone SDK project for an OpenAPI document.

            Examples:
              portico sdk api.yaml --output sdk/Acme.Pets --package-id Acme.Pets
              portico sdk api.json -o out/Sdk --package-id Acme.Orders --version 2.1.0 --client-name OrdersClient
              (then: dotnet pack out/Sdk -o packages)
            """)
        {
            spec, output, packageId, version, ns, clientName, framework, porticoVersion,
        };
        command.SetAction(async (parse, ct) =>
        {
            string file = parse.GetValue(spec)!;
            if (!PorticoCommandLine.TryRead(file, stderr, out var text)) return PorticoCommandLine.UsageError;
            string id = parse.GetValue(packageId)!;
            if (!System.Text.RegularExpressions.Regex.IsMatch(id, @"^[A-Za-z0-9_][A-Za-z0-9_.-]*$"))
            {
                await stderr.WriteLineAsync($"portico: '{id}' is not a valid package id (letters, digits, '.', '-', '_').");
                return PorticoCommandLine.UsageError;
            }
            var options = new GeneratorOptions { Namespace = parse.GetValue(ns) ?? id, ClientName = parse.GetValue(clientName) };
            var result = PorticoEngine.Generate(new SpecInput(Path.GetFullPath(file), text, options), cancellationToken: ct);
            foreach (var d in result.Diagnostics.Where(d => d.Severity >= Severity.Warning))
            {
                await stderr.WriteLineAsync(file + "(" + d.Location.Line + "," + d.Location.Column + "): " + d.Severity.ToString().ToLowerInvariant() + " " + d.Id + ": " + d.Message);
            }
            if (result.Files.Count == 0 || result.Diagnostics.Any(d => d.Severity == Severity.Error))
            {
                await stderr.WriteLineAsync("portico: no SDK written: the document has errors (see above).");
                return PorticoCommandLine.Findings;
            }
            string dir = parse.GetValue(output)!;
            try
            {
                string generated = Path.Combine(dir, "Generated");
                if (Directory.Exists(generated)) Directory.Delete(generated, recursive: true);
                Directory.CreateDirectory(generated);
                foreach (var f in result.Files)
                {
                    await File.WriteAllTextAsync(Path.Combine(generated, f.HintName.Replace(".g.cs", ".cs")), f.Text, new UTF8Encoding(false), ct);
                }
                string pkgVersion = parse.GetValue(version) ?? DocumentVersion(text) ?? "1.0.0";
                await File.WriteAllTextAsync(Path.Combine(dir, id + ".csproj"), Csproj(id, pkgVersion, parse.GetValue(framework)!, parse.GetValue(porticoVersion)!, file), ct);
                string client = result.Files.Select(f => f.HintName).First(h => h.EndsWith("JsonContext.g.cs", StringComparison.Ordinal));
                string clientClass = client.Split('.')[^3].Replace("JsonContext", string.Empty);
                await File.WriteAllTextAsync(Path.Combine(dir, "README.md"), Readme(id, options.Namespace!, clientClass, Path.GetFileName(file)), ct);
                await stdout.WriteLineAsync($"Wrote {result.Files.Count} source files and {id}.csproj to {dir}. Pack it with: dotnet pack {dir} -o <folder>");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"portico: cannot write to '{dir}': {ex.Message}");
                return PorticoCommandLine.UsageError;
            }
            return PorticoCommandLine.Clean;
        });
        return command;
    }

    private static string? DocumentVersion(string text)
    {
        var m = System.Text.RegularExpressions.Regex.Match(text, @"""?version""?\s*:\s*[""']?(\d+(\.\d+){0,2}(-[A-Za-z0-9.]+)?)[""']?");
        return m.Success ? (m.Groups[1].Value.Count(c => c == '.') == 0 ? m.Groups[1].Value + ".0.0" : m.Groups[1].Value.Count(c => c == '.') == 1 ? m.Groups[1].Value + ".0" : m.Groups[1].Value) : null;
    }

    private static string Csproj(string id, string version, string framework, string porticoVersion, string spec) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <!-- Generated by portico sdk from {System.Security.SecurityElement.Escape(Path.GetFileName(spec))}. Regenerate instead of editing Generated/. -->
          <PropertyGroup>
            <TargetFramework>{framework}</TargetFramework>
            <Nullable>enable</Nullable>
            <LangVersion>latest</LangVersion>
            <PackageId>{id}</PackageId>
            <Version>{version}</Version>
            <Description>Client for the {System.Security.SecurityElement.Escape(id)} API, generated by Portico.</Description>
            <GenerateDocumentationFile>true</GenerateDocumentationFile>
            <IsAotCompatible>true</IsAotCompatible>
            <PackageReadmeFile>README.md</PackageReadmeFile>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Portico" Version="{porticoVersion}" />
            <None Include="README.md" Pack="true" PackagePath="/" />
          </ItemGroup>
        </Project>

        """;

    private static string Readme(string id, string ns, string client, string spec) => $$"""
        # {{id}}

        A .NET client for the API described by `{{spec}}`, generated by Portico.

        ```csharp
        using {{ns}};

        // With dependency injection (retries, throttling and credentials from the options):
        services.Add{{client}}(o =>
        {
            o.BaseAddress = new Uri("https://abc123.execute-api.eu-west-1.amazonaws.com/prod/");
            o.Credentials.ApiKey = "...";
        });

        // Or directly:
        using var http = new HttpClient { BaseAddress = new Uri("https://api.example.com/") };
        var client = new {{client}}(http);
        ```

        Build a package with `dotnet pack -o <folder>`. Regenerate with `portico sdk` rather than editing `Generated/`.

        """;
}
