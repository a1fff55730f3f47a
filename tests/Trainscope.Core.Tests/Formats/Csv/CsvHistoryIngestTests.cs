using Trainscope.Aggregation;
using Trainscope.Ingestion;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.Csv;

/// <summary>CSV files read the way `analyze` reads them: the real line splitter, cleaner, detector and aggregator.</summary>
public class CsvHistoryIngestTests
{
    private static (SourceSummary Source, RunSummary Run) Ingest(string relative)
    {
        var path = TestPaths.Fixture("csv/" + relative);
        var aggregator = new RunAggregator();
        var source = new SourceInfo(0, path, relative);
        var summary = SourceIngestor.Ingest(source, aggregator, new IngestOptions());
        return (summary, aggregator.Build("run", path, [summary]));
    }

    private static SeriesSummary Series(RunSummary run, string name, Phase phase = Phase.Train)
        => run.Series.Single(s => s.Name == name && s.Key.Phase == phase);

    [Fact]
    public void A_crlf_keras_log_is_detected_and_every_row_read_without_carriage_returns()
    {
        var (source, run) = Ingest("keras/training.log");

        source.Format.ShouldBe("csv-history");
        source.Unparsed.ShouldBe(0);
        source.LinesByFormat["csv-history"].ShouldBe(5);
        var valLoss = Series(run, "loss", Phase.Eval);
        valLoss.Count.ShouldBe(4);
        valLoss.Axis.ShouldBe(AxisKind.Epoch);
        valLoss.Min!.Value.Value.ShouldBe(0.21);
        valLoss.Min!.Value.Step.ShouldBe(2);
        valLoss.Last!.Value.Value.ShouldBe(0.215);
    }

    [Fact]
    public void A_half_written_last_row_is_left_out()
    {
        var (source, run) = Ingest("half_written_last_row.csv");

        var loss = Series(run, "loss");
        loss.Count.ShouldBe(2);
        loss.Last!.Value.Value.ShouldBe(0.87);
        source.SkippedByReason["partial-last-line"].ShouldBe(1);
    }

    [Fact]
    public void Epoch_rows_fill_the_epoch_table_per_phase()
    {
        var (_, run) = Ingest("lightning_sparse_metrics.csv");

        run.Epochs.Select(e => (e.Epoch, e.Phase)).ShouldBe([(0, Phase.Train), (0, Phase.Eval), (1, Phase.Train), (1, Phase.Eval)]);
        run.Epochs[0].Metrics["loss"].Mean!.Value.ShouldBe((2.31 + 1.95) / 2, 1e-12);
        run.Epochs[3].Metrics["acc"].Max.ShouldBe(0.55);
        Series(run, "loss").Axis.ShouldBe(AxisKind.Step);
        Series(run, "loss", Phase.Eval).Last!.Value.Step.ShouldBe(199);
    }

    [Fact]
    public void Junk_rows_are_counted_as_unparsed()
    {
        var (source, run) = Ingest("junk_rows.csv");

        source.Unparsed.ShouldBe(3);
        Series(run, "loss").Count.ShouldBe(3);
    }
}
