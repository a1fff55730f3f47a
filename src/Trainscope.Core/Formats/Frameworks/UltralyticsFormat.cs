using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.Frameworks;

/// <summary>
/// Ultralytics YOLO training output: the `Epoch GPU_mem box_loss cls_loss dfl_loss Instances Size` header, progress rows
/// `1/100  15G  3.566  8.982  0.02247  57  640: 9% ━━━─── 609/6848 2.7it/s 3:40<38:10` (8.4's glyph bar or the older
/// tqdm bar) named by that header, and the validation header `Class Images Instances Box(P R mAP50 mAP50-95)` with its
/// `all` row.
/// </summary>
public sealed class UltralyticsFormat : ILineFormat
{
    public string Name => "ultralytics";

    public string Description => "Ultralytics YOLO training rows (`1/100 15G 3.566 … 640: 9% … 609/6848`) named by the `Epoch GPU_mem box_loss …` header, and `all` validation rows.";

    public string Example => "      1/100        15G      3.566      8.982    0.02247         57        640: 9% ━━━───────── 609/6848 2.7it/s 3:40<38:10";

    public double Sniff(FileSample sample)
    {
        foreach (var line in sample.Lines.Take(4000))
        {
            var trimmed = line.AsSpan().TrimStart();
            if (trimmed.StartsWith("Epoch ", StringComparison.Ordinal) && trimmed.Contains("GPU_mem", StringComparison.Ordinal))
            {
                return 0.95;
            }
        }

        return 0;
    }

    public ILineParser CreateParser() => new UltralyticsParser();
}

/// <summary>
/// Reads Ultralytics rows. The bar is redrawn on `\r`, every redraw on the same physical line; like the tqdm format, only
/// the last redraw of a line is kept (its losses are the epoch's running means so far), emitted when another line comes.
/// </summary>
internal sealed class UltralyticsParser : ILineParser
{
    private const int MaxColumns = 24;
    private readonly NameTable _names = new();
    private readonly string?[] _train = new string?[MaxColumns];
    private readonly string?[] _val = new string?[MaxColumns];
    private readonly double[] _values = new double[MaxColumns];
    private int _trainCount;
    private int _valCount;
    private int _heldCount = -1;
    private MetricSample _held;
    private Position _lastTrain;

    public bool TryParse(in LogLine line, IRecordSink sink)
    {
        if (_heldCount >= 0 && _held.Line != line.Number)
        {
            Flush(sink);
        }

        var text = line.Text;
        var start = SpanFields.SkipSpaces(text, 0);
        if (start >= text.Length)
        {
            return false;
        }

        var body = text[start..];
        return body[0] switch
        {
            (byte)'E' when body.StartsWith("Epoch "u8) && body.IndexOf("GPU_mem"u8) > 0 => Header(body, _train, ref _trainCount, train: true),
            (byte)'C' when body.StartsWith("Class "u8) && body.IndexOf("Instances"u8) > 0 => Header(body, _val, ref _valCount, train: false),
            (byte)'a' when body.StartsWith("all "u8) && _valCount > 0 => ValidationRow(line, body, sink),
            _ when FrameworkRecords.IsDigit(body[0]) && _trainCount > 0 => TrainRow(line, body, sink),
            _ => false,
        };
    }

    public void Complete(IRecordSink sink) => Flush(sink);

    private bool Header(ReadOnlySpan<byte> body, string?[] columns, ref int count, bool train)
    {
        var colon = body.IndexOf((byte)':'); // the validation header carries its own bar after `mAP50-95):`
        var names = colon < 0 ? body : body[..colon];
        count = 0;
        ReadOnlySpan<byte> group = default;
        Span<byte> name = stackalloc byte[64];
        foreach (var range in names.Split((byte)' '))
        {
            var word = names[range];
            if (word.IsEmpty || count >= MaxColumns)
            {
                continue;
            }

            // `Box(P` opens a group whose columns (`R`, `mAP50`, `mAP50-95)`) are named `box/R` and so on.
            var open = word.IndexOf((byte)'(');
            if (open > 0)
            {
                group = word[..open];
                word = word[(open + 1)..];
            }

            word = word.TrimEnd((byte)')');
            var length = 0;
            if (!group.IsEmpty && group.Length + word.Length + 1 <= name.Length)
            {
                for (var i = 0; i < group.Length; i++)
                {
                    name[i] = (byte)(group[i] | 0x20);
                }

                name[group.Length] = (byte)'/';
                length = group.Length + 1;
            }

            if (length + word.Length > name.Length)
            {
                continue;
            }

            word.CopyTo(name[length..]);
            length += word.Length;
            columns[count++] = train && word.SequenceEqual("GPU_mem"u8) ? "gpu_mem_gb" : _names.Get(name[..length]);
        }

        return true;
    }

