using Trainscope.Formats.JsonLines;
using Trainscope.Records;

namespace Trainscope.Formats.PythonDict;

/// <summary>
/// The restart check for lines read through a <see cref="DictLayout"/>, kept in step with the general reader's own
/// (<see cref="LoggedRecord"/> keeps its sequence to itself). The check remembers the last whole epoch and the last
/// fractional epoch of training records; both sides must agree on them whichever side read the lines in between.
/// </summary>
internal sealed class SequenceMirror
{
    private readonly RecordSequence _sequence = new();
    private readonly PendingLine _epochLine = new();
    private readonly PendingLine _fractionLine = new();
    private bool _epochKnown = true;
    private bool _fractionKnown = true;

    /// <summary>Whether the mirror holds the general reader's last position of this kind, so the check can run here.</summary>
    public bool Knows(in Position position)
        => position.Epoch is not null ? _epochKnown : position.EpochFraction is null || _fractionKnown;

    /// <summary>A training record read here: checked here, and remembered for the general reader to catch up on.</summary>
    public void SeeTraining(in Position position, in RecordOrigin origin, ReadOnlySpan<byte> text, ReadOnlySpan<byte> dict, IRecordSink sink)
    {
        _sequence.SeeTraining(position, origin, text, sink);
        if (position.Epoch is not null)
        {
            _epochLine.Set(dict);
        }
        else if (position.EpochFraction is not null)
        {
            _fractionLine.Set(dict);
        }
    }

    /// <summary>A layout's training record that the general reader read (and checked): its position is now known here too.</summary>
    public void Learn(in Position position)
    {
        _sequence.Learn(position);
        if (position.Epoch is not null)
        {
            _epochKnown = true;
        }
        else if (position.EpochFraction is not null)
        {
            _fractionKnown = true;
        }
    }

    /// <summary>The general reader read a record the mirror cannot interpret: until relearned, its positions are unknown here.</summary>
    public void Forget()
    {
        _epochKnown = false;
        _fractionKnown = false;
    }

    /// <summary>Before the general reader reads a line: it re-reads, silently, the last training records read here.</summary>
    public void CatchUp(LoggedRecord record)
    {
        _epochLine.Replay(record);
        _fractionLine.Replay(record);
    }

    /// <summary>
    /// Where training last was, as the parser knows it: the mirror's epoch and fraction where it holds the general
    /// reader's (which may not have caught up), the general reader's otherwise and for the step, which only it reads.
    /// </summary>
    public TrainingPositions Last(in TrainingPositions general)
    {
        var last = general;
        var mirrored = _sequence.Last;
        last.Epoch = _epochKnown ? mirrored.Epoch : general.Epoch;
        last.Fraction = _fractionKnown ? mirrored.Fraction : general.Fraction;
        return last;
    }

    /// <summary>Reading starts at a cut: the mirror knows nothing of before it, and assumes its first positions are no restart.</summary>
    public void BeginPart() => _sequence.BeginPart();

    /// <summary>Whether the positions checked here since <see cref="BeginPart"/> went back from none of <paramref name="beforeLast"/>.</summary>
    public bool Continues(SequenceMirror before, in TrainingPositions beforeLast) => _sequence.Continues(before._sequence, beforeLast);

    /// <summary>
    /// After <see cref="Continues"/>: a kind the part did not see is where it was before the part. Pending lines and
    /// known kinds stay the part's: they describe the general reader of this parser, which read the part too.
    /// </summary>
    public void Join(SequenceMirror before, in TrainingPositions beforeLast) => _sequence.Join(before._sequence, beforeLast, 0);

    public void Completed(double runtime, in Position position, in RecordOrigin origin, ReadOnlySpan<byte> text, IRecordSink sink)
        => _sequence.Completed(runtime, position, origin, text, sink);

    /// <summary>A copy of one dict line, kept without allocating per line.</summary>
    private sealed class PendingLine
    {
        private byte[] _bytes = new byte[256];
        private int _length = -1;

        public void Set(ReadOnlySpan<byte> dict)
        {
            if (dict.Length > _bytes.Length)
            {
                _bytes = new byte[dict.Length * 2];
            }

            dict.CopyTo(_bytes);
            _length = dict.Length;
        }

        public void Replay(LoggedRecord record)
        {
            if (_length < 0)
            {
                return;
            }

            var dict = _bytes.AsSpan(0, _length);
            _length = -1;
            record.Begin();
            if (PythonDictReader.TryRead(dict, record))
            {
                record.Emit(default, dict, DiscardingSink.Instance);
            }
        }
    }
}
