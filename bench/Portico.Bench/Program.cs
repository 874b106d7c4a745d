using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.OpenApi.Reader;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using Portico.CodeGeneration;
using Portico.CodeGeneration.Model;

namespace Portico.Bench;

/// <summary>
/// Portico against NSwag on real OpenAPI documents.
///   (default)                      run everything, print a markdown table, write bench/results.md
///   gen --tool T --spec F --out D --warm N   child: generate once (cold), then N more times (warm); write the output to D
///   phases --spec F --warm N                  child: Portico's time by phase (read + bind, file models, render)
///   compile --tool T --dir D                 child: compile D/*.cs with Roslyn against .NET 10 reference assemblies
/// Each child prints one line "RESULT {json}"; time and memory are measured inside the child (peak RSS from /proc).
/// </summary>
public static class Program
{
    private const string ResultPrefix = "RESULT ";

    private static readonly string[] DefaultSpecs =
    [
        "big/github-api.github.com.full.json",
        "real/stripe-spec3.yaml",
        "real/kubernetes-api__v1_openapi.json",
        "real/openai-openapi-3.0.yaml",
    ];

    // "Microsoft.OpenApi" only reads the document (the reader Portico uses, as Portico sets it up): the floor under Portico's time.
    private static readonly string[] Tools = ["Portico", "NSwag", "Microsoft.OpenApi"];

    public static async Task<int> Main(string[] args)
    {
        var options = ParseArgs(args);
        return options.Command switch
        {
            "gen" => await GenChild(options),
            "compile" => CompileChild(options),
            "phases" => PhasesChild(options),
            _ => Orchestrate(options),
        };
    }

    // ------------------------------------------------------------------ orchestration

