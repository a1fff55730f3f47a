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
        var sources = new List<SourceSummary>();
        for (var i = 0; i < run.Files.Count; i++)
        {
            var file = run.Files[i];
            var source = new SourceInfo(i, file.Path, file.DisplayPath) { Rank = file.Rank };
            sources.Add(SourceIngestor.Ingest(source, sink, options, cancellationToken));
        }

        return aggregator.Build(run.Name, run.Path, sources);
    }
}
