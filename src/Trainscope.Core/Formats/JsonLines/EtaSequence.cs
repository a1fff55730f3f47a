using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.JsonLines;

/// <summary>
/// The remaining-time estimates of one source, reported through <see cref="EtaEvents"/> (the first, every
/// <see cref="EtaEvents.Every"/>th, the latest at the end) and counted, so that the estimates of a part read on its own
/// can be checked against those before it and carried on from them.
/// </summary>
internal sealed class EtaSequence
{
    private EtaEvents _events = new();
    private long _count;
    private Estimate _last;

    public void See(in RecordOrigin origin, double seconds, in Position position, IRecordSink sink)
    {
        _count++;
        _last = new Estimate(origin, seconds, position);
        _events.See(origin.Source, origin.Rank, origin.Line, origin.Offset, origin.Timestamp, seconds, position, sink);
    }

    /// <summary>End of input: the latest estimate, if it was held back.</summary>
    public void Complete(IRecordSink sink) => _events.Complete(sink);

    /// <summary>
    /// Whether this part's estimates, counted from the part's start, were reported where they are reported after
    /// <paramref name="before"/>'s: the part has none, or the estimates before it had just reached a report (or were none),
    /// so the part's first is reported either way and every fiftieth after it.
    /// </summary>
    public bool Continues(EtaSequence before) => _count == 0 || before._count % EtaEvents.Every == 0;

    /// <summary>After <see cref="Continues"/>: counts <paramref name="before"/>'s estimates too, and holds its latest when the part had none.</summary>
    public void Join(EtaSequence before, long renumber)
    {
        if (_count == 0 && before._count > 0)
        {
            _last = before._last with { Origin = before._last.Origin with { Line = before._last.Origin.Line + renumber } };
            _events = Replayed(before._count, _last);
        }

        _count += before._count;
    }

    /// <summary>
    /// Reporting in the state it is in after <paramref name="count"/> estimates, the last being <paramref name="last"/>:
    /// it counts the estimates since it last reported and holds the latest unreported one, so seeing the last estimate
    /// once for the report and once for each estimate since leaves it so.
    /// </summary>
    private static EtaEvents Replayed(long count, in Estimate last)
    {
        var events = new EtaEvents();
        var sinceReport = (count - 1) % EtaEvents.Every;
        for (var i = 0; i <= sinceReport; i++)
        {
            var origin = last.Origin;
            events.See(origin.Source, origin.Rank, origin.Line, origin.Offset, origin.Timestamp, last.Seconds, last.Position, DiscardingSink.Instance);
        }

        return events;
    }

    private readonly record struct Estimate(RecordOrigin Origin, double Seconds, Position Position);
}
