using Trainscope.Records;

namespace Trainscope.Following;

/// <summary>What happened to a followed file besides growing.</summary>
public enum FollowNoticeKind : byte
{
    /// <summary>A file showed up at the path (a new log, or the path came back after deletion).</summary>
    Appeared,

    /// <summary>The file got shorter (or was rewritten from the start, as `copytruncate` does): reading restarts at 0.</summary>
    Truncated,

    /// <summary>The path now holds a different file; the old one is read to its end, then the new one from its start.</summary>
    Rotated,

    /// <summary>The file was deleted; what it still held was read.</summary>
    Deleted,
}

/// <summary>A change to a followed file other than appended lines, in words for the user.</summary>
public sealed record FollowNotice(FollowNoticeKind Kind, string Path, string Message)
{
    /// <summary>The source it concerns, once a <see cref="SourceTail"/> has attached it.</summary>
    public SourceInfo? Source { get; init; }

    /// <summary>True when what follows is new content from offset 0, so per-file parser state must start over.</summary>
    public bool StartsOver => Kind is FollowNoticeKind.Truncated or FollowNoticeKind.Rotated or FollowNoticeKind.Appeared;
}

/// <summary>Receives the complete lines of a followed file and the notices about it.</summary>
public interface IFollowTarget : Reading.ILineHandler
{
    void OnNotice(FollowNotice notice);
}
