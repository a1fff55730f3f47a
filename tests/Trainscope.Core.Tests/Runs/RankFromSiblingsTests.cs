using Trainscope.Runs;

namespace Trainscope.Tests.Runs;

public class RankFromSiblingsTests
{
    private static RunFile File(string name) => new("/run/" + name, name, RankFromFileName.Parse(name));

    [Fact]
    public void The_unnumbered_file_beside_rank_files_is_rank_zero()
    {
        var files = RankFromSiblings.Apply([File("log.txt"), File("log.txt.rank1"), File("log.txt.rank2"), File("metrics.json")]);
        files.Select(f => (System.IO.Path.GetFileName(f.Path), f.Rank)).ShouldBe(
            [("log.txt", 0), ("log.txt.rank1", 1), ("log.txt.rank2", 2), ("metrics.json", (int?)null)]);
    }

    [Fact]
    public void Without_rank_files_nothing_changes()
    {
        var files = RankFromSiblings.Apply([File("log.txt"), File("metrics.json")]);
        files.ShouldAllBe(f => f.Rank == null);
    }

    [Fact]
    public void A_file_is_not_rank_zero_because_of_unrelated_rank_files()
    {
        var files = RankFromSiblings.Apply([File("train.log"), File("debug_rank1_20260105.log")]);
        files.Single(f => f.Path.EndsWith("train.log")).Rank.ShouldBeNull();
    }
}
