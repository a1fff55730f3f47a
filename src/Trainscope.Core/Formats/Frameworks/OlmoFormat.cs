using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.Frameworks;

/// <summary>
/// The OLMo trainer's metric blocks: a `date⇥host:rank⇥module:line⇥LEVEL⇥[step=1010/15000,epoch=0]` line followed by
/// indented `    train/CrossEntropyLoss=2.956` lines, with thousands separators (`throughput/total_tokens=2,118,123,520`).
/// </summary>
public sealed class OlmoFormat : ILineFormat
{
    public string Name => "olmo";

    public string Description => "OLMo trainer blocks: `[step=n/N,epoch=e]` then indented `name=value` lines (thousands separators allowed).";

    public string Example => "[step=1010/15000,epoch=0] then one indented line per value:     train/CrossEntropyLoss=2.956";

    public double Sniff(FileSample sample)
    {
        foreach (var line in sample.Lines.Take(4000))
        {
            if (line.Contains("\t[step=", StringComparison.Ordinal) || line.StartsWith("[step=", StringComparison.Ordinal))
            {
                return 0.95;
            }
        }

        return 0;
    }

    public ILineParser CreateParser() => new OlmoParser();
}

/// <summary>Reads OLMo blocks: the header gives step, epoch, rank and time to the indented lines under it.</summary>
internal sealed class OlmoParser : ILineParser
{
    private readonly NameTable _names = new();
    private bool _inBlock;
    private MetricSample _template;

    public bool TryParse(in LogLine line, IRecordSink sink)
    {
        var text = line.Text;
        if (text.IsEmpty)
        {
            return false;
        }

        if (text[0] == (byte)' ')
        {
            return _inBlock && Value(line, text, sink);
        }

        _inBlock = false;
        var message = text;
        int? rank = null;
        DateTime? time = null;
        if (FrameworkRecords.IsDigit(text[0]))
        {
            // `date⇥host:rank⇥module:line⇥LEVEL⇥message`
            var tab = text.IndexOf((byte)'\t');
            if (tab < 0 || text.IndexOf("\t[step="u8) < 0)
            {
                return false;
            }

            time = Timestamps.TryParse(text, out var parsed, out _) ? parsed : null;
            var host = text[(tab + 1)..];
            var hostEnd = host.IndexOf((byte)'\t');
            host = hostEnd < 0 ? host : host[..hostEnd];
            var colon = host.LastIndexOf((byte)':') + 1;
            if (colon > 0 && SpanFields.TryReadLong(host, ref colon, out var r) && colon == host.Length && r < 100_000)
            {
                rank = (int)r;
            }

            message = text[(text.LastIndexOf((byte)'\t') + 1)..];
        }

        return message.StartsWith("[step="u8) && Header(line, message, rank, time);
    }

    private bool Header(in LogLine line, ReadOnlySpan<byte> message, int? rank, DateTime? time)
    {
        var i = "[step="u8.Length;
        if (!SpanFields.TryReadFraction(message, ref i, out var step, out var steps))
        {
            return false;
        }

        _template = FrameworkRecords.Sample(line, new LinePrefix { Rank = rank, Timestamp = time }, Phase.Train);
        _template.Position.Step = step;
        _template.Position.Steps = steps;
        var epochAt = message.IndexOf(",epoch="u8);
        var e = epochAt + ",epoch="u8.Length;
        if (epochAt > 0 && SpanFields.TryReadLong(message, ref e, out var epoch) && epoch <= int.MaxValue)
        {
            _template.Position.Epoch = (int)epoch;
        }

        _inBlock = true;
        return true;
    }

    private bool Value(in LogLine line, ReadOnlySpan<byte> text, IRecordSink sink)
    {
        var pair = SpanFields.TrimSpaces(text);
        var eq = pair.LastIndexOf((byte)'=');
        if (eq <= 0 || !Utf8Number.TryParse(SpanFields.TrimSpaces(pair[(eq + 1)..]), out var value))
        {
            _inBlock = false;
            return false;
        }

        var sample = _template;
        sample.Line = line.Number;
        sample.Offset = line.Offset;
        sample.Name = _names.Get(MetricNaming.SplitPhase(SpanFields.TrimSpaces(pair[..eq]), Phase.Train, out sample.Phase));
        sample.Value = value;
        sink.OnMetric(sample);
        return true;
    }
}
