using System.Text;
using Trainscope.Following;

namespace Trainscope.Tests.Following;

/// <summary>Keeps every line and notice a follower delivers.</summary>
internal sealed class RecordingTarget : IFollowTarget
{
    public List<(string Text, long Number, long Offset)> Lines { get; } = [];

    public List<string> Partial { get; } = [];

    public List<FollowNotice> Notices { get; } = [];

    public IEnumerable<string> Texts => Lines.Select(l => l.Text);

    public void OnLine(ReadOnlySpan<byte> line, long number, long offset) => Lines.Add((Encoding.UTF8.GetString(line), number, offset));

    public void OnTooLong(long number, long offset, long length)
    {
    }

    public void OnPartialLastLine(ReadOnlySpan<byte> start, long number, long offset, long length) => Partial.Add(Encoding.UTF8.GetString(start));

    public void OnNotice(FollowNotice notice) => Notices.Add(notice);
}
