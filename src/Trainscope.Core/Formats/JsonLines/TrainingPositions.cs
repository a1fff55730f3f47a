using Trainscope.Records;

namespace Trainscope.Formats.JsonLines;

/// <summary>
/// Where training was, for each kind of count a record may give: global step, whole epoch, fractional epoch. A record
/// counts by the first it has (step, else epoch, else fraction), and its count is compared with the last of that kind.
/// </summary>
internal struct TrainingPositions
{
    public long? Step;
    public int? Epoch;
    public double? Fraction;

    /// <summary>The record's count, in the only kind it is compared by.</summary>
    public static TrainingPositions Of(in Position position)
    {
        var at = default(TrainingPositions);
        if (position.Step is long step)
        {
            at.Step = step;
        }
        else if (position.Epoch is int epoch)
        {
            at.Epoch = epoch;
        }
        else if (position.EpochFraction is double fraction)
        {
            // Trainer dicts on stdout carry only the fractional epoch.
            at.Fraction = fraction;
        }

        return at;
    }

    /// <summary>True when some kind known on both sides is lower here than in <paramref name="last"/>: the count went back.</summary>
    public readonly bool AnyBelow(in TrainingPositions last)
        => Step < last.Step || Epoch < last.Epoch || Fraction < last.Fraction;

    /// <summary>The kinds known here that <paramref name="last"/> does not know: no restart check could compare them.</summary>
    public readonly TrainingPositions Unknown(in TrainingPositions last) => new()
    {
        Step = last.Step is null ? Step : null,
        Epoch = last.Epoch is null ? Epoch : null,
        Fraction = last.Fraction is null ? Fraction : null,
    };

    /// <summary>The kinds <paramref name="newer"/> knows are taken from it; the others stay.</summary>
    public void MoveTo(in TrainingPositions newer)
    {
        Step = newer.Step ?? Step;
        Epoch = newer.Epoch ?? Epoch;
        Fraction = newer.Fraction ?? Fraction;
    }

    /// <summary>The kinds not known here are taken from <paramref name="older"/>.</summary>
    public void FillFrom(in TrainingPositions older)
    {
        Step ??= older.Step;
        Epoch ??= older.Epoch;
        Fraction ??= older.Fraction;
    }
}
