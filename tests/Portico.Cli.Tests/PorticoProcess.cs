using System.Diagnostics;

namespace Portico.Cli.Tests;

/// <summary>Runs the real tool as a process (bounded in time), as CI would.</summary>
internal static class PorticoProcess
{
    public static (int Exit, string Stdout, string Stderr) Run(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "portico.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["CI"] = "true";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("portico " + string.Join(" ", args) + " did not finish in 3 minutes");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    public static string Shared
    {
        get
        {
            if (Environment.GetEnvironmentVariable("PORTICO_SHARED_DIR") is { Length: > 0 } s) return s;
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Generator.sln"))) dir = dir.Parent;
            return Path.GetFullPath(Path.Combine(dir!.FullName, "..", "shared"));
        }
    }

    public static string Specs => Path.Combine(Shared, "specs");
}
