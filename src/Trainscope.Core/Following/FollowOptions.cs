namespace Trainscope.Following;

/// <summary>How files are followed.</summary>
public sealed record FollowOptions
{
    /// <summary>How often files are checked even without a change notification (`--poll-interval`).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Do not use file-change notifications at all (network filesystems that do not deliver them: `--poll`).</summary>
    public bool ForcePolling { get; init; }

    /// <summary>Polls triggered by notifications are at least this far apart, so a busy log costs a bounded number of reads.</summary>
    public TimeSpan MinimumPollGap { get; init; } = TimeSpan.FromMilliseconds(15);

    /// <summary>A rotated-away or deleted file is read until it has been quiet this long (its writer may not have reopened yet).</summary>
    public TimeSpan DrainQuietTime { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Directories are listed for new files at most this often (and at once when a notification says a file was created).</summary>
    public TimeSpan RescanInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A source is stalled when silent this many times longer than its usual interval …</summary>
    public double StallFactor { get; init; } = 10;

    /// <summary>… and at least this long (`--stall-after`).</summary>
    public TimeSpan StallMinimum { get; init; } = TimeSpan.FromSeconds(60);
}
