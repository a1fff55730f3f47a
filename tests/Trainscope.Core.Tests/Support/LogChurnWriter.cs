namespace Trainscope.Tests.Support;

/// <summary>
/// Writes `id=N` lines into a directory the way training jobs and log rotation do — appends, half-written lines,
/// rotation by rename, `copytruncate`, deletion and re-creation, a new rank file — so followers can be checked to see
/// every id exactly once.
/// </summary>
public sealed class LogChurnWriter
{
    private readonly string _dir;
    private readonly Random _random = new(42);
    private int _next = 1;

    public LogChurnWriter(string dir)
    {
        _dir = dir;
    }

    /// <summary>Ids written so far (1..Written).</summary>
    public int Written => _next - 1;

    public string MainLog => Path.Combine(_dir, "train_rank0.log");

    /// <summary>Runs the whole scenario, pausing between steps so a follower polls in the middle of each.</summary>
    public void Run(TimeSpan pause)
    {
        Append(MainLog, 20, pause);
        HalfLine(MainLog, pause);
        Append(MainLog, 10, pause);

        // Rotation by rename: the writer keeps its handle a moment and writes to the renamed file, then reopens.
        File.Move(MainLog, MainLog + ".1");
        Append(MainLog + ".1", 3, TimeSpan.Zero);
        Append(MainLog, 15, pause);

        // copytruncate: copy, then truncate in place; lines written just before are only in the copy.
        Append(MainLog, 5, TimeSpan.Zero);
        File.Copy(MainLog, MainLog + ".2");
        using (var stream = new FileStream(MainLog, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
        {
            stream.SetLength(0);
        }

        Append(MainLog, 15, pause);

        // A new rank joins, then the main log is deleted and started again.
        var rank1 = Path.Combine(_dir, "train_rank1.log");
        Append(rank1, 10, pause);
        Thread.Sleep(pause);
        File.Delete(MainLog);
        Thread.Sleep(pause * 10); // long enough for a poll to see the path gone, not just replaced
        Append(MainLog, 10, pause);
        HalfLine(rank1, pause);
        Append(rank1, 5, pause);
    }

    private void Append(string path, int lines, TimeSpan pause)
    {
        for (var i = 0; i < lines; i++)
        {
            File.AppendAllText(path, Line());
            if (pause > TimeSpan.Zero && _random.Next(4) == 0)
            {
                Thread.Sleep(pause);
            }
        }
    }

    private void HalfLine(string path, TimeSpan pause)
    {
        var line = Line();
        File.AppendAllText(path, line[..(line.Length / 2)]);
        Thread.Sleep(pause * 3);
        File.AppendAllText(path, line[(line.Length / 2)..]);
    }

    // Long enough that every file's head is a whole fingerprint.
    private string Line() => $"step={_next} id={_next++} loss=0.{_random.Next(1000, 9999)} padding=1234567890123456789012345678901234567890\n";
}
