using System.CommandLine;
using Spectre.Console;
using Trainscope.Cli;
using Trainscope.Cli.Commands;

return TrainscopeApp.Run(args, AnsiConsole.Console, Console.Error);
