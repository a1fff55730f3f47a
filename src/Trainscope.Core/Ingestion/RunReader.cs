using Trainscope.Aggregation;
using Trainscope.Records;
using Trainscope.Runs;

namespace Trainscope.Ingestion;

/// <summary>Reads every file of a run into one aggregator and builds the run's summary.</summary>
public static class RunReader
{
    public static RunSummary Read(RunSpec run, IngestOptions options, IRecordSink? alsoTo = null, CancellationToken cancellationToken = default)
    {
        var aggregator = new RunAggregator(options.PointsPerSeries);
        IRecordSink sink = alsoTo is null ? aggregator : new TeeSink(aggregator, alsoTo);
        // Large inputs aggregate on a second core while the first parses; small ones are not worth a thread.
        using var pipeline = TotalBytes(run) >= options.PipelineAboveBytes ? new PipelinedSink(sink, rankedLinesOnly: alsoTo is null) : null;
        var sources = new List<SourceSummary>();
        for (var i = 0; i < run.Files.Count; i++)
        {
            var file = run.Files[i];
            var source = new SourceInfo(i, file.Path, file.DisplayPath) { Rank = file.Rank };
            sources.Add(SourceIngestor.Ingest(source, (IRecordSink?)pipeline ?? sink, options, cancellationToken));
        }

        pipeline?.Complete();
        return aggregator.Build(run.Name, run.Path, sources);
    }

    private static long TotalBytes(RunSpec run)
    {
        long total = 0;
        foreach (var file in run.Files)
        {
            try
            {
                total += new FileInfo(file.Path).Length;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Reading will report it; size only decides whether to use a second thread.
            }
        }

        return total;
    }
}
