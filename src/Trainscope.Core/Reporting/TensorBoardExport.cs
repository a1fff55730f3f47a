using Google.Protobuf;
using Trainscope.Aggregation;
using Trainscope.Formats.TensorBoard.Wire;
using Trainscope.Records;

namespace Trainscope.Reporting;

/// <summary>
/// Writes a run's series as a TensorBoard event file: the `brain.Event:2` header, then one event per kept point with a
/// `simple_value` scalar tagged `phase/name` (and `/rankN` for per-rank series).
/// </summary>
public static class TensorBoardExport
{
    /// <summary>The file-version string TensorBoard expects in the first record.</summary>
    public const string FileVersion = "brain.Event:2";

    /// <summary>Writes every kept point of every series of <paramref name="run"/>; returns the number of records written.</summary>
    public static long Write(Stream output, RunSummary run)
    {
        var writer = new TfRecordWriter(output);
        var buffer = new byte[256];
        var start = run.Progress.FirstTime is { } first ? Seconds(first) : 0;
        Write(writer, new Event { WallTime = start, FileVersion = FileVersion }, ref buffer);
        foreach (var series in run.Series)
        {
            var tag = Tag(series.Key);
            foreach (var point in series.Points())
            {
                var value = new SummaryValue { Tag = tag, SimpleValue = (float)point.Value };
                var summary = new Summary();
                summary.Value.Add(value);
                var e = new Event { WallTime = point.Time is { } t ? Seconds(t) : 0, Step = point.Step, Summary = summary };
                Write(writer, e, ref buffer);
            }
        }

        return writer.RecordsWritten;
    }

    /// <summary>A TensorBoard-style file name (`events.out.tfevents.SECONDS.trainscope`) for a run.</summary>
    public static string FileName(RunSummary run)
    {
        var seconds = run.Progress.FirstTime is { } first ? (long)Seconds(first) : 0;
        return $"events.out.tfevents.{seconds}.trainscope";
    }

    /// <summary>The tag a series is written under; reading it back gives the same name and phase.</summary>
    public static string Tag(SeriesKey key)
        => key.Rank is int rank ? $"{key.Phase.ToName()}/{key.Name}/rank{rank}" : $"{key.Phase.ToName()}/{key.Name}";

    private static void Write(TfRecordWriter writer, Event e, ref byte[] buffer)
    {
        var size = e.CalculateSize();
        if (size > buffer.Length)
        {
            buffer = new byte[Math.Max(size, buffer.Length * 2)];
        }

        var span = buffer.AsSpan(0, size);
        e.WriteTo(span);
        writer.Write(span);
    }

    private static double Seconds(DateTime time)
    {
        // Log times without a zone are taken as UTC: the report shows them as written, and so does TensorBoard.
        var utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;
        return (utc.Ticks - DateTime.UnixEpoch.Ticks) / (double)TimeSpan.TicksPerSecond;
    }
}
