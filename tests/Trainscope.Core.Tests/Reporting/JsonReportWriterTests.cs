using System.Text;
using Trainscope.Aggregation;
using Trainscope.Analysis;
using Trainscope.Ingestion;
using Trainscope.Reporting;
using Trainscope.Runs;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Reporting;

public sealed class JsonReportWriterTests
{
    [Fact]
    public void A_run_s_analysis_is_asked_for_only_when_its_findings_are_due()
    {
        var runs = new[] { Read("metriclogger/detr_test_blocks.log"), Read("metriclogger/prefixed_multiline_averaged.log") };
        using var output = new MemoryStream();
        var asked = new List<(int Run, string WrittenSoFar)>();

        JsonReportWriter.Write(output, runs, i =>
        {
            // The writer flushes what it holds before it waits, so the stream shows how far the report had got.
            asked.Add((i, Encoding.UTF8.GetString(output.ToArray())));
            return RunAnalysis.Analyze(runs[i]);
        });

        asked.Select(a => a.Run).ShouldBe([0, 1]);
        var first = asked[0].WrittenSoFar;
        first.ShouldContain("\"epochs\": [");
        first.ShouldNotContain("\"findings\"");
        Occurrences(asked[1].WrittenSoFar, "\"findings\"").ShouldBe(1);
        Occurrences(asked[1].WrittenSoFar, "\"epochs\": [").ShouldBe(2);
    }

    [Fact]
    public void Writing_runs_with_their_analyses_later_gives_the_report_of_finished_analyses()
    {
        var runs = new[] { Read("metriclogger/detr_test_blocks.log"), Read("hf/lora_finetune_stdout.log") };
        var results = runs.Select(run => RunAnalysis.Analyze(run)).ToArray();
        using var finished = new MemoryStream();
        using var later = new MemoryStream();

        JsonReportWriter.Write(finished, results);
        JsonReportWriter.Write(later, runs, i => RunAnalysis.Analyze(runs[i]));

        Encoding.UTF8.GetString(later.ToArray()).ShouldBe(Encoding.UTF8.GetString(finished.ToArray()));
    }

    [Fact]
    public void An_analysis_of_another_run_is_refused()
    {
        var runs = new[] { Read("metriclogger/detr_test_blocks.log"), Read("hf/lora_finetune_stdout.log") };

        Should.Throw<ArgumentException>(() => JsonReportWriter.Write(Stream.Null, runs, i => RunAnalysis.Analyze(runs[1 - i])));
    }

    private static RunSummary Read(string fixture)
    {
        var path = TestPaths.Fixture(fixture);
        return RunReader.Read(new RunSpec(Path.GetFileName(path), path, [new RunFile(path, Path.GetFileName(path), null)]), new IngestOptions());
    }

    private static int Occurrences(string text, string word)
    {
        var count = 0;
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