    private bool TrainRow(in LogLine line, ReadOnlySpan<byte> body, IRecordSink sink)
    {
        var colon = body.IndexOf((byte)':');
        if (colon < 0)
        {
            return false;
        }

        var i = 0;
        if (!SpanFields.TryReadFraction(body, ref i, out var epoch, out var epochs) || epoch > epochs || epochs > int.MaxValue)
        {
            return false;
        }

        var count = 0;
        var cells = body[..colon];
        foreach (var range in cells[i..].Split((byte)' '))
        {
            var cell = cells[i..][range];
            if (cell.IsEmpty)
            {
                continue;
            }

            // `15G` is GB; a cell that is no number at all is not this format.
            if (count + 1 >= _trainCount || !SpanFields.TryReadNumber(cell, 0, out _values[count], out _))
            {
                return false;
            }

            count++;
        }

        if (count != _trainCount - 1)
        {
            return false;
        }

        var position = new Position { Epoch = (int)epoch, Epochs = (int)epochs };
        ReadProgress(body[(colon + 1)..], ref position, out var rate);
        if (_heldCount >= 0 && _held.Position.Epoch != position.Epoch)
        {
            Flush(sink);
        }

        _held = FrameworkRecords.Sample(line, default, Phase.Train);
        _held.Position = position;
        _held.Average = rate; // carries the rate until the flush; cleared there
        _heldCount = count;
        _lastTrain = position;
        return true;
    }

    private static void ReadProgress(ReadOnlySpan<byte> rest, ref Position position, out double? rate)
    {
        // ` 9% ━━━─── 609/6848 2.7it/s 3:40<38:10` or ` 9%|██ | 609/6848 [03:40<38:10, 2.7it/s]`
        rate = null;
        foreach (var range in rest.Split((byte)' '))
        {
            var token = rest[range].Trim("|[],"u8);
            var slash = token.IndexOf((byte)'/');
            if (token.EndsWith("it/s"u8) && Utf8Number.TryParse(token[..^4], out var perSecond))
            {
                rate = perSecond;
            }
            else if (token.EndsWith("s/it"u8) && Utf8Number.TryParse(token[..^4], out var seconds) && seconds > 0)
            {
                rate = 1 / seconds;
            }
            else if (slash > 0 && position.Iteration is null)
            {
                var j = 0;
                if (SpanFields.TryReadFraction(token, ref j, out var done, out var total) && j == token.Length)
                {
                    // Epochs count from 1, so the steps before this epoch are (epoch - 1) × total.
                    position.Iteration = done;
                    position.IterationsPerEpoch = total;
                    position.Step = (position.Epoch - 1) * total + done;
                }
            }
        }
    }

    private void Flush(IRecordSink sink)
    {
        if (_heldCount < 0)
        {
            return;
        }

        var sample = _held;
        var rate = sample.Average;
        sample.Average = null;
        for (var c = 0; c < _heldCount; c++)
        {
            sample.Name = _train[c + 1]!;
            sample.Value = _values[c];
            sink.OnMetric(sample);
        }

        if (rate is double perSecond)
        {
            sample.Name = "it_per_sec";
            sample.Value = perSecond;
            sink.OnMetric(sample);
        }

        _heldCount = -1;
    }

    private bool ValidationRow(in LogLine line, ReadOnlySpan<byte> body, IRecordSink sink)
    {
        var sample = FrameworkRecords.Sample(line, default, Phase.Eval);
        sample.Position = new Position { Epoch = _lastTrain.Epoch, Epochs = _lastTrain.Epochs, Step = _lastTrain.Step };
        var column = 0;
        foreach (var range in body.Split((byte)' '))
        {
            var cell = body[range];
            if (cell.IsEmpty)
            {
                continue;
            }

            // Column 0 is the class (`all`).
            if (column > 0 && column < _valCount && Utf8Number.TryParse(cell, out var value))
            {
                sample.Name = _val[column]!;
                sample.Value = value;
                sink.OnMetric(sample);
            }

            column++;
        }

        return true;
    }
}
