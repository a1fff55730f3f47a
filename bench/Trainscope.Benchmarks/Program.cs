using BenchmarkDotNet.Running;
using Trainscope.Benchmarks;

// `generate KIND MEGABYTES PATH` writes a synthetic log for bench/throughput.sh; `latency` measures `watch`; `stages FILE`
// times each stage of the main path;
// anything else runs BenchmarkDotNet.
if (args.Length >= 1 && args[0] == "latency")
{
    return LatencyBenchmark.Run(args);
}

if (args.Length == 2 && args[0] == "stages")
{
    return StageTimer.Run(args[1]);
}

if (args.Length == 4 && args[0] == "generate")
{
    var bytes = long.Parse(args[2]) * 1024 * 1024;
    switch (args[1])
    {
        case "metriclogger":
            LogGenerator.MetricLogger(args[3], bytes);
            break;
        case "hf":
            LogGenerator.HfDicts(args[3], bytes);
            break;
        case "jsonl":
            LogGenerator.JsonLines(args[3], bytes);
            break;
        case "csv":
            LogGenerator.Csv(args[3], bytes);
            break;
        case "tensorboard":
            TensorBoardBenchmarks.Generate(args[3], bytes);
            break;
        default:
            Console.Error.WriteLine($"unknown kind {args[1]} (metriclogger, hf, jsonl, csv, tensorboard)");
            return 2;
    }

    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(LogGenerator).Assembly).Run(args);
return 0;
