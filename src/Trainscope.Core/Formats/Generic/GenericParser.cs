using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.Generic;

/// <summary>
/// Lines no specific format claimed: pairs are emitted once their line shape repeats (a family), so one-off lines,
/// banners and config dumps stay text. Samples of a family's first lines are held and emitted when it is confirmed.
/// </summary>
internal sealed class GenericParser : ILineParser
{
    /// <summary>Longer lines are data dumps, not metric lines.</summary>
    private const int MaxLineBytes = 4096;

    private readonly LineReading _reading = new();
    private readonly ShapeTable _shapes = new();
    private readonly PendingSamples _pending = new();
    private readonly NameTable _names = new();
    private readonly string[] _lineNames = new string[LineReading.MaxPairs];
    private readonly Phase[] _linePhases = new Phase[LineReading.MaxPairs];
    private readonly bool[] _lineMeans = new bool[LineReading.MaxPairs];
    private const int HeldLinesPerShape = 3;

    private int? _epoch;
    private int? _epochs;
    private Position _block;
    private long _blockLine = long.MinValue / 2;

    /// <summary>Shapes tracked now (bounded by <see cref="ShapeTable.MaxShapes"/>).</summary>
    public int ShapeCount => _shapes.Count;

    public bool TryParse(in LogLine line, IRecordSink sink)
    {
        var text = line.Text;
        if (text.Length > MaxLineBytes)
        {
            return false;
        }

        var prefix = line.Prefix;
        var timestamp = prefix.Timestamp;
        var body = DllPrefix(text[prefix.BodyStart..], ref timestamp);
        if (Refused(body))
        {
            return false;
        }

        var r = _reading;
        LineShapeReader.Read(body, r);
        if (r.Position.Epoch is int epoch)
        {
            // Lines without an epoch (`Validation loss …` after `Epoch: 11`) belong to the last one named.
            _epoch = epoch;
            _epochs = r.Position.Epochs;
        }

        // A block is the indented lines right below a position-only line (`[step=1/15000,epoch=0]` then `name=value`
        // lines), each one following the last; they take the block's position.
        var indented = text[0] is (byte)' ' or (byte)'\t';
        var inBlock = !r.HasPosition && indented && line.Number == _blockLine + 1;
        if (inBlock)
        {
            _blockLine = line.Number;
        }

        if (r.PairCount == 0)
        {
            if (r.HasPosition && r.EndsWithPosition)
            {
                _block = r.Position;
                _blockLine = line.Number;
            }

            return false;
        }

        if (r.PairCount == 1 && !r.HasPosition && (ShoutedLabel(body, r) || (indented && !inBlock)))
        {
            // An indented `key: value` or `NUM_CLASSES: 80` alone on its line is a config dump entry.
            return false;
        }

        if (SettingsDump(body))
        {
            // `agnostic_nms=False, amp=True, batch=8, …`: an argument dump, printed once per run.
            return false;
        }

        var shape = r.Shape | 1;
        if (!_shapes.TryGet(shape, out var count))
        {
            return false;
        }

        count.Lines++;
        var values = ValuesHash(r);
        if (count.Lines == 1)
        {
            count.Values = values;
        }
        else if (values != count.Values)
        {
            count.Varied = true;
        }

        // One line is enough when it names a position and a loss; lines without a position must repeat with changing
        // values (a banner or a config key printed per section repeats unchanged).
        var lossLike = NamePairs(body);
        var positioned = r.HasPosition || inBlock;
        var needed = positioned && lossLike ? 1 : positioned || r.PairCount > 1 ? 2 : 3;
        var release = !count.Confirmed && count.Lines >= needed && (positioned || count.Varied);
        if (release)
        {
            count.Confirmed = true;
        }

        _shapes.Set(shape, count);
        if (release)
        {
            _pending.Release(shape, sink);
        }

        // Only a family's first lines are held, so a family that never confirms cannot crowd out the others.
        Emit(line, prefix, timestamp, inBlock, shape, count.Confirmed, hold: count.Lines <= HeldLinesPerShape, sink);
        return count.Confirmed;
    }

