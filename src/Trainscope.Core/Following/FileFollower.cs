using Trainscope.Reading;

namespace Trainscope.Following;

/// <summary>
/// Follows one path like `tail -F`: reads complete lines as they are appended (a half-written last line waits for its
/// newline), restarts at 0 when the file is truncated or rewritten, and on rotation (the path now names a different
/// file) or deletion reads the old file to its end before starting the new one. Nothing is read twice or skipped.
/// Not thread-safe: one poller calls <see cref="Poll"/>.
/// </summary>
public sealed class FileFollower : IDisposable
{
    private readonly LineSplitter _splitter;
    private readonly FollowOptions _options;
    private readonly List<OpenedFile> _draining = [];
    private readonly HashSet<FileIdentity> _identities = [];
    private readonly List<byte[]> _truncatedHeads = [];
    private OpenedFile? _current;
    private bool _everOpened;

    public FileFollower(string path, FollowOptions options, int maxLineLength = LineSplitter.DefaultMaxLineLength)
    {
        Path = path;
        _options = options;
        _splitter = new LineSplitter(maxLineLength, bufferSize: 1 << 16);
    }

    public string Path { get; }

    /// <summary>Offset just past the last complete line of the current file (0 when there is none).</summary>
    public long Offset => _current?.Offset ?? 0;

    public bool IsOpen => _current is not null;

    /// <summary>Reads what changed since the last poll into <paramref name="target"/>; returns the bytes consumed.</summary>
    public long Poll(IFollowTarget target)
    {
        long consumed = 0;
        foreach (var old in _draining.ToArray())
        {
            consumed += old.ReadNew(_splitter, target);
            if (DateTime.UtcNow - old.LastGrowth >= _options.DrainQuietTime)
            {
                // Its writer has moved on: a last line without newline is now final.
                consumed += old.ReadNew(_splitter, target, includePartial: true);
                old.Dispose();
                _draining.Remove(old);
            }
        }

        var pathIdentity = FileIdentity.Of(Path);
        var exists = pathIdentity is not null || File.Exists(Path);
        if (_current is { } current)
        {
            if (!exists)
            {
                consumed += current.ReadNew(_splitter, target);
                Retire(current);
                target.OnNotice(new FollowNotice(FollowNoticeKind.Deleted, Path, $"{Path} was deleted; read to its end"));
            }
            else if (pathIdentity is { } id && current.Identity is { } had && id != had)
            {
                consumed += current.ReadNew(_splitter, target);
                Retire(current);
                consumed += Open(target, FollowNoticeKind.Rotated, $"{Path} was rotated; the old file was read to its end, the new one is read from its start");
                return consumed;
            }
            else
            {
                var length = current.Length();
                if (length >= 0 && current.WasRewritten(length))
                {
                    RememberTruncated(current);
                    consumed += ReadRestFromCopy(current, target);
                    current.Restart();
                    target.OnNotice(new FollowNotice(FollowNoticeKind.Truncated, Path, $"{Path} was truncated; reading again from its start"));
                }

                consumed += current.ReadNew(_splitter, target);
                return consumed;
            }
        }

        if (exists)
        {
            consumed += Open(target, FollowNoticeKind.Appeared, _everOpened ? $"{Path} appeared again; reading it from its start" : $"following {Path}");
        }

        return consumed;
    }

    /// <summary>
    /// True when <paramref name="path"/> holds a file this follower already read: its file renamed away by rotation, or
    /// a copy made by `copytruncate` (it starts with the same first bytes as the file did before truncation). Callers
    /// check the name first: the head alone can match a sibling rank's log that starts with the same banner.
    /// </summary>
    public bool IsRotatedCopy(string path)
    {
        if (FileIdentity.Of(path) is { } id && _identities.Contains(id))
        {
            return true;
        }

        var heads = _truncatedHeads.ToList();
        if (_current is { } current && current.Head.Length == OpenedFile.FingerprintLength)
        {
            heads.Add(current.Head.ToArray());
        }

        if (heads.Count == 0)
        {
            return false;
        }

        Span<byte> head = stackalloc byte[OpenedFile.FingerprintLength];
        int read;
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            read = RandomAccess.Read(handle, head, 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        foreach (var truncated in heads)
        {
            if (truncated.Length > 0 && read >= truncated.Length && head[..truncated.Length].SequenceEqual(truncated))
            {
                return true;
            }
        }

        return false;
    }

    private long Open(IFollowTarget target, FollowNoticeKind kind, string message)
    {
        _current = OpenedFile.TryOpen(Path);
        if (_current is null)
        {
            return 0;
        }

        _everOpened = true;
        if (_current.Identity is { } id)
        {
            _identities.Add(id);
        }

        target.OnNotice(new FollowNotice(kind, Path, message));
        return _current.ReadNew(_splitter, target);
    }

    /// <summary>
    /// `copytruncate` copies the file, then truncates it: lines appended after our last read are gone from the file but
    /// are in the copy (`train.log.1`, same first bytes). Reading the copy from where we were keeps them.
    /// </summary>
    private long ReadRestFromCopy(OpenedFile truncated, IFollowTarget target)
    {
        if (truncated.Head.Length < OpenedFile.FingerprintLength || System.IO.Path.GetDirectoryName(Path) is not { } folder)
        {
            return 0;
        }

        var stem = System.IO.Path.GetFileNameWithoutExtension(Path);
        var name = System.IO.Path.GetFileName(Path);
        string[] candidates;
        try
        {
            candidates = Directory.GetFiles(folder, stem + "*")
                .Where(p => System.IO.Path.GetFileName(p) != name)
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }

        foreach (var candidate in candidates)
        {
            using var copy = OpenedFile.TryOpen(candidate);
            if (copy is not null && copy.Length() >= truncated.Offset && copy.StartsWith(truncated.Head))
            {
                copy.ContinueFrom(truncated);
                return copy.ReadNew(_splitter, target, includePartial: true);
            }
        }

        return 0;
    }

    private void Retire(OpenedFile file)
    {
        _draining.Add(file);
        _current = null;
    }

    private void RememberTruncated(OpenedFile file)
    {
        // Only whole fingerprints: a short head would match too many unrelated files.
        if (file.Head.Length == OpenedFile.FingerprintLength && _truncatedHeads.Count < 16)
        {
            _truncatedHeads.Add(file.Head.ToArray());
        }
    }

    public void Dispose()
    {
        _current?.Dispose();
        foreach (var file in _draining)
        {
            file.Dispose();
        }

        _draining.Clear();
        _current = null;
    }
}
