using Trainscope.Following;
using Trainscope.Ingestion;
using Trainscope.Records;

namespace Trainscope.Tests.Formats.Csv;

/// <summary>A CSV history written while `watch` follows it: rows arrive one by one, the header is kept across polls.</summary>
public class CsvHistoryFollowTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("trainscope-csvfollow-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class Feed : IFollowSink
    {
        public List<MetricSample> Metrics { get; } = [];

        public void OnMetric(in MetricSample sample) => Metrics.Add(sample);

        public void OnEvent(LogEvent logEvent)
        {
        }

        public void OnNotice(FollowNotice notice)
        {
        }
    }

    private void Append(string name, string text) => File.AppendAllText(Path.Combine(_dir, name), text);

    [Fact]
    public void Rows_appended_after_the_header_arrive_once_each_and_a_half_written_row_waits()
    {
        Append("training_history.csv", "epoch,loss,val_loss\n");
        var feed = new Feed();
        using var follower = new RunFollower([_dir], new IngestOptions(), new FollowOptions { RescanInterval = TimeSpan.Zero }, feed);
        follower.Poll();
        feed.Metrics.ShouldBeEmpty();

        Append("training_history.csv", "1,0.9,1.0\n2,0.8,0.");
        follower.Poll();
        feed.Metrics.Select(m => (m.Name, m.Phase, m.Value)).ShouldBe([("loss", Phase.Train, 0.9), ("loss", Phase.Eval, 1.0)]);

        Append("training_history.csv", "95\n3,0.7,0.9\n");
        follower.Poll();
        feed.Metrics.Where(m => m.Phase == Phase.Eval).Select(m => (m.Position.Epoch, m.Value)).ShouldBe([(1, 1.0), (2, 0.95), (3, 0.9)]);
        follower.Runs.Single().Snapshot().Sources.Single().Format.ShouldBe("csv-history");
    }
}
