using Trainscope.Formats.JsonLines;
using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.PythonDict;

/// <summary>Turns the Trainer's printed dicts into samples; the logging prefix before them gives rank and time.</summary>
internal sealed class PythonDictParser : ILineParser
{
    // Train, eval and summary dicts, plus a few per-dataset eval variants; beyond that a layout is rebuilt on return.
    private const int CachedLayouts = 8;
    private readonly LoggedRecord _record = new();
    private readonly NameTable _names = new();
    private readonly SequenceMirror _mirror = new();
    private readonly DictLayout?[] _layouts = new DictLayout?[CachedLayouts];
    private int _lastLayout;
    private int _nextEvicted;

    public bool TryParse(in LogLine line, IRecordSink sink)
    {
        var text = line.Text;
        var prefix = line.Prefix;
        if (!Locate(text, prefix.BodyStart, out var dict))
        {
            return false;
        }

        var origin = new RecordOrigin(line.Source, prefix.Rank ?? line.Source.Rank, line.Number, line.Offset, prefix.Timestamp);
        if (FindLayout(dict) is { } layout)
        {
            EmitLayout(layout, dict, origin, text, sink);
            return true;
        }

        if (!ReadGenerally(dict, origin, text, sink))
        {
            return false;
        }

        _mirror.Forget();
        return true;
    }

    public void Complete(IRecordSink sink) => _record.Complete(sink);

    public void BeginPart()
    {
        _record.BeginPart();
        _mirror.BeginPart();
    }

    public bool TryJoin(ILineParser before, long renumber)
    {
        if (before is not PythonDictParser parser)
        {
            return false;
        }

        // The layouts' fast path and the general reader each checked their part of the records: both against where
        // training was before the part, whichever of the two had it there.
        var last = parser._mirror.Last(parser._record.LastPositions);
        if (!_record.Continues(parser._record, last) || !_mirror.Continues(parser._mirror, last))
        {
            return false;
        }

        _record.Join(parser._record, last, renumber);
        _mirror.Join(parser._mirror, last);
        return true;
    }

    /// <summary>
    /// <see cref="PythonDictReader.TryLocate"/>, without its searches for the usual line that starts with the dict, and
    /// with one search for a brace anywhere in the line before the others (most lines that are no dict have none).
    /// </summary>
    private static bool Locate(ReadOnlySpan<byte> text, int bodyStart, out ReadOnlySpan<byte> dict)
    {
        var body = text[bodyStart..];
        if (body.Length >= 4 && body[0] == (byte)'{' && body[1] is (byte)'\'' or (byte)'"')
        {
            dict = body.TrimEnd(" \t"u8);
            return dict.Length >= 4 && dict[^1] == (byte)'}';
        }

        dict = default;
        return text.IndexOf((byte)'{') >= 0 && PythonDictReader.TryLocate(body, out dict);
    }

    private DictLayout? FindLayout(ReadOnlySpan<byte> dict)
    {
        for (var n = 0; n < CachedLayouts; n++)
        {
            var at = (_lastLayout + n) % CachedLayouts;
            var layout = _layouts[at];
            if (layout is null)
            {
                break;
            }

            if (layout.TryRead(dict))
            {
                _lastLayout = at;
                return layout;
            }
        }

        var created = DictLayout.TryCreate(dict, _names);
        if (created is null || !created.TryRead(dict))
        {
            return null;
        }

        var slot = Array.IndexOf(_layouts, null);
        if (slot < 0)
        {
            slot = _nextEvicted;
            _nextEvicted = (_nextEvicted + 1) % CachedLayouts;
        }

        _layouts[slot] = created;
        _lastLayout = slot;
        return created;
    }

    /// <summary>What <see cref="LoggedRecord.Emit"/> writes for such a record, in the same order.</summary>
    private void EmitLayout(DictLayout layout, ReadOnlySpan<byte> dict, in RecordOrigin origin, ReadOnlySpan<byte> text, IRecordSink sink)
    {
        var position = layout.Position(_record.PlannedSteps, _record.PlannedEpochs);
        if (layout.IsTraining)
        {
            if (!_mirror.Knows(position))
            {
                ReadGenerally(dict, origin, text, sink);
                _mirror.Learn(position);
                return;
            }

            _mirror.SeeTraining(position, origin, text, dict, sink);
        }

        if (layout.IsSummary)
        {
            _mirror.Completed(layout.Runtime, position, origin, text, sink);
        }

        var sample = origin.Sample(position);
        layout.Emit(ref sample, sink);
    }

    private bool ReadGenerally(ReadOnlySpan<byte> dict, in RecordOrigin origin, ReadOnlySpan<byte> text, IRecordSink sink)
    {
        _mirror.CatchUp(_record);
        _record.Begin();
        if (!PythonDictReader.TryRead(dict, _record))
        {
            return false;
        }

        _record.Emit(origin, text, sink);
        return true;
    }
}
