using System.Text.Json;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Commands;

public class AnalyzeCsvTests
{
    private static JsonElement SingleRun(string path)
    {
        var result = CliRunner.Run("analyze", "--json", path);
        result.ExitCode.ShouldBe(0, result.Error);
        return result.Json.GetProperty("runs").EnumerateArray().ShouldHaveSingleItem();
    }

    [Fact]
    public void The_controller_sample_is_one_run_with_train_and_eval_histories()
    {
        var run = SingleRun(CliRunner.Sample("controller-csv"));

        run.GetProperty("sources").EnumerateArray().Select(s => (Path.GetFileName(s.GetProperty("path").GetString()), s.GetProperty("format").GetString()))
            .ShouldBe([("training_history.csv", "csv-history"), ("validation_history.csv", "csv-history")]);
        var metrics = run.GetProperty("metrics").EnumerateArray().ToArray();
        metrics.Select(m => m.GetProperty("phase").GetString()).Distinct().Order().ShouldBe(["eval", "train"]);
        var trainLoss = metrics.Single(m => m.GetProperty("name").GetString() == "loss" && m.GetProperty("phase").GetString() == "train");
        var evalLoss = metrics.Single(m => m.GetProperty("name").GetString() == "loss" && m.GetProperty("phase").GetString() == "eval");
        (trainLoss.GetProperty("count").GetInt32(), evalLoss.GetProperty("count").GetInt32()).ShouldBe((40, 20));
        trainLoss.GetProperty("axis").GetString().ShouldBe("epoch");
        metrics.ShouldNotContain(m => m.GetProperty("name").GetString() == "epoch");
    }

    [Fact]
    public void The_controller_sample_has_an_epoch_table_with_validation_every_second_epoch()
    {
        var run = SingleRun(CliRunner.Sample("controller-csv"));

        var epochs = run.GetProperty("epochs").EnumerateArray().Select(e => (e.GetProperty("epoch").GetInt32(), e.GetProperty("phase").GetString())).ToArray();
        epochs.Where(e => e.Item2 == "train").Select(e => e.Item1).ShouldBe(Enumerable.Range(1, 40));
        epochs.Where(e => e.Item2 == "eval").Select(e => e.Item1).ShouldBe(Enumerable.Range(1, 20).Select(i => i * 2));
        run.GetProperty("progress").GetProperty("epoch").GetInt32().ShouldBe(40);
    }

    [Fact]
    public void The_controller_sample_renders_an_epoch_table_with_both_phases()
    {
        var result = CliRunner.Run("analyze", CliRunner.Sample("controller-csv"));

        result.ExitCode.ShouldBe(0, result.Error);
        result.Console.ShouldContain("epochs (mean");
        var table = result.Console[result.Console.IndexOf("epochs (mean", StringComparison.Ordinal)..];
        table.ShouldContain(" eval ");
        table.ShouldContain(" train ");
    }

    [Fact]
    public void Seed_002_epoch_and_batch_tables_are_one_run()
    {
        var run = SingleRun(Path.Combine(CliRunner.RepoRoot, "tests", "fixtures", "csv", "seed002"));

        run.GetProperty("sources").GetArrayLength().ShouldBe(2);
        var names = run.GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToArray();
        names.ShouldContain("loss");
        names.ShouldContain("avg_loss");
    }
}
