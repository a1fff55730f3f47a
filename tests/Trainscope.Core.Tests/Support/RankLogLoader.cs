using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Trainscope.Aggregation;
using Trainscope.Formats.Text;
using Trainscope.Records;
using Trainscope.Runs;

namespace Trainscope.Tests.Support;

/// <summary>
/// Reads the seed-003-shaped multi-rank fixtures into a <see cref="RunSummary"/> the way ingestion and the rank-debug
/// format will: a <see cref="LineActivity"/> per line, then markers, worker progress, errors and loss samples.
/// Deliberately simple (regular expressions, whole files in memory): it stands in for the real pipeline in tests.
/// </summary>
public static partial class RankLogLoader
{
    public static RunSummary Load(string directory)
    {
        var aggregator = new RunAggregator();
        var sources = new List<SourceSummary>();
        var name = Path.GetFileName(directory);
        foreach (var path in Directory.GetFiles(directory, "*.log").Order(StringComparer.Ordinal))
        {
            var file = Path.GetFileName(path);
            var info = new SourceInfo(sources.Count, path, $"multi-rank/{name}/{file}") { Rank = RankFromFileName.Parse(file) };
            var summary = new SourceSummary(info) { ModifiedTime = File.GetLastWriteTime(path) };
            Feed(aggregator, info, summary, File.ReadAllBytes(path));
            sources.Add(summary);
        }

        return aggregator.Build(name, directory, sources);
    }

    private static void Feed(RunAggregator sink, SourceInfo source, SourceSummary summary, byte[] bytes)
    {
        var epochs = new Dictionary<int, int>();
        long offset = 0;
        long number = 0;
        while (offset < bytes.Length)
        {
            var length = Array.IndexOf(bytes, (byte)'\n', (int)offset) is var nl and >= 0 ? nl - (int)offset : bytes.Length - (int)offset;
            var line = bytes.AsSpan((int)offset, length);
            number++;
            var prefix = LinePrefix.Parse(line);
            var body = Encoding.UTF8.GetString(line[prefix.BodyStart..]);
            var rank = prefix.Rank ?? Int(BracketRank().Match(body), 1) ?? source.Rank;
            summary.Lines++;
            if (prefix.Timestamp is { } t)
            {
                summary.FirstTimestamp ??= t;
                summary.LastTimestamp = t;
            }

            sink.OnLine(new LineActivity(source, rank, number, offset, prefix.Timestamp));
            var context = new Line(sink, source, rank, number, offset, prefix.Timestamp, Encoding.UTF8.GetString(line).Trim());
            Classify(context, body, epochs);
            offset += length + 1;
        }
    }

