using System.IO.Compression;
using System.Xml.Linq;

namespace Portico.PackageTests;

/// <summary>
/// Packs src/Portico once per test run into a temporary feed, with a version no earlier run used, so the global
/// package cache can never serve a stale Portico. Everything it creates is removed afterwards.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    private static int s_instances;

    public string RepoRoot { get; }
    public string Root { get; }
    public string Feed { get; }
    public string Version { get; }
    public string PackagePath { get; }
    public IReadOnlyList<string> Entries { get; }
    public XDocument Nuspec { get; }
    public ProcessResult Pack { get; }

    public PackageFixture()
    {
        RepoRoot = FindRepoRoot();
        // Unique per fixture too: two fixtures of one run (the package tests and the tool tests) may start in the same
        // second, and each removes its own version from the global package cache when it is done.
        Version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}.{Interlocked.Increment(ref s_instances)}";
        Root = Path.Combine(Path.GetTempPath(), "portico-package-tests", Guid.NewGuid().ToString("N"));
        Feed = Path.Combine(Root, "feed");
        Directory.CreateDirectory(Feed);

        // Packed from a clean copy of the sources: nothing built before is reused, and the restore and build of the
        // pack never touch the working tree's obj/ folders, which other test projects may be building at the same time.
        string sources = Path.Combine(Root, "src-copy");
        CopySources(RepoRoot, sources);
        Pack = ProcessRunner.Dotnet(sources, "pack", "src/Portico", "-c", "Release", "-o", Feed, "-p:Version=" + Version, "-nodeReuse:false");
        PackagePath = Path.Combine(Feed, $"Portico.{Version}.nupkg");
        if (Pack.ExitCode != 0 || !File.Exists(PackagePath))
        {
            throw new InvalidOperationException($"dotnet pack failed ({Pack.ExitCode}):\n{Pack.Tail()}");
        }
        using var zip = ZipFile.OpenRead(PackagePath);
        Entries = zip.Entries.Select(e => e.FullName).OrderBy(n => n, StringComparer.Ordinal).ToList();
        using var nuspec = zip.GetEntry("Portico.nuspec")!.Open();
        Nuspec = XDocument.Load(nuspec);
    }

    /// <summary>A fresh folder holding one of the Consumer/ projects, its spec and a nuget.config for the feed.</summary>
    public string CreateConsumer(string name, string copyName)
    {
        string source = Path.Combine(AppContext.BaseDirectory, "Consumer");
        string dir = Path.Combine(Root, copyName);
        Directory.CreateDirectory(Path.Combine(dir, "api"));
        foreach (var file in Directory.GetFiles(Path.Combine(source, name)))
        {
            string target = Path.Combine(dir, Path.GetFileName(file).Replace(".csproj.in", ".csproj"));
            File.WriteAllText(target, File.ReadAllText(file).Replace("{{VERSION}}", Version));
        }
        File.Copy(Path.Combine(source, "todo.yaml"), Path.Combine(dir, "api", "todo.yaml"));
        File.WriteAllText(Path.Combine(dir, "nuget.config"), File.ReadAllText(Path.Combine(source, "nuget.config.in")).Replace("{{FEED}}", Feed));
        return dir;
    }

    public void Dispose()
    {
        TryDelete(Root);
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        TryDelete(Path.Combine(packages, "portico", Version));
    }

    private static void CopySources(string repo, string target)
    {
        Directory.CreateDirectory(Path.Combine(target, "artifacts", "packages"));
        foreach (var file in Directory.GetFiles(repo))
        {
            string name = Path.GetFileName(file);
            if (name.EndsWith(".props", StringComparison.Ordinal) || name.EndsWith(".targets", StringComparison.Ordinal) || name is "global.json" or "nuget.config" or "README.md" or ".editorconfig")
            {
                File.Copy(file, Path.Combine(target, name));
            }
        }
        foreach (var folder in new[] { "src", "templates" }) CopyTree(Path.Combine(repo, folder), Path.Combine(target, folder));
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from))
        {
            string name = Path.GetFileName(dir);
            if (name is "bin" or "obj") continue;
            CopyTree(dir, Path.Combine(to, name));
        }
    }

    private static void TryDelete(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Generator.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Generator.sln not found above " + AppContext.BaseDirectory);
    }
}
