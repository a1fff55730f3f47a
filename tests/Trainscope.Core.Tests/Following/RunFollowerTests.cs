using Trainscope.Following;
using Trainscope.Ingestion;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Following;

public class RunFollowerTests : IDisposable
{
    private static readonly IngestOptions Ingest = new() { LineFormats = [new KeyValueFormat()] };
    private readonly string _dir = Directory.CreateTempSubdirectory("trainscope-runfollow-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class Feed : IFollowSink
    {
        public List<MetricSample> Metrics { get; } = [];
        public List<FollowNotice> Notices { get; } = [];

        public void OnMetric(in MetricSample sample) => Metrics.Add(sample);

        public void OnEvent(LogEvent logEvent)
        {
        }

        public void OnNotice(FollowNotice notice) => Notices.Add(notice);

        public IEnumerable<long> Ids => Metrics.Where(m => m.Name == "id").Select(m => (long)m.Value);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.AppendAllText(path, text);
        return path;
    }

    [Fact]
    public void A_new_rank_log_appearing_in_a_followed_directory_joins_the_same_run()
    {
        Write("train_rank0.log", "step=1 loss=0.9\n");
        var feed = new Feed();
        using var follower = new RunFollower([_dir], Ingest, new FollowOptions { RescanInterval = TimeSpan.Zero }, feed);
        follower.Poll();
        Write("train_rank1.log", "step=1 loss=0.8\n");
        follower.Poll();
        follower.Runs.Count.ShouldBe(1);
        var run = follower.Runs[0].Snapshot();
        run.Sources.Select(s => s.Info.Rank).ShouldBe([0, 1]);
        run.Ranks.Select(r => r.Rank).ShouldBe([0, 1]);
        feed.Metrics.Select(m => m.Value).ShouldBe([0.9, 0.8]);
    }

    [Fact]
    public void A_rotated_copy_appearing_beside_the_log_is_not_read_again()
    {
        var path = Write("train.log", "id=1 loss=0.9 and some text so the head is a whole fingerprint long\n");
        var feed = new Feed();
        using var follower = new RunFollower([_dir], Ingest, new FollowOptions { RescanInterval = TimeSpan.Zero, DrainQuietTime = TimeSpan.Zero }, feed);
        follower.Poll();
        File.Move(path, path + ".1");
        Write("train.log", "id=2 loss=0.8\n");
        follower.Poll();
        follower.Poll();
        feed.Ids.ShouldBe([1, 2]);
        follower.Runs.Single().Tails.Count.ShouldBe(1);
    }

    [Fact]
    public void A_copytruncate_copy_is_not_read_again()
    {
        var path = Write("train.log", "id=1 loss=0.9 and some text so the head is a whole fingerprint long\n");
        var feed = new Feed();
        using var follower = new RunFollower([_dir], Ingest, new FollowOptions { RescanInterval = TimeSpan.Zero }, feed);
        follower.Poll();
        File.Copy(path, path + ".1");
        follower.Poll(); // the copy shows up before the truncation
        File.WriteAllText(path, "id=2 loss=0.8\n");
        follower.Poll();
        feed.Ids.ShouldBe([1, 2]);
        feed.Notices.ShouldContain(n => n.Kind == FollowNoticeKind.Truncated);
    }

    [Fact]
    public void Lines_arrive_through_notifications_without_waiting_for_the_poll_interval()
    {
        var path = Write("train.log", "id=1\n");
        var feed = new Feed();
        using var follower = new RunFollower([path], Ingest, new FollowOptions { PollInterval = TimeSpan.FromSeconds(30) }, feed);
        follower.Poll();
        follower.UsesNotifications.ShouldBeTrue();
        Write("train.log", "id=2\n");
        var started = DateTime.UtcNow;
        while (!feed.Ids.Contains(2) && DateTime.UtcNow - started < TimeSpan.FromSeconds(10))
        {
            follower.WaitForChange(CancellationToken.None);
            follower.Poll();
        }

        feed.Ids.ShouldBe([1, 2]);
        (DateTime.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_source_silent_far_longer_than_its_usual_interval_raises_rank_stalled()
    {
        Write("train_rank0.log", "step=1 loss=0.9\n");
        Write("train_rank1.log", "step=1 loss=0.9\n");
        var options = new FollowOptions { StallMinimum = TimeSpan.FromMilliseconds(300), StallFactor = 5 };
        using var follower = new RunFollower([_dir], Ingest, options, new Feed());
        follower.Poll();
        for (var step = 2; step < 8; step++)
        {
            Thread.Sleep(30);
            Write("train_rank0.log", $"step={step} loss=0.5\n");
            Write("train_rank1.log", $"step={step} loss=0.5\n");
            follower.Poll();
        }

        var run = follower.Runs.Single();
        run.Stalls(run.Snapshot(), DateTime.UtcNow).ShouldBeEmpty();
        for (var step = 8; step < 30; step++)
        {
            Thread.Sleep(30);
            Write("train_rank0.log", $"step={step} loss=0.5\n");
            follower.Poll();
        }

        var finding = run.Stalls(run.Snapshot(), DateTime.UtcNow).ShouldHaveSingleItem();
        finding.Rule.ShouldBe("rank-stalled");
        finding.Rank.ShouldBe(1);
        finding.Evidence.Single().Line.ShouldBe(7);
        finding.Evidence.Single().Text.ShouldBe("step=7 loss=0.5");
    }
}
