using Trainscope.Records;

namespace Trainscope.Following;

/// <summary>A record sink that also hears about each followed line and about file changes: live views and feeds.</summary>
public interface IFollowSink : IRecordSink
{
    /// <summary>A line was dispatched; the records it produced were delivered just before. The span is valid during the call.</summary>
    void OnLineRead(SourceInfo source, ReadOnlySpan<byte> raw, long number)
    {
    }

    void OnNotice(FollowNotice notice)
    {
    }
}
