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
            Console.WriteLine($"{s.Name,-16} {label,-8} {json.Length,6} chars  Portico: {p.Errors.Count} errors  NJsonSchema: {n.Count} errors");
            foreach (var e in p.Errors.Take(8)) Console.WriteLine("    portico  " + e);
            foreach (var e in n.Take(8)) Console.WriteLine("    njs      " + e.Path + ": " + e.Kind);
            if ((p.Errors.Count == 0) != (n.Count == 0) || (label == "valid") != (p.Errors.Count == 0)) disagreements++;
        }
    }
    return disagreements == 0 ? 0 : 1;
}

var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
        .WithWarmupCount(3).WithIterationCount(8).WithIterationTime(TimeInterval.FromMilliseconds(150)))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkRunner.Run<ValidationBenchmarks>(config, args);
return 0;
