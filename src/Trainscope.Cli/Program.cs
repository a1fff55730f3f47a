using Trainscope.Cli;

return TrainscopeApp.Run(args, CliIo.FromProcess());
