using Trainscope.Aggregation;
using Trainscope.Records;

namespace Trainscope.Analysis.Distributed;

/// <summary>`data-imbalance`: uneven files or samples per rank/worker, or a worker that never reports `COMPLETED iteration`.</summary>
public static class DataImbalanceRule
{
    public const string Id = "data-imbalance";

    public static IEnumerable<Finding> Evaluate(DistributedContext context, HangFacts facts)
    {
        var workers = context.Ranks.SelectMany(r => r.Workers.Values.Select(w => (Rank: r.Rank, Worker: w))).ToArray();
        if (workers.Length == 0)
        {
            yield break;
        }

        if (Uneven(context, workers.Where(w => w.Worker.Files is > 0).Select(w => (w.Rank, w.Worker, Value: (double)w.Worker.Files!.Value)), "files")
            is { } files)
        {
            yield return files;
        }

        if (Uneven(context, workers.Where(w => w.Worker.Samples is > 0).Select(w => (w.Rank, w.Worker, Value: w.Worker.Samples!.Value)), "samples")
            is { } samples)
        {
            yield return samples;
        }

        if (NeverCompleted(context, workers) is { } missing)
        {
            yield return missing;
        }
    }

    private static Finding? Uneven(DistributedContext context, IEnumerable<(int Rank, WorkerSummary Worker, double Value)> values, string what)
    {
        var list = values.ToArray();
        if (list.Length < 2)
        {
            return null;
        }

        var min = list.MinBy(v => v.Value);
        var max = list.MaxBy(v => v.Value);
        // One file more here or there is how integer division splits a data set; only a real ratio matters.
        if (max.Value < min.Value * context.Options.ImbalanceRatio || max.Value - min.Value < 2)
        {
            return null;
        }

        return new Finding
        {
            Rule = Id,
            Severity = Severity.Warning,
            Rank = min.Rank,
            Message = $"Data is split unevenly: rank {max.Rank} worker {max.Worker.Worker} has {max.Value:0} {what}, "
                + $"rank {min.Rank} worker {min.Worker.Worker} only {min.Value:0}.",
            Advice = "Uneven shards make ranks run different numbers of batches; the ones that finish first wait in a "
                + "collective for the others (or hang). Split files evenly across ranks × workers or use drop_last / even_batches.",
            Evidence = new[] { max.Worker.LastEvent, min.Worker.LastEvent }.OfType<LogEvent>().Select(SourceLineReader.Evidence).ToArray(),
        };
    }

    private static Finding? NeverCompleted(DistributedContext context, (int Rank, WorkerSummary Worker)[] workers)
    {
        var done = workers.Where(w => w.Worker.Completed).ToArray();
        if (done.Length == 0)
        {
            return null;
        }

        // Workers finish at different moments; one is only late once the others finished well before "now".
        var lastDone = done.Select(w => w.Worker.CompletedTime).Max();
        var settled = context.Completed || (lastDone is { } t && context.Now is { } now
            && (now - t).TotalSeconds > context.Options.MinStallSeconds);
        if (!settled)
        {
            return null;
        }

        var expected = workers.Select(w => w.Worker.Workers ?? 0).Append(0).Max();
        var missing = new List<(int Rank, int Worker, LogEvent? Last)>();
        foreach (var rank in context.Ranks.Where(r => r.Lines > 0))
        {
            var count = Math.Max(expected, rank.Workers.Count == 0 ? 0 : rank.Workers.Keys.Max() + 1);
            for (var w = 0; w < count; w++)
            {
                var worker = rank.Workers.GetValueOrDefault(w);
                if (worker is not { Completed: true })
                {
                    missing.Add((rank.Rank, w, worker?.LastEvent));
                }
            }
        }

        if (missing.Count == 0)
        {
            return null;
        }

        var names = string.Join(", ", missing.Take(8).Select(m => $"rank {m.Rank} worker {m.Worker}"));
        var ranks = missing.Select(m => m.Rank).Distinct().ToArray();
        return new Finding
        {
            Rule = Id,
            Severity = Severity.Warning,
            Rank = ranks.Length == 1 ? ranks[0] : null,
            Message = $"{missing.Count} data worker(s) never reported COMPLETED iteration while {done.Length} others did: {names}"
                + (missing.Count > 8 ? ", …" : "."),
            Advice = "A worker that never finishes its pass is stuck reading (a bad or slow shard) or died; check its last "
                + "`Processing … files` line and grep its rank's log for `ERROR.*shard`.",
            Evidence = missing.Select(m => m.Last).OfType<LogEvent>().Select(SourceLineReader.Evidence)
                .Take(context.Options.MaxEvidence).ToArray(),
        };
    }
}
