using System.CommandLine;
using System.CommandLine.Parsing;

namespace Portico.Cli;

/// <summary>The <c>portico</c> commands. Exit codes: 0 clean, 1 findings at or above the threshold, 2 usage or I/O error.</summary>
public static class PorticoCommandLine
{
    public const int Clean = 0;
    public const int Findings = 1;
    public const int UsageError = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("Portico: OpenAPI documents as the single source of truth for .NET clients of APIs behind AWS API Gateway.");
        root.Subcommands.Add(LintCommand.Create(stdout, stderr));
        root.Subcommands.Add(SdkCommand.Create(stdout, stderr));
        root.Subcommands.Add(DiffCommand.Create(stdout, stderr));
        root.Subcommands.Add(ExportCommand.Create(stdout, stderr));
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) await stderr.WriteLineAsync("portico: " + error.Message);
            await stderr.WriteLineAsync("Run 'portico --help' for usage.");
            return UsageError;
        }
        var config = new InvocationConfiguration { Output = stdout, Error = stderr };
        return await parse.InvokeAsync(config);
    }

    /// <summary>Reads a file or explains, in one line, why it cannot be read.</summary>
    internal static bool TryRead(string path, TextWriter stderr, out string text)
    {
        text = string.Empty;
        try
        {
            if (Directory.Exists(path))
            {
                stderr.WriteLine($"portico: '{path}' is a directory; name an OpenAPI document (JSON or YAML).");
                return false;
            }
            text = File.ReadAllText(path);
            return true;
        }
        catch (FileNotFoundException)
        {
            stderr.WriteLine($"portico: '{path}' does not exist. Check the path (relative paths start at {Environment.CurrentDirectory}).");
        }
        catch (DirectoryNotFoundException)
        {
            stderr.WriteLine($"portico: the folder of '{path}' does not exist.");
        }
        catch (UnauthorizedAccessException)
        {
            stderr.WriteLine($"portico: '{path}' cannot be read (permission denied).");
        }
        catch (IOException ex)
        {
            stderr.WriteLine($"portico: '{path}' cannot be read: {ex.Message}");
        }
        return false;
    }

    /// <summary>Whether to show progress and colours: only on an interactive terminal, never in CI.</summary>
    internal static bool Interactive(TextWriter writer)
        => !Console.IsErrorRedirected && !Console.IsOutputRedirected && ReferenceEquals(writer, Console.Out) || ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected
            ? string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")) && Environment.GetEnvironmentVariable("NO_COLOR") is null
            : false;
}
