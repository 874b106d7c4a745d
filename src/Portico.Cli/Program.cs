using System.CommandLine;
using Portico.Cli;

return await PorticoCommandLine.RunAsync(args, Console.Out, Console.Error);
