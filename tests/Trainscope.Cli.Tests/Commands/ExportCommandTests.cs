using System.Globalization;
using System.Text.Json;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Commands;

public sealed class ExportCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("trainscope-export-").FullName;

    private static string TextLog => Path.Combine(CliRunner.RepoRoot, "tests", "fixtures", "epoch-progress", "train_ddp_zh.log");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_text_log_exported_to_tensorboard_reads_back_with_the_same_series()
    {
        var output = Path.Combine(_dir, "tb");
        var export = CliRunner.Run("export", TextLog, "--to", "tensorboard", "-o", output);
        export.ExitCode.ShouldBe(0, export.Error);
        export.Console.ShouldContain("records to");

        var file = Directory.GetFiles(output).ShouldHaveSingleItem();
        Path.GetFileName(file).ShouldStartWith("events.out.tfevents.");
        var original = Metrics(CliRunner.Run("analyze", "--json", TextLog));
        var back = Metrics(CliRunner.Run("analyze", "--json", file));
        back.Keys.Order().ShouldBe(original.Keys.Order());
        foreach (var (key, metric) in original)
        {
            back[key].GetProperty("count").GetInt64().ShouldBe(metric.GetProperty("count").GetInt64(), key);
            back[key].GetProperty("last_step").GetInt64().ShouldBe(metric.GetProperty("last_step").GetInt64(), key);
            back[key].GetProperty("last").GetDouble().ShouldBe((float)metric.GetProperty("last").GetDouble(), key);
            back[key].GetProperty("max").GetDouble().ShouldBe((float)metric.GetProperty("max").GetDouble(), key);
        }
    }

    [Fact]
    public void Several_runs_go_to_one_subdirectory_each()
    {
        var output = Path.Combine(_dir, "tb");
        var result = CliRunner.Run("export", TextLog, CliRunner.Corpus("tfevents/retfound_small.events.out.tfevents.1716410862.DESKTOP-0S29EV5.7244.0"), "--to", "tensorboard", "-o", output);

        result.ExitCode.ShouldBe(0, result.Error);
        Directory.GetDirectories(output).Length.ShouldBe(2);
        Directory.GetFiles(output, "events.out.tfevents.*", SearchOption.AllDirectories).Length.ShouldBe(2);
    }

    [Fact]
    public void Csv_export_writes_one_long_format_row_per_kept_point()
    {
        var output = Path.Combine(_dir, "metrics.csv");
        var result = CliRunner.Run("export", CliRunner.Corpus("tfevents/retfound_small.events.out.tfevents.1716410862.DESKTOP-0S29EV5.7244.0"), "--to", "csv", "-o", output);
        result.ExitCode.ShouldBe(0, result.Error);

        var lines = File.ReadAllLines(output);
        lines[0].ShouldBe("run,phase,rank,name,step,epoch,time,value");
        lines.Length.ShouldBe(1 + 8);
        var lastLoss = lines.Where(l => l.Contains(",loss,", StringComparison.Ordinal)).Last().Split(',');
        lastLoss[1].ShouldBe("train");
        lastLoss[2].ShouldBe("");
        lastLoss[4].ShouldBe("250");
        DateTime.Parse(lastLoss[6], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).Kind.ShouldBe(DateTimeKind.Utc);
        double.Parse(lastLoss[7], CultureInfo.InvariantCulture).ShouldBe(0.6929669380187988);
    }

    [Fact]
    public void Csv_to_a_dash_goes_to_stdout()
    {
        var result = CliRunner.Run("export", TextLog, "--to", "csv", "-o", "-");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1 + 5 + 5 + 1);
    }

    [Fact]
    public void Json_export_is_the_analyze_json_document()
    {
        var output = Path.Combine(_dir, "report.json");
        CliRunner.Run("export", TextLog, "--to", "json", "-o", output).ExitCode.ShouldBe(0);

        File.ReadAllText(output).ShouldBe(CliRunner.Run("analyze", "--json", TextLog).Stdout);
    }

    [Fact]
    public void Tensorboard_to_stdout_is_a_usage_error()
        => CliRunner.Run("export", TextLog, "--to", "tensorboard", "-o", "-").ExitCode.ShouldBe(2);

    [Fact]
    public void An_unknown_target_is_a_usage_error()
        => CliRunner.Run("export", TextLog, "--to", "parquet", "-o", Path.Combine(_dir, "x")).ExitCode.ShouldBe(2);

    [Fact]
    public void Missing_output_is_a_usage_error()
        => CliRunner.Run("export", TextLog, "--to", "csv").ExitCode.ShouldBe(2);

    [Fact]
    public void An_unwritable_output_is_a_usage_error_naming_it()
    {
        var output = Path.Combine(_dir, "no", "such", "dir", "out.csv");
        var result = CliRunner.Run("export", TextLog, "--to", "csv", "-o", output);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain(output);
    }

    private static Dictionary<string, JsonElement> Metrics(CliRunner.Result result)
    {
        result.ExitCode.ShouldBe(0, result.Error);
        return result.Json.GetProperty("runs")[0].GetProperty("metrics").EnumerateArray()
            .ToDictionary(m => $"{m.GetProperty("phase").GetString()}/{m.GetProperty("name").GetString()}");
    }
}
