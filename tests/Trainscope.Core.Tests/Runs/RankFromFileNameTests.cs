using Trainscope.Runs;

namespace Trainscope.Tests.Runs;

public sealed class RankFromFileNameTests
{
    [Theory]
    [InlineData("debug_rank3_20260105.log", 3)]
    [InlineData("debug_rank0_20231203_143025.log", 0)]
    [InlineData("log.txt.rank3", 3)]
    [InlineData("rank-3.log", 3)]
    [InlineData("rank3.log", 3)]
    [InlineData("rank_12.log", 12)]
    [InlineData("output_rank_3.txt", 3)]
    [InlineData("node0_rank3.log", 3)]
    [InlineData("Rank7.out", 7)]
    [InlineData("logs/run1/debug_rank5_x.log", 5)]
    public void Reads_the_rank_a_file_is_named_after(string name, int rank)
        => RankFromFileName.Parse(name).ShouldBe(rank);

    [Theory]
    [InlineData("train_20231203_143025.log")]
    [InlineData("worker_3.log")]
    [InlineData("frank3.log")]
    [InlineData("ranking2.log")]
    [InlineData("rank.log")]
    [InlineData("rank3x.log")]
    [InlineData("log.txt")]
    public void Finds_no_rank_in_names_that_do_not_clearly_name_one(string name)
        => RankFromFileName.Parse(name).ShouldBeNull();
}
