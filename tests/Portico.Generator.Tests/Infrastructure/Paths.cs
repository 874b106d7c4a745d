namespace Portico.Tests;

/// <summary>Where the repository and the shared corpus are, from any working directory.</summary>
public static class Paths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The shared corpus: PORTICO_SHARED_DIR, else the folder 'shared' beside the repository.</summary>
    public static string Shared { get; } = Environment.GetEnvironmentVariable("PORTICO_SHARED_DIR") is { Length: > 0 } s
        ? s
        : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string Specs => Path.Combine(Shared, "specs");

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Generator.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Generator.sln not found above " + AppContext.BaseDirectory);
    }
}
