using System.Globalization;
using Trainscope.Analysis;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Analysis.Doctor;

/// <summary>The repository's samples, read with a minimal CSV split (the CSV format itself is tested elsewhere).</summary>
public class SampleRunTests
{
    private static void AddCsv(RunBuilder run, string path, Phase phase)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            var epoch = int.Parse(cells[0], CultureInfo.InvariantCulture);
            for (var i = 1; i < header.Length; i++)
            {
                run.Metric(header[i], double.Parse(cells[i], CultureInfo.InvariantCulture), epoch: epoch, phase: phase);
            }
        }
    }

    [Fact]
    public void The_controller_csv_sample_is_a_healthy_run_with_its_best_eval_loss_at_epoch_40()
    {
        var run = new RunBuilder();
        AddCsv(run, Path.Combine(TestPaths.RepoRoot, "samples", "controller-csv", "training_history.csv"), Phase.Train);
        AddCsv(run, Path.Combine(TestPaths.RepoRoot, "samples", "controller-csv", "validation_history.csv"), Phase.Eval);

        var findings = run.Findings();

        findings.Where(f => f.Severity >= Severity.Warning).Select(f => $"{f.Rule}: {f.Message}").ShouldBeEmpty();
        findings.Single(f => f.Rule == "best-metric" && f.Metric == "loss").Message.ShouldContain("epoch 40");
    }
}
