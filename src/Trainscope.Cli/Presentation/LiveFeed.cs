using Trainscope.Following;
using Trainscope.Records;

namespace Trainscope.Cli.Presentation;

/// <summary>What the live view needs beyond run snapshots: line counts and the latest file notices and error events.</summary>
internal sealed class LiveFeed : IFollowSink
{
    private const int Kept = 4;

    public long Lines { get; private set; }

    public Queue<string> Notices { get; } = new();

    public void OnMetric(in MetricSample sample)
    {
    }

    public void OnEvent(LogEvent logEvent)
    {
        if (logEvent.Kind is EventKind.Error or EventKind.OutOfMemory)
        {
            Keep($"{logEvent.Source.DisplayPath}:{logEvent.Line} {logEvent.Text}");
        }
    }

    public void OnLineRead(SourceInfo source, ReadOnlySpan<byte> raw, long number) => Lines++;

    public void OnNotice(FollowNotice notice) => Keep(notice.Message);

    private void Keep(string text)
    {
        Notices.Enqueue($"{DateTime.Now:HH:mm:ss} {text}");
        while (Notices.Count > Kept)
        {
            Notices.Dequeue();
        }
    }
}
