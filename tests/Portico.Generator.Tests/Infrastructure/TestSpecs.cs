namespace Portico.Tests;

/// <summary>The small documents under Specs/, copied beside the test assembly.</summary>
public static class TestSpecs
{
    public static string Dir => Path.Combine(AppContext.BaseDirectory, "Specs");

    public static string Text(string name) => File.ReadAllText(Path.Combine(Dir, name));

    /// <summary>A spec file as the generator sees it, under a stable project path (so diagnostics and headers do not depend on the machine).</summary>
    public static TestFile Spec(string name, IReadOnlyDictionary<string, string>? metadata = null, string? path = null)
        => new(path ?? "/project/" + name, Text(name), Metadata: metadata);

    public static IReadOnlyDictionary<string, string> Meta(params (string Key, string Value)[] pairs)
        => pairs.ToDictionary(p => p.Key, p => p.Value);
}
