using System.Diagnostics;
using System.Text.Json;
using Trainscope.Records;
using Trainscope.Web.Api;
using Trainscope.Web.Series;

// `dotnet run -c Release -- [POINTS] [METRICS] [WIDTH]`: fills one run's series store with POINTS per metric (10 million
// by default) and times what opening the run page asks of the server: every metric's window at the chart width, as
// JSON, then zooms into 1% of the run and into its newest points. Prints the store's memory.
var points = args.Length > 0 ? long.Parse(args[0]) : 10_000_000;
var metrics = args.Length > 1 ? int.Parse(args[1]) : 4;
var width = args.Length > 2 ? int.Parse(args[2]) : 1400;
var names = Enumerable.Range(0, metrics).Select(i => i == 0 ? "loss" : $"metric_{i}").ToArray();
var source = new SourceInfo(0, "bench.log", "bench.log");

var before = GC.GetTotalMemory(forceFullCollection: true);
var store = new RunSeriesStore();
var fill = Stopwatch.StartNew();
var sample = new MetricSample { Source = source, Phase = Phase.Train, Kind = SampleKind.Point };
var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
for (long step = 0; step < points; step++)
{
    sample.Position.Step = step;
    sample.Timestamp = start.AddTicks(step * 1000);
    for (var m = 0; m < names.Length; m++)
    {
        sample.Name = names[m];
        sample.Value = step == points / 3 ? 1e3 : (1.0 / (1 + (step * 1e-6))) + (m * 0.1) + (0.01 * Math.Sin(step));
        store.Add(sample);
    }
}

fill.Stop();
var memory = GC.GetTotalMemory(forceFullCollection: true) - before;
Console.WriteLine($"filled {points:N0} points x {metrics} metrics in {fill.Elapsed.TotalSeconds:0.0} s ({points * metrics / fill.Elapsed.TotalSeconds / 1e6:0.0} M points/s); store memory {memory / 1048576.0:0.0} MiB");

for (var round = 0; round < 5; round++)
{
    var open = Stopwatch.StartNew();
    long bytes = 0;
    var spikes = 0;
    for (var id = 0; id < metrics; id++)
    {
        var window = store.Window(id, SeriesAxis.Step, double.NegativeInfinity, double.PositiveInfinity, width)!;
        bytes += JsonSerializer.SerializeToUtf8Bytes(RunJson.Window(id, SeriesAxis.Step, window), DashboardJsonContext.Default.WindowEntry).Length;
        spikes += window.Y.Max() >= 1e3 ? 1 : 0;
    }

    open.Stop();
    var zoom = Stopwatch.StartNew();
    var detail = store.Window(0, SeriesAxis.Step, points * 0.5, points * 0.51, width)!;
    zoom.Stop();
    var live = Stopwatch.StartNew();
    var tail = store.Window(0, SeriesAxis.Step, points - 50_000, points, width)!;
    live.Stop();
    Console.WriteLine($"open: {metrics} windows of {width} px in {open.Elapsed.TotalMilliseconds:0.0} ms ({bytes / 1024.0:0} KiB JSON, spike kept in {spikes}/{metrics}); "
        + $"zoom to 1% mid-run: {zoom.Elapsed.TotalMilliseconds:0.0} ms, resolution {detail.Resolution}; zoom to the newest 50,000: {live.Elapsed.TotalMilliseconds:0.0} ms, resolution {tail.Resolution}");
}
