using Trainscope.Runs;

namespace Trainscope.Tests.Runs;

public class RunGroupingTests
{
    private static RunFile File(string name) => new("/runs/" + name, name, RankFromFileName.Parse(name));

    [Fact]
    public void Train_and_validation_histories_are_one_run()
        => RunGrouping.Group([File("training_history.csv"), File("validation_history.csv")]).ShouldHaveSingleItem().Files.Count.ShouldBe(2);

    [Fact]
    public void Epoch_and_batch_metric_tables_of_one_run_are_one_run()
        => RunGrouping.Group([File("epoch_metrics_20240101_120000.csv"), File("batch_metrics_20240101_120000.csv")])
            .ShouldHaveSingleItem().Files.Count.ShouldBe(2);

    [Fact]
    public void Rank_files_and_the_main_log_are_one_run()
    {
        var groups = RunGrouping.Group([File("train_20231203_143025.log"), File("debug_rank0_20231203_143025.log"), File("debug_rank1_20231203_143025.log")]);
        groups.ShouldHaveSingleItem().Files.Count.ShouldBe(3);
    }

    [Fact]
    public void Detectron2_output_directory_is_one_run()
        => RunGrouping.Group([File("log.txt"), File("log.txt.rank1"), File("metrics.json"), File("events.out.tfevents.1752820354.host.1.0")])
            .ShouldHaveSingleItem();

    [Fact]
    public void Unrelated_logs_side_by_side_are_separate_runs()
        => RunGrouping.Group([File("cfvit_deit_log.jsonl"), File("detr_r50_log.jsonl"), File("retfound_mae_finetune_log.jsonl")]).Count.ShouldBe(3);

    [Theory]
    [InlineData("debug_rank3_20260105.log", 3)]
    [InlineData("log.txt.rank2", 2)]
    [InlineData("rank-7.log", 7)]
    [InlineData("train.log", null)]
    [InlineData("frankly.log", null)]
    public void Rank_comes_from_clear_file_names(string name, int? rank) => RankFromFileName.Parse(name).ShouldBe(rank);
}
