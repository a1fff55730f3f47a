namespace Trainscope.Following;

/// <summary>
/// Wakes the poller when a followed file or directory changes, using file-change notifications where the platform
/// delivers them. Network filesystems often deliver none, so the poll interval stays the fallback in every case.
/// </summary>
internal sealed class ChangeSignal : IDisposable
{
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly ManualResetEventSlim _changed = new(false);
    private int _rescan;

    public ChangeSignal(IReadOnlyList<string> paths, bool forcePolling)
    {
        if (forcePolling)
        {
            return;
        }

        foreach (var path in paths)
        {
            try
            {
                var isDirectory = Directory.Exists(path);
                var folder = isDirectory ? path : Path.GetDirectoryName(Path.GetFullPath(path))!;
                var watcher = new FileSystemWatcher(folder)
                {
                    IncludeSubdirectories = isDirectory,
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
                    InternalBufferSize = 64 * 1024,
                };
                if (!isDirectory)
                {
                    watcher.Filter = Path.GetFileName(path);
                }

                watcher.Changed += (_, _) => _changed.Set();
                watcher.Created += (_, _) => Rescan();
                watcher.Deleted += (_, _) => Rescan();
                watcher.Renamed += (_, _) => Rescan();
                watcher.Error += (_, _) => Rescan(); // events were lost: look at everything
                watcher.EnableRaisingEvents = true;
                _watchers.Add(watcher);
            }
            catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
            {
                // Out of inotify watches, or a filesystem without notifications: polling alone will do.
            }
        }
    }

    public bool Active => _watchers.Count > 0;

    /// <summary>True once after a notification said files were created, removed or renamed.</summary>
    public bool TakeRescanRequest() => Interlocked.Exchange(ref _rescan, 0) == 1;

    /// <summary>Waits for a notification or the timeout; true when a notification woke it.</summary>
    public bool Wait(TimeSpan timeout, CancellationToken cancellationToken)
    {
        bool woke;
        try
        {
            woke = _changed.Wait(timeout, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        // Reset before the poll that follows: a change landing after this is either read by that poll or wakes the next.
        _changed.Reset();
        return woke;
    }

    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _changed.Dispose();
    }

    private void Rescan()
    {
        Interlocked.Exchange(ref _rescan, 1);
        _changed.Set();
    }
}