    private static int Orchestrate(Options o)
    {
        string shared = o.Shared ?? FindShared() ?? throw new ArgumentException("--shared <folder holding specs/> is required");
        string specsRoot = Directory.Exists(Path.Combine(shared, "specs")) ? Path.Combine(shared, "specs") : shared;
        var specs = o.Specs.Count > 0 ? o.Specs : DefaultSpecs.ToList();
        string work = Path.Combine(Path.GetTempPath(), "portico-bench", DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(work);
        string self = typeof(Program).Assembly.Location;
        var total = Stopwatch.StartNew();
        var rows = new List<Row>();
        o.LoadBefore = LoadAverage();

        foreach (var spec in specs)
        {
            string specPath = Path.Combine(specsRoot, spec);
            if (!File.Exists(specPath)) { Console.Error.WriteLine($"missing: {specPath}"); continue; }
            foreach (var tool in Tools)
            {
                string outDir = Path.Combine(work, tool, Path.GetFileNameWithoutExtension(spec));
                Console.Error.WriteLine($"[{total.Elapsed:mm\\:ss}] {tool} generate {spec}");
                var gen = RunChild<GenResult>(self, ["gen", "--tool", tool, "--spec", specPath, "--out", outDir, "--warm", o.Warm.ToString(CultureInfo.InvariantCulture)], o.Timeout);
                CompileResult? compile = null;
                string? compileFailure = null;
                if (gen.Result is { Failure: null, Files: > 0 })
                {
                    Console.Error.WriteLine($"[{total.Elapsed:mm\\:ss}] {tool} compile {spec}");
                    var c = RunChild<CompileResult>(self, ["compile", "--tool", tool, "--dir", outDir], o.Timeout);
                    compile = c.Result;
                    compileFailure = c.Failure;
                }
                rows.Add(new Row(spec, tool, gen.Result, gen.Failure ?? gen.Result?.Failure, compile, compileFailure));
            }
        }

        o.LoadAfter = LoadAverage();
        string table = Render(rows, o, total.Elapsed);
        Console.WriteLine(table);
        string resultsPath = o.Results ?? Path.Combine(FindBenchDir() ?? Directory.GetCurrentDirectory(), "results.md");
        File.WriteAllText(resultsPath, table);
        Console.Error.WriteLine($"written to {resultsPath} in {total.Elapsed:mm\\:ss}");
        try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        return 0;
    }

    private sealed record Row(string Spec, string Tool, GenResult? Gen, string? GenFailure, CompileResult? Compile, string? CompileFailure);

    private static string Render(List<Row> rows, Options o, TimeSpan elapsed)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| document | tool | generate, cold | generate, warm (median of " + o.Warm + ") | peak memory, cold | output | compile | compiler peak memory | compile errors |");
        sb.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in rows)
        {
            string doc = Path.GetFileName(r.Spec);
            if (r.Gen is null || r.GenFailure is not null)
            {
                sb.AppendLine($"| {doc} | {r.Tool} | failed: {Escape(r.GenFailure ?? "no result")} | | | | | | |");
                continue;
            }
            var g = r.Gen;
            string output = r.Tool == "Microsoft.OpenApi" ? "read only" : $"{g.Files} file{(g.Files == 1 ? "" : "s")}, {g.Lines / 1000.0:0.#}k lines" + (g.ErrorDiagnostics > 0 ? $" ({g.ErrorDiagnostics} generator errors)" : "");
            string compile, compileMem, errors;
            if (r.Compile is { } c)
            {
                compile = Seconds(c.Milliseconds);
                compileMem = Mb(c.PeakRssBytes);
                errors = c.Errors == 0 ? "0" : $"{c.Errors} ({string.Join(", ", c.TopErrors)})";
            }
            else
            {
                compile = r.CompileFailure is null ? "—" : "failed: " + Escape(r.CompileFailure);
                compileMem = errors = "";
            }
            sb.AppendLine($"| {doc} | {r.Tool} | {Seconds(g.ColdMilliseconds)} | {(g.WarmMilliseconds.Length == 0 ? "—" : Seconds(Median(g.WarmMilliseconds)))} | {Mb(g.ColdPeakRssBytes)} | {output} | {compile} | {compileMem} | {errors} |");
        }
        sb.AppendLine();
        sb.AppendLine($"Generate: read + bind + emit from the document's text (Portico: `PorticoEngine.Generate`; NSwag {Version(typeof(CSharpClientGenerator))}: " +
                      "`OpenApiDocument.FromJsonAsync` / `OpenApiYamlDocument.FromYamlAsync` + `CSharpClientGenerator.GenerateFile()`, default settings); " +
                      $"Microsoft.OpenApi {Version(typeof(Microsoft.OpenApi.OpenApiDocument))}: `OpenApiDocument.Parse` alone, with the settings Portico gives it (the reader under Portico's time). " +
                      "Cold: the first run in a fresh process (one process per document and tool); warm: later runs in that process. " +
                      "Peak memory: the process's peak resident set (VmHWM) after the cold run, .NET runtime included. " +
                      $"Compile: the output compiled in a fresh process by Roslyn {Version(typeof(CSharpCompilation))} (`CSharpCompilation.Emit`, nullable enabled) against .NET 10 reference assemblies " +
                      "plus Portico's runtime (Portico) or Newtonsoft.Json (NSwag); errors by id, most frequent first.");
        sb.AppendLine();
        sb.AppendLine($"Machine: {Environment.ProcessorCount} cores, {RuntimeVersion()}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}; whole run {elapsed.TotalMinutes:0.0} min, {DateTime.UtcNow:yyyy-MM-dd}; " +
                      $"load average (1 min) {o.LoadBefore} before, {o.LoadAfter} after (other work on the machine inflates the times).");
        return sb.ToString();
    }

    private static string Escape(string s)
    {
        string t = s.Replace("|", "\\|").Replace("\r", "").Replace("\n", " ");
        return t.Length > 120 ? t[..120] + "…" : t;
    }

    private static string Seconds(double ms) => ms >= 10_000 ? $"{ms / 1000:0.0} s" : $"{ms / 1000:0.00} s";
    private static string Mb(long bytes) => $"{bytes / (1024.0 * 1024.0):0} MB";
    private static double Median(double[] values)
    {
        var s = values.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
    private static string Version(Type t) => t.Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? t.Assembly.GetName().Version?.ToString() ?? "?";
    private static string RuntimeVersion() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;

    private static (T? Result, string? Failure) RunChild<T>(string self, string[] args, TimeSpan timeout) where T : class
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(self);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            p.WaitForExit(10_000);
            return (null, $"timed out after {timeout.TotalSeconds:0} s");
        }
        p.WaitForExit();
        string line = stdout.Result.Split('\n').LastOrDefault(l => l.StartsWith(ResultPrefix, StringComparison.Ordinal)) ?? string.Empty;
        if (line.Length == 0)
        {
            string err = stderr.Result.Trim();
            int nl = err.IndexOf('\n');
            return (null, $"exit {p.ExitCode}: {(nl > 0 ? err[..nl] : err)}");
        }
        return (JsonSerializer.Deserialize<T>(line[ResultPrefix.Length..]), null);
    }

    // ------------------------------------------------------------------ generation child

    public sealed record GenResult(double ColdMilliseconds, double[] WarmMilliseconds, long ColdPeakRssBytes, long FinalPeakRssBytes, long ColdAllocatedBytes,
        int Files, int Lines, long Chars, int ErrorDiagnostics, int WarningDiagnostics, string? Failure);

    private static async Task<int> GenChild(Options o)
    {
        string spec = o.Spec!;
        string text = File.ReadAllText(spec);
        var warm = new List<double>();
        double cold = 0;
        long coldPeak = 0, coldAlloc = 0;
        int files = 0, lines = 0, errors = 0, warnings = 0;
        long chars = 0;
        string? failure = null;
        try
        {
            for (int i = 0; i <= o.Warm; i++)
            {
                long alloc0 = GC.GetTotalAllocatedBytes(precise: true);
                var sw = Stopwatch.StartNew();
                var (output, errs, warns) = o.Tool switch
                {
                    "Portico" => GeneratePortico(spec, text),
                    "Microsoft.OpenApi" => ReadOnly(spec, text),
                    _ => await GenerateNSwag(spec, text),
                };
                sw.Stop();
                if (i == 0)
                {
                    cold = sw.Elapsed.TotalMilliseconds;
                    coldAlloc = GC.GetTotalAllocatedBytes(precise: true) - alloc0;
                    coldPeak = PeakRss();
                    if (Directory.Exists(o.Out!)) Directory.Delete(o.Out!, recursive: true);
                    Directory.CreateDirectory(o.Out!);
                    int n = 0;
                    foreach (var (name, code) in output)
                    {
                        File.WriteAllText(Path.Combine(o.Out!, $"{n++:D5}_{Sanitize(name)}"), code);
                        files++;
                        chars += code.Length;
                        lines += code.Count(ch => ch == '\n');
                    }
                    errors = errs;
                    warnings = warns;
                }
                else
                {
                    warm.Add(sw.Elapsed.TotalMilliseconds);
                }
                output = null!;
            }
        }
        catch (Exception ex)
        {
            failure = ex.GetType().Name + ": " + ex.Message;
        }
        var result = new GenResult(cold, warm.ToArray(), coldPeak, PeakRss(), coldAlloc, files, lines, chars, errors, warnings, failure);
        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
        return 0;
    }

    private static string Sanitize(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in name) sb.Append(char.IsLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_');
        string s = sb.ToString();
        if (s.Length > 120) s = s[..120];
        return s.EndsWith(".cs", StringComparison.Ordinal) ? s : s + ".cs";
    }

    private static (List<(string Name, string Code)> Files, int Errors, int Warnings) GeneratePortico(string path, string text)
    {
        var result = PorticoEngine.Generate(new SpecInput(path, text, new GeneratorOptions { RootNamespace = "Bench" }));
        var files = result.Files.Select(f => (f.HintName, f.Text)).ToList();
        int errors = result.Diagnostics.Count(d => d.Severity == Portico.CodeGeneration.Diagnostics.Severity.Error);
        int warnings = result.Diagnostics.Count(d => d.Severity == Portico.CodeGeneration.Diagnostics.Severity.Warning);
        return (files, errors, warnings);
    }

    /// <summary>Microsoft.OpenApi reading the document alone, with the settings Portico gives it (YAML reader, no rule set).</summary>
    private static (List<(string Name, string Code)> Files, int Errors, int Warnings) ReadOnly(string path, string text)
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        settings.RuleSet = Microsoft.OpenApi.ValidationRuleSet.GetEmptyRuleSet();
        bool json = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        var result = Microsoft.OpenApi.OpenApiDocument.Parse(text, json ? "json" : "yaml", settings);
        return ([], result.Diagnostic?.Errors.Count ?? 0, 0);
    }

    private static async Task<(List<(string Name, string Code)> Files, int Errors, int Warnings)> GenerateNSwag(string path, string text)
    {
        bool yaml = path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
        OpenApiDocument document = yaml ? await OpenApiYamlDocument.FromYamlAsync(text, path) : await OpenApiDocument.FromJsonAsync(text, path);
        var settings = new CSharpClientGeneratorSettings { ClassName = "ApiClient" };
        settings.CSharpGeneratorSettings.Namespace = "Bench.NSwag";
        string code = new CSharpClientGenerator(document, settings).GenerateFile();
        return ([("Client.cs", code)], 0, 0);
    }

    // ------------------------------------------------------------------ phases child

    /// <summary>Where Portico's generation time goes: read + bind, file models, rendering; the first run, then warm runs.</summary>
    private static int PhasesChild(Options o)
    {
        string text = File.ReadAllText(o.Spec!);
        Console.WriteLine("run    read+bind  file models  render     total (ms)");
        for (int i = 0; i <= o.Warm; i++)
        {
            var sw = Stopwatch.StartNew();
            var model = PorticoEngine.Parse(new SpecInput(o.Spec!, text, new GeneratorOptions { RootNamespace = "Bench" }));
            double parse = sw.Elapsed.TotalMilliseconds;
            var files = PorticoEngine.Files(model).ToList();
            double models = sw.Elapsed.TotalMilliseconds - parse;
            var rendered = new string?[files.Count];
            var set = Portico.CodeGeneration.Emit.TemplateSet.Default;
            Parallel.For(0, files.Count, k => rendered[k] = PorticoEngine.Render(files[k], set).Text);
            double total = sw.Elapsed.TotalMilliseconds;
            Console.WriteLine($"{(i == 0 ? "cold" : "warm"),-6} {parse,9:F0}  {models,11:F0}  {total - parse - models,6:F0}  {total,9:F0}");
        }
        return 0;
    }

    // ------------------------------------------------------------------ compile child

    public sealed record CompileResult(double Milliseconds, long PeakRssBytes, int Errors, int Warnings, string[] TopErrors);

    private static int CompileChild(Options o)
    {
        var sources = Directory.GetFiles(o.Dir!, "*.cs").Order(StringComparer.Ordinal).Select(f => (f, File.ReadAllText(f))).ToList();
        var references = new List<MetadataReference>(Basic.Reference.Assemblies.Net100.References.All);
        string here = AppContext.BaseDirectory;
        var extra = o.Tool == "Portico"
            ? Directory.GetFiles(here, "Portico.dll").Concat(Directory.GetFiles(here, "Microsoft.Extensions.*.dll"))
            : Directory.GetFiles(here, "Newtonsoft.Json.dll");
        references.AddRange(extra.Select(f => MetadataReference.CreateFromFile(f)));

        var sw = Stopwatch.StartNew();
        var parse = new CSharpParseOptions(LanguageVersion.Latest, o.Documentation);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Item2, parse, path: s.f)).ToList();
        var compilation = CSharpCompilation.Create("Generated", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release)
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));
        using var pe = new MemoryStream();
        var emit = compilation.Emit(pe);
        sw.Stop();
        var errors = emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var top = errors.GroupBy(d => d.Id).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(3)
            .Select(g => $"{g.Key} ×{g.Count()}").ToArray();
        if (o.Verbose)
        {
            foreach (var e in errors.Take(20)) Console.Error.WriteLine(e.ToString());
        }
        var result = new CompileResult(sw.Elapsed.TotalMilliseconds, PeakRss(), errors.Count, emit.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning), top);
        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
        return 0;
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>The process's peak resident set size (VmHWM on Linux; PeakWorkingSet64 elsewhere).</summary>
    private static long PeakRss()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(parts[1], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        using var p = Process.GetCurrentProcess();
        return p.PeakWorkingSet64;
    }

    private static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "?"; }
        catch (UnauthorizedAccessException) { return "?"; }
    }

    private static string? FindShared()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared"), Path.Combine(dir.FullName, "..", "shared") })
            {
                if (Directory.Exists(Path.Combine(candidate, "specs"))) return Path.GetFullPath(candidate);
            }
        }
        return null;
    }

    private static string? FindBenchDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Generator.sln"))) return Path.Combine(dir.FullName, "bench");
        }
        return null;
    }

    private sealed class Options
    {
        public string Command { get; set; } = "run";
        public string? Shared { get; set; }
        public string? Results { get; set; }
        public List<string> Specs { get; } = [];
        public int Warm { get; set; } = 3;
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);
        public string? Tool { get; set; }
        public string? Spec { get; set; }
        public string? Out { get; set; }
        public string? Dir { get; set; }
        public bool Verbose { get; set; }
        public DocumentationMode Documentation { get; set; } = DocumentationMode.Parse;
        public string LoadBefore { get; set; } = "?";
        public string LoadAfter { get; set; } = "?";
    }

    private static Options ParseArgs(string[] args)
    {
        var o = new Options();
        int i = 0;
        if (args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal)) o.Command = args[i++];
        for (; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException("missing value for " + args[i]);
            switch (args[i])
            {
                case "--shared": o.Shared = Next(); break;
                case "--results": o.Results = Next(); break;
                case "--spec" when o.Command == "run": o.Specs.Add(Next()); break;
                case "--spec": o.Spec = Next(); break;
                case "--warm": o.Warm = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--timeout": o.Timeout = TimeSpan.FromSeconds(int.Parse(Next(), CultureInfo.InvariantCulture)); break;
                case "--tool": o.Tool = Next(); break;
                case "--out": o.Out = Next(); break;
                case "--dir": o.Dir = Next(); break;
                case "--verbose": o.Verbose = true; break;
                case "--doc": o.Documentation = Enum.Parse<DocumentationMode>(Next(), ignoreCase: true); break;
                default: throw new ArgumentException("unknown argument " + args[i]);
            }
        }
        return o;
    }
}
