using BenchmarkDotNet.Configs;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using NJsonSchema;
using Portico.ValidationBench;

if (args.Contains("--check"))
{
    // Both validators must agree on every payload before anything is timed.
    int disagreements = 0;
    foreach (var s in Payloads.All.Values)
    {
        foreach (var (label, json) in new[] { ("valid", s.ValidJson), ("invalid", s.InvalidJson) })
        {
            var p = s.Portico.Validate(Payloads.Element(json));
            var n = s.NJsonSchema.Validate(json, SchemaType.OpenApi3);
            bool shown = s.Portico.Set.IsValid(s.Portico.Index, Payloads.Utf8(json));
            Console.WriteLine($"{s.Name,-16} {label,-8} {json.Length,6} chars  Portico: {p.Errors.Count} errors (reader pass: {(shown ? "valid" : "not shown valid")})  NJsonSchema: {n.Count} errors");
            if (shown != (p.Errors.Count == 0)) disagreements++;
            // The text entry point (one reader pass that records errors) must list exactly the element validator's errors.
            var t = s.Portico.Validate(Payloads.Utf8(json));
            if (t.ToString() != p.ToString()) { Console.WriteLine("    text validator: " + t); disagreements++; }
            foreach (var e in p.Errors.Take(8)) Console.WriteLine("    portico  " + e);
            foreach (var e in n.Take(8)) Console.WriteLine("    njs      " + e.Path + ": " + e.Kind);
            if ((p.Errors.Count == 0) != (n.Count == 0) || (label == "valid") != (p.Errors.Count == 0)) disagreements++;
        }
    }
    return disagreements == 0 ? 0 : 1;
}

if (args.Length == 2 && args[0] == "--spin")
{
    // A steady loop over one valid payload, for a profiler to attach to.
    var s = Payloads.All[args[1]];
    // PORTICO_SPIN_INVALID=1 spins on the invalid payload (the error path); PORTICO_SPIN_READER=1 on the reader pass's
    // verdict (SchemaSet.IsValid), =2 on the bytes entry point that also lists errors (SchemaValidator.Validate).
    string json = Environment.GetEnvironmentVariable("PORTICO_SPIN_INVALID") == "1" ? s.InvalidJson : s.ValidJson;
    var element = Payloads.Element(json);
    var sw = System.Diagnostics.Stopwatch.StartNew();
    long n = 0;
    var bytes = Payloads.Utf8(json);
    string? reader = Environment.GetEnvironmentVariable("PORTICO_SPIN_READER");
    while (sw.ElapsedMilliseconds < 8000)
    {
        if (reader == "1") s.Portico.Set.IsValid(s.Portico.Index, bytes);
        else if (reader == "2") s.Portico.Validate(bytes);
        else s.Portico.Validate(element);
        n++;
    }
    Console.WriteLine($"{n} validations, {sw.Elapsed.TotalMilliseconds * 1e6 / n:F0} ns each");
    return 0;
}

if (args.Contains("--floor"))
{
    foreach (var s in Payloads.All.Values)
    {
        var bytes = Payloads.Utf8(s.ValidJson);
        var element = Payloads.Element(s.ValidJson);
        double Time(Func<int> f)
        {
            var warm = System.Diagnostics.Stopwatch.StartNew();
            while (warm.ElapsedMilliseconds < 700) f();
            var sw = System.Diagnostics.Stopwatch.StartNew();
            int n = 0;
            while (sw.ElapsedMilliseconds < 500) { for (int i = 0; i < 100; i++) f(); n += 100; }
            return sw.Elapsed.TotalMilliseconds * 1000 / n;
        }
        double walk = Time(() => Floors.Walk(element));
        double names = Time(() => Floors.WalkNames(element));
        double reader = Time(() => Floors.Read(bytes));
        double parse = Time(() => { using var d = System.Text.Json.JsonDocument.Parse(bytes); return 0; });
        double validate = Time(() => s.Portico.Validate(element).Errors.Count);
        double pass = Time(() => s.Portico.Set.IsValid(s.Portico.Index, bytes) ? 1 : 0);
        Console.WriteLine($"{s.Name,-16} walk {walk,7:F2} us  walk+names {names,7:F2} us  reader {reader,7:F2} us  parse {parse,7:F2} us  validate {validate,7:F2} us  reader pass {pass,7:F2} us");
    }
    return 0;
}

if (args.Length == 0 && Environment.GetEnvironmentVariable("PORTICO_BENCH_PAYLOAD") is null)
{
    // The benchmarks run in process, so one payload's run would shape the code the next one runs (tiered compilation
    // and dynamic PGO keep what they learned): each payload gets a fresh process, NJsonSchema and Portico side by side.
    string self = typeof(ValidationBenchmarks).Assembly.Location;
    string host = Environment.ProcessPath!;
    bool viaDotnet = Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
    int failures = 0;
    foreach (string name in ValidationBenchmarks.Names)
    {
        var start = new System.Diagnostics.ProcessStartInfo(host) { UseShellExecute = false };
        if (viaDotnet) start.ArgumentList.Add(self);
        start.Environment["PORTICO_BENCH_PAYLOAD"] = name;
        using var child = System.Diagnostics.Process.Start(start)!;
        child.WaitForExit();
        if (child.ExitCode != 0) failures++;
    }
    return failures == 0 ? 0 : 1;
}

var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
        .WithWarmupCount(3).WithIterationCount(8).WithIterationTime(TimeInterval.FromMilliseconds(150)))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkRunner.Run<ValidationBenchmarks>(config, args);
return 0;
