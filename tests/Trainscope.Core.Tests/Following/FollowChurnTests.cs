using Trainscope.Following;
using Trainscope.Ingestion;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Following;

public class FollowChurnTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("trainscope-churn-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class IdFeed : IFollowSink
    {
        public List<long> Ids { get; } = [];

        public List<string> Notices { get; } = [];

        public void OnNotice(FollowNotice notice) => Notices.Add($"{notice.Kind} after {Ids.LastOrDefault()}: {notice.Message}");

        public void OnMetric(in MetricSample sample)
        {
            if (sample.Name == "id")
            {
                Ids.Add((long)sample.Value);
            }
        }

        public void OnEvent(LogEvent logEvent)
        {
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_line_written_through_appends_rotation_truncation_and_deletion_is_read_exactly_once(bool pollOnly)
    {
        var writer = new LogChurnWriter(_dir);
        File.WriteAllText(writer.MainLog, "");
        var feed = new IdFeed();
        var options = new FollowOptions { ForcePolling = pollOnly, PollInterval = TimeSpan.FromMilliseconds(20), DrainQuietTime = TimeSpan.FromMilliseconds(300) };
        using var follower = new RunFollower([_dir], new IngestOptions { LineFormats = [new KeyValueFormat()] }, options, feed);
        using var stop = new CancellationTokenSource();
        // A thread of its own, as `watch` runs it: pool threads may be scarce while tests run in parallel.
        var loop = Task.Factory.StartNew(
            () =>
            {
                do
                {
                    follower.Poll();
                }
                while (follower.WaitForChange(stop.Token));
            },
            TaskCreationOptions.LongRunning);

        writer.Run(TimeSpan.FromMilliseconds(15));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (feed.Ids.Count < writer.Written && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        Thread.Sleep(500); // anything read twice would show up now
        stop.Cancel();
        await loop;
        feed.Ids.Order().ShouldBe(
            Enumerable.Range(1, writer.Written).Select(i => (long)i), string.Join("\n", feed.Notices));
        feed.Ids.Order().ShouldBe(Enumerable.Range(1, writer.Written).Select(i => (long)i));
    }
}
