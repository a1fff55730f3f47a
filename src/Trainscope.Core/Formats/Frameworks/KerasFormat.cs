using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.Frameworks;

/// <summary>
/// Keras `fit()` output: an `Epoch 3/10` header, then one metric line per epoch in any of its shapes — verbose=1's bar
/// `1875/1875 [====] - 5s 2ms/step - loss: 0.29 - val_loss: 0.31`, Keras 2 verbose=2 `128/128 - 5s - loss: … -
/// 5s/epoch - 43ms/step`, Keras 1 `67s - loss: … - val_acc: …`.
/// </summary>
public sealed class KerasFormat : ILineFormat
{
    public string Name => "keras";

    public string Description => "Keras fit() output: `Epoch k/N` headers and their `- loss: x - val_loss: y` lines (verbose 1 and 2, Keras 1 to 3).";

    public string Example => "1875/1875 [==============================] - 5s 2ms/step - loss: 0.2900 - accuracy: 0.9100 - val_loss: 0.31";

    public double Sniff(FileSample sample)
    {
        var lines = sample.Lines;
        var headers = 0;
        for (var i = 0; i < lines.Count && i < 4000; i++)
        {
            if (!KerasParser.IsHeader(lines[i].AsSpan().Trim()))
            {
                continue;
            }

            headers++;
            var next = i + 1 < lines.Count ? lines[i + 1] : "";
            if (next.Contains(" - ", StringComparison.Ordinal) && next.Contains(": ", StringComparison.Ordinal))
            {
                return 0.9;
            }
        }

        return headers > 0 ? 0.3 : 0;
    }

    public ILineParser CreateParser() => new KerasParser();
}

/// <summary>
/// Reads Keras epochs. Several `fit()` calls in one file (`Epoch 1/15` again) continue the epoch count, so run 2's
/// epoch 1 is recorded as epoch 16 and a `run-restart` marker says where it began: epochs of different runs never merge.
/// A verbose=1 bar is redrawn on `\r` with the epoch's running averages; only its last redraw is the epoch's value,
/// so earlier redraws are held and dropped, and a bar left unfinished (the job died) is emitted at the next header or
/// the end, with <see cref="Position.EpochFraction"/> saying how far it got.
/// </summary>
internal sealed class KerasParser : ILineParser
{
    private readonly NameTable _names = new();
    private int _epoch;
    private int _epochs;
    private int _offset;
    private int _run = 1;
    private bool _epochOpen;
    private byte[] _held = new byte[256];
    private int _heldLength = -1;
    private long _heldNumber;
    private long _heldOffset;
    private SourceInfo? _heldSource;

    public bool TryParse(in LogLine line, IRecordSink sink)
    {
        var text = line.Text;
        if (text.IsEmpty)
        {
            return false;
        }

        var start = SpanFields.SkipSpaces(text, 0);
        if (start >= text.Length)
        {
            return false;
        }

        var body = SpanFields.TrimSpaces(text[start..]);
        if (body[0] == (byte)'E')
        {
            return IsHeader(body) && OnHeader(line, body, sink);
        }

        if (!FrameworkRecords.IsDigit(body[0]) || !KerasLine.TryRead(body, out var shape))
        {
            return false;
        }

        if (shape.IsPartial)
        {
            if (!_epochOpen)
            {
                return true;
            }

            Hold(line, body);
            return true;
        }

        if (!_epochOpen)
        {
            // A finished bar outside `fit()`'s epochs is `evaluate()`: its values are final test results.
            if (!shape.HasBar)
            {
                return false;
            }

            Emit(line, body, sink, Phase.Test, SampleKind.Final, default, null);
            return true;
        }

        _heldLength = -1;
        _epochOpen = false;
        Emit(line, body, sink, Phase.Train, SampleKind.Point, EpochPosition(), shape.Seconds);
        return true;
    }

    public void Complete(IRecordSink sink) => FlushHeld(sink);

    internal static bool IsHeader(ReadOnlySpan<byte> body)
    {
        var i = "Epoch "u8.Length;
        return body.StartsWith("Epoch "u8) && SpanFields.TryReadFraction(body, ref i, out var epoch, out var epochs)
            && SpanFields.TrimSpaces(body[i..]).IsEmpty && epoch >= 0 && epochs is > 0 and < 100_000_000 && epoch <= epochs;
    }

    internal static bool IsHeader(ReadOnlySpan<char> text)
    {
        if (text.Length > 64 || !text.StartsWith("Epoch ", StringComparison.Ordinal) || !System.Text.Ascii.IsValid(text))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[text.Length];
        System.Text.Ascii.FromUtf16(text, bytes, out var written);
        return IsHeader(bytes[..written]);
    }

    private bool OnHeader(in LogLine line, ReadOnlySpan<byte> body, IRecordSink sink)
    {
        var i = "Epoch "u8.Length;
        SpanFields.TryReadFraction(body, ref i, out var epoch, out var epochs);
        FlushHeld(sink);
        if (_epoch > 0 && (epoch <= _epoch || epochs != _epochs))
        {
            // Capped so that any input keeps the sum an int.
            _offset = _offset > 1_000_000_000 ? 0 : _offset + _epoch;
            _run++;
            var position = new Position { Epoch = _offset + (int)epoch, Epochs = _offset + (int)epochs };
            sink.OnEvent(FrameworkRecords.Event(line, default, EventKind.Marker, "run-restart", _run, position, Phase.Train,
                new Dictionary<string, string> { ["run"] = _run.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        }

        _epoch = (int)epoch;
        _epochs = (int)epochs;
        _epochOpen = true;
        return true;
    }

    private Position EpochPosition() => new() { Epoch = _offset + _epoch, Epochs = _offset + _epochs };

    private void Hold(in LogLine line, ReadOnlySpan<byte> body)
    {
        if (body.Length > _held.Length)
        {
            _held = new byte[Math.Max(body.Length, _held.Length * 2)];
        }

        body.CopyTo(_held);
        _heldLength = body.Length;
        _heldNumber = line.Number;
        _heldOffset = line.Offset;
        _heldSource = line.Source;
    }

    private void FlushHeld(IRecordSink sink)
    {
        if (_heldLength < 0 || _heldSource is null || !_epochOpen)
        {
            _heldLength = -1;
            return;
        }

        var body = _held.AsSpan(0, _heldLength);
        _heldLength = -1;
        _epochOpen = false;
        if (!KerasLine.TryRead(body, out var shape))
        {
            return;
        }

        var position = EpochPosition();
        if (shape.Total > 0)
        {
            position.EpochFraction = _offset + _epoch - 1 + (double)shape.Done / shape.Total;
        }

        // A cut-short epoch's time is not the epoch's duration, so only its metrics are kept.
        Emit(new LogLine(body, _heldNumber, _heldOffset, _heldSource), body, sink, Phase.Train, SampleKind.Point, position, null);
    }

    private void Emit(in LogLine line, ReadOnlySpan<byte> body, IRecordSink sink, Phase phase, SampleKind kind, Position position, double? seconds)
    {
        var sample = FrameworkRecords.Sample(line, default, phase);
        sample.Position = position;
        sample.Kind = kind;
        if (seconds is double s)
        {
            sample.Name = "epoch_seconds";
            sample.Value = s;
            sink.OnMetric(sample);
        }

        var fields = new KerasLine.FieldEnumerator(body);
        while (fields.MoveNext())
        {
            sample.Name = _names.Get(MetricNaming.SplitPhase(fields.Name, phase, out var named));
            sample.Phase = named;
            sample.Value = fields.Value;
            sink.OnMetric(sample);
        }
    }
}
