using Trainscope.Formats;
using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Tests.Support;

/// <summary>
/// A test-only format: `step=12 epoch=1 rank=3 id=5 loss=0.5` lines, every pair but the position ones a metric. Enough
/// to drive the pipeline without depending on a real format.
/// </summary>
public sealed class KeyValueFormat : ILineFormat
{
    public string Name => "key-value-test";
    public string Description => "test";
    public string Example => "step=1 loss=0.5";

    public double Sniff(FileSample sample) => 1;

    public ILineParser CreateParser() => new Parser();

    private sealed class Parser : ILineParser
    {
        private readonly NameTable _names = new();

        public bool TryParse(in LogLine line, IRecordSink sink)
        {
            var text = line.Text;
            if (text.IndexOf((byte)'=') < 0)
            {
                return false;
            }

            var position = default(Position);
            int? rank = null;
            Span<(int Start, int Length, double Value)> pairs = stackalloc (int, int, double)[32];
            var count = 0;
            var at = 0;
            foreach (var range in text.Split((byte)' '))
            {
                var token = text[range];
                var eq = token.IndexOf((byte)'=');
                if (eq <= 0 || !Utf8Number.TryParse(token[(eq + 1)..], out var value))
                {
                    continue;
                }

                var key = token[..eq];
                if (key.SequenceEqual("step"u8))
                {
                    position.Step = (long)value;
                }
                else if (key.SequenceEqual("epoch"u8))
                {
                    position.Epoch = (int)value;
                }
                else if (key.SequenceEqual("steps"u8))
                {
                    position.Steps = (long)value;
                }
                else if (key.SequenceEqual("rank"u8))
                {
                    rank = (int)value;
                }
                else if (count < pairs.Length)
                {
                    pairs[count++] = (range.Start.Value, eq, value);
                }

                at++;
            }

            for (var i = 0; i < count; i++)
            {
                sink.OnMetric(new MetricSample
                {
                    Source = line.Source,
                    Rank = rank ?? line.Source.Rank,
                    Line = line.Number,
                    Offset = line.Offset,
                    Position = position,
                    Name = _names.Get(text.Slice(pairs[i].Start, pairs[i].Length)),
                    Value = pairs[i].Value,
                });
            }

            return at > 0;
        }
    }
}
