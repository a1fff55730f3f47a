using System.Diagnostics;
using Trainscope.Following;
using Trainscope.Ingestion;
using Trainscope.Records;
using Trainscope.Formats;
using Trainscope.Formats.Text;

namespace Trainscope.Benchmarks;

/// <summary>
/// `latency [SECONDS] [LINES_PER_SECOND] [--poll]`: a writer appends timestamped lines to a file at a steady rate while a
/// <see cref="RunFollower"/> follows it as `watch` does; prints the append→record delay (p50/p95/p99/max).
/// </summary>
public static class LatencyBenchmark
{
    public static int Run(string[] args)
    {
        var seconds = args.Length > 1 && int.TryParse(args[1], out var s) ? s : 20;
        var rate = args.Length > 2 && int.TryParse(args[2], out var r) ? r : 1000;
        var poll = args.Contains("--poll");
        var dir = Directory.CreateTempSubdirectory("trainscope-latency-").FullName;
        var path = Path.Combine(dir, "train.log");
        File.WriteAllText(path, "");
        var clock = Stopwatch.StartNew();
        var feed = new DelayFeed(clock);
        var options = new FollowOptions { ForcePolling = poll };
        using var follower = new RunFollower([path], new IngestOptions { LineFormats = [new StampFormat()] }, options, feed);
        using var stop = new CancellationTokenSource();
        var loop = new Thread(() =>
        {
            do
            {
                follower.Poll();
            }
            while (follower.WaitForChange(stop.Token));
        });
        loop.Start();

        var total = seconds * rate;
        using (var writer = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
        {
            for (var i = 0; i < total; i++)
            {
                // Paced against the clock, not by sleeping per line: 1000 lines/s in bursts of a millisecond or so.
                var due = TimeSpan.FromSeconds((double)i / rate);
                while (clock.Elapsed < due)
                {
                    Thread.Sleep(1);
                }

                var line = System.Text.Encoding.ASCII.GetBytes($"t={clock.Elapsed.Ticks} i={i} loss=0.5\n");
                writer.Write(line);
                writer.Flush();
            }
        }

        var deadline = clock.Elapsed + TimeSpan.FromSeconds(5);
        while (feed.Count < total && clock.Elapsed < deadline)
        {
            Thread.Sleep(10);
        }

        stop.Cancel();
        loop.Join();
        Directory.Delete(dir, recursive: true);
        var delays = feed.Delays.Order().ToArray();
        Console.WriteLine($"watch latency: {total} lines at {rate}/s over {seconds} s, {(poll ? $"polling every {options.PollInterval.TotalMilliseconds:0} ms" : "file notifications + polling")}");
        Console.WriteLine($"  received {delays.Length}/{total}");
        Console.WriteLine($"  append→record ms: p50 {Percentile(delays, 0.50):0.0}  p95 {Percentile(delays, 0.95):0.0}  p99 {Percentile(delays, 0.99):0.0}  max {delays.LastOrDefault():0.0}");
        return delays.Length == total ? 0 : 1;
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(p * sorted.Length))];

    /// <summary>Notes when each line's record arrives.</summary>
    private sealed class DelayFeed : IFollowSink
    {
        private readonly Stopwatch _clock;

        public DelayFeed(Stopwatch clock)
        {
            _clock = clock;
        }

        public List<double> Delays { get; } = [];

        public int Count => Volatile.Read(ref _count);

        private int _count;

        public void OnMetric(in MetricSample sample)
        {
            if (sample.Name == "t")
            {
                Delays.Add(TimeSpan.FromTicks(_clock.Elapsed.Ticks - (long)sample.Value).TotalMilliseconds);
                Interlocked.Increment(ref _count);
            }
        }

        public void OnEvent(LogEvent logEvent)
        {
        }
    }

    /// <summary>`t=TICKS i=N loss=0.5`: each pair a metric.</summary>
    private sealed class StampFormat : ILineFormat
    {
        public string Name => "stamp";
        public string Description => "latency benchmark lines";
        public string Example => "t=123 i=0 loss=0.5";

        public double Sniff(FileSample sample) => 1;

        public ILineParser CreateParser() => new Parser();

        private sealed class Parser : ILineParser
        {
            private readonly NameTable _names = new();

            public bool TryParse(in LogLine line, IRecordSink sink)
            {
                foreach (var range in line.Text.Split((byte)' '))
                {
                    var token = line.Text[range];
                    var eq = token.IndexOf((byte)'=');
                    if (eq > 0 && Utf8Number.TryParse(token[(eq + 1)..], out var value))
                    {
                        sink.OnMetric(new MetricSample { Source = line.Source, Line = line.Number, Offset = line.Offset, Name = _names.Get(token[..eq]), Value = value });
                    }
                }

                return true;
            }
        }
    }
}