    private static void Classify(Line line, string body, Dictionary<int, int> epochs)
    {
        // Rank brackets may have been consumed as a prefix; match on the whole line, except for anchored patterns.
        var text = line.Text;
        var epoch = line.Rank is int r && epochs.TryGetValue(r, out var e) ? e : (int?)null;
        if (EpochMarker().Match(text) is { Success: true } marker)
        {
            epoch = Int(marker, 1);
            if (line.Rank is int rank)
            {
                epochs[rank] = epoch!.Value;
            }

            var name = marker.Groups[2].Value.ToLowerInvariant() + "-" + marker.Groups[3].Value.ToLowerInvariant();
            line.Event(EventKind.Marker, name, new Position { Epoch = epoch });
        }
        else if (WorkerFiles().Match(text) is { Success: true } files)
        {
            line.Event(EventKind.Marker, RankEventNames.WorkerProgress, default, Long(files, 3), new()
            {
                ["worker"] = files.Groups[1].Value, ["workers"] = files.Groups[2].Value,
                ["files_done"] = files.Groups[3].Value, ["files_total"] = files.Groups[4].Value,
            });
        }
        else if (Completed().Match(text) is { Success: true } done)
        {
            line.Event(EventKind.Marker, RankEventNames.CompletedIteration, default, Long(done, 2), new() { ["worker"] = done.Groups[1].Value });
        }
        else if (Step().Match(text) is { Success: true } step)
        {
            var position = new Position { Epoch = epoch, Iteration = Long(step, 2), IterationsPerEpoch = 3000 };
            position.DeriveStep();
            var sample = new MetricSample
            {
                Source = line.Source, Rank = line.Rank, Line = line.Number, Offset = line.Offset, Timestamp = line.Time,
                Phase = step.Groups[1].Value == "Training" ? Phase.Train : Phase.Eval, Position = position, Name = "loss",
                Value = double.Parse(step.Groups[3].Value, CultureInfo.InvariantCulture),
            };
            line.Sink.OnMetric(sample);
        }
        else if (Batches().Match(text) is { Success: true } batches)
        {
            line.Event(EventKind.Marker, RankEventNames.ProcessedBatches, new Position { Epoch = epoch }, Long(batches, 1));
        }
        else if (text.Contains("Traceback (most recent call last)", StringComparison.Ordinal))
        {
            line.Event(EventKind.Error, RankEventNames.Traceback, default);
        }
        else if (Exception().Match(body) is { Success: true } exception)
        {
            line.Event(EventKind.Error, exception.Groups[1].Value, default);
        }
        else if (Watchdog().Match(text) is { Success: true } timeout)
        {
            line.Event(EventKind.Error, RankEventNames.NcclTimeout, default, null, new()
            {
                ["seq"] = timeout.Groups[1].Value, ["op"] = timeout.Groups[2].Value,
                ["timeout_ms"] = timeout.Groups[3].Value, ["ran_ms"] = timeout.Groups[4].Value,
            });
        }
        else if (text.Contains("closing signal", StringComparison.Ordinal))
        {
            line.Event(EventKind.Warning, "signal", default);
        }
        else if (text.Contains("failed (exitcode", StringComparison.Ordinal))
        {
            line.Event(EventKind.Error, "ChildFailedError", default);
        }
        else if (text.Contains("Training completed", StringComparison.Ordinal))
        {
            line.Event(EventKind.Completed, "completed", default);
        }
    }

    private static int? Int(Match match, int group) => match.Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : null;

    private static long Long(Match match, int group) => long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    private sealed record Line(RunAggregator Sink, SourceInfo Source, int? Rank, long Number, long Offset, DateTime? Time, string Text)
    {
        public void Event(EventKind kind, string name, Position position, double? value = null, Dictionary<string, string>? attributes = null)
            => Sink.OnEvent(new LogEvent
            {
                Kind = kind, Source = Source, Line = Number, Offset = Offset, Rank = Rank, Timestamp = Time,
                Position = position, Text = Text, Name = name, Value = value, Attributes = attributes,
            });
    }

    [GeneratedRegex(@"\[Rank (\d+)")]
    private static partial Regex BracketRank();

    [GeneratedRegex(@"EPOCH (\d+) (TRAINING|VALIDATION) (START|END)")]
    private static partial Regex EpochMarker();

    [GeneratedRegex(@"Worker (\d+)/(\d+)\] Processing (\d+)/(\d+) files")]
    private static partial Regex WorkerFiles();

    [GeneratedRegex(@"Worker (\d+)\] COMPLETED iteration, total samples: (\d+)")]
    private static partial Regex Completed();

    [GeneratedRegex(@"(Training|Validation) step (\d+), loss=([\d.]+)")]
    private static partial Regex Step();

    [GeneratedRegex(@"Processed (\d+) training batches")]
    private static partial Regex Batches();

    [GeneratedRegex(@"^([A-Za-z_.]*(?:Error|Exception)): ")]
    private static partial Regex Exception();

    [GeneratedRegex(@"SeqNum=(\d+), OpType=(\w+).*Timeout\(ms\)=(\d+)\) ran for (\d+) milliseconds")]
    private static partial Regex Watchdog();
}