    private void Emit(in LogLine line, in LinePrefix prefix, DateTime? timestamp, bool inBlock, ulong shape, bool confirmed, bool hold, IRecordSink sink)
    {
        var r = _reading;
        var position = inBlock ? _block : r.Position;
        if (position.Epoch is null && _epoch is not null)
        {
            position.Epoch = _epoch;
            position.Epochs = _epochs;
        }

        position.DeriveStep();
        var onlyEpoch = position.Iteration is null && position.Step is null && position.Epoch is not null;
        var sample = LineRecords.Sample(line, prefix, Phase.Train);
        (sample.Timestamp, sample.Position) = (timestamp, position);
        for (var i = 0; i < r.PairCount; i++)
        {
            sample.Name = _lineNames[i];
            sample.Phase = _linePhases[i];
            sample.Value = r.Pairs[i].Value;
            sample.Average = r.Pairs[i].Average;
            sample.Kind = _lineMeans[i] && onlyEpoch ? SampleKind.EpochMean : SampleKind.Point;
            if (confirmed)
            {
                sink.OnMetric(sample);
            }
            else if (hold)
            {
                _pending.Hold(shape, sample);
            }
        }
    }

    /// <summary>Names every pair; a short name used twice in the line falls back to the full labels. True when one is a loss.</summary>
    private bool NamePairs(ReadOnlySpan<byte> body)
    {
        var r = _reading;
        var lossLike = false;
        for (var i = 0; i < r.PairCount; i++)
        {
            _linePhases[i] = r.Pairs[i].Phase;
            _lineNames[i] = MetricLabel.Name(body, r, i, full: false, _names, ref _linePhases[i], out _lineMeans[i]);
        }

        for (var i = 0; i < r.PairCount; i++)
        {
            for (var j = i + 1; j < r.PairCount; j++)
            {
                if (ReferenceEquals(_lineNames[i], _lineNames[j]) && _linePhases[i] == _linePhases[j])
                {
                    Rename(body, i);
                    Rename(body, j);
                }
            }

            lossLike |= _lineNames[i].Contains("loss", StringComparison.Ordinal);
        }

        return lossLike;
    }

    private void Rename(ReadOnlySpan<byte> body, int i)
    {
        _linePhases[i] = _reading.Pairs[i].Phase;
        _lineNames[i] = MetricLabel.Name(body, _reading, i, full: true, _names, ref _linePhases[i], out _lineMeans[i]);
        if (_lineMeans[i])
        {
            // `Avg Loss` beside `Loss`: keep the word so the two stay apart.
            _lineNames[i] = _names.Get(string.Concat("avg_", _lineNames[i]).AsSpan());
            _lineMeans[i] = false;
        }
    }

    private static bool SettingsDump(ReadOnlySpan<byte> body)
        => body.IndexOf("=True"u8) >= 0 || body.IndexOf("=False"u8) >= 0 || body.IndexOf("=None"u8) >= 0
            || body.IndexOf(": True"u8) >= 0 || body.IndexOf(": False"u8) >= 0 || body.IndexOf(": None"u8) >= 0;

    private static bool ShoutedLabel(ReadOnlySpan<byte> body, LineReading r)
    {
        var (start, length) = r.Words[r.Pairs[0].FirstWord];
        return r.Pairs[0].WordCount == 1 && GenericWords.Shouting(body.Slice(start, length)) && body.Slice(start, length).IndexOf((byte)'_') > 0;
    }

    private static ulong ValuesHash(LineReading r)
    {
        var hash = 14695981039346656037UL;
        for (var i = 0; i < r.PairCount; i++)
        {
            hash = (hash ^ (ulong)BitConverter.DoubleToInt64Bits(r.Pairs[i].Value)) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>NVIDIA dllogger: `DLL 2020-06-04 01:04:20.355678 - PARAMETER loss_scale : 2.9e-11`.</summary>
    private static ReadOnlySpan<byte> DllPrefix(ReadOnlySpan<byte> body, ref DateTime? timestamp)
    {
        if (!body.StartsWith("DLL "u8) || !Timestamps.TryParse(body[4..], out var time, out var length))
        {
            return body;
        }

        timestamp = time;
        var rest = SpanFields.TrimSpaces(body[(4 + length)..]);
        return rest.StartsWith("- "u8) ? rest[2..] : rest;
    }

    /// <summary>Lines that look like pairs but never are: tracebacks, argparse dumps, pip freeze, URLs.</summary>
    private static bool Refused(ReadOnlySpan<byte> body)
    {
        var trimmed = SpanFields.TrimSpaces(body);
        return trimmed.IsEmpty || trimmed.StartsWith("Traceback"u8) || trimmed.StartsWith("File \""u8)
            || trimmed.StartsWith("at "u8) || body.IndexOf("Namespace("u8) >= 0 || body.IndexOf("=="u8) >= 0 || body.IndexOf("://"u8) >= 0;
    }
}
