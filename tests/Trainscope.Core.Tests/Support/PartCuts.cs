using System.Globalization;
using Trainscope.Formats;
using Trainscope.Records;

namespace Trainscope.Tests.Support;

/// <summary>
/// Reads lines through one format's parser as parallel reading would, cut before a line: the parser that read up to the
/// cut, and a second one that began a part at the cut (numbering from 1) and is joined to the first. Where the join is
/// accepted, the records must be those of one parser reading everything, whether the part is then read on by its own
/// parser or the part after it by a third one that carries on from it (as when that part is read again in order).
/// </summary>
public static class PartCuts
{
    /// <summary>The cuts (indexes of the lines cut before) whose parts were joined; every joined cut gave the in-order records.</summary>
    public static List<int> JoinedCuts(ILineFormat format, IReadOnlyList<string> lines)
    {
        var inOrder = Transcript(format, lines);
        var joined = new List<int>();
        for (var cut = 1; cut < lines.Count; cut++)
        {
            if (!format.StartsFresh(Line(lines, cut, cut + 1)))
            {
                continue;
            }

            var before = format.CreateParser();
            var records = new RecordTranscript(0);
            Feed(before, lines, 0, cut, records, 0);
            var part = format.CreateParser();
            part.BeginPart();
            var partRecords = new RecordTranscript(cut);
            Feed(part, lines, cut, lines.Count, partRecords, -cut);
            if (!part.TryJoin(before, -cut))
            {
                continue;
            }

            joined.Add(cut);
            part.Complete(partRecords);
            string.Join("\n", records.Lines.Concat(partRecords.Lines)).ShouldBe(inOrder, $"joined at line {cut + 1}");
            CarriesOn(format, lines, cut, inOrder);
        }

        return joined;
    }

    /// <summary>The part from <paramref name="cut"/> is joined, and the lines from a later cut are read by a parser carrying on from it.</summary>
    private static void CarriesOn(ILineFormat format, IReadOnlyList<string> lines, int cut, string inOrder)
    {
        var next = Math.Min(lines.Count, cut + 3);
        var before = format.CreateParser();
        var records = new RecordTranscript(0);
        Feed(before, lines, 0, cut, records, 0);
        var part = format.CreateParser();
        part.BeginPart();
        Feed(part, lines, cut, next, new RecordTranscript(cut, records.Lines), -cut);
        if (!part.TryJoin(before, -cut))
        {
            return; // its later lines decide otherwise
        }

        var main = format.CreateParser();
        main.BeginPart();
        main.TryJoin(part, cut).ShouldBeTrue("a parser that read nothing carries on from any part");
        Feed(main, lines, next, lines.Count, records, 0);
        main.Complete(records);
        string.Join("\n", records.Lines).ShouldBe(inOrder, $"joined at line {cut + 1}, read on in order from line {next + 1}");
    }

    private static string Transcript(ILineFormat format, IReadOnlyList<string> lines)
    {
        var parser = format.CreateParser();
        var records = new RecordTranscript(0);
        Feed(parser, lines, 0, lines.Count, records, 0);
        parser.Complete(records);
        return string.Join("\n", records.Lines);
    }

    /// <summary>Feeds lines [from, to) numbered as in the file plus <paramref name="renumber"/>.</summary>
    private static void Feed(ILineParser parser, IReadOnlyList<string> lines, int from, int to, IRecordSink sink, long renumber)
    {
        for (var i = from; i < to; i++)
        {
            parser.TryParse(Line(lines, i, i + 1 + renumber), sink);
        }
    }

    private static LogLine Line(IReadOnlyList<string> lines, int index, long number)
        => LogLine.FromString(lines[index], Source, number, index * 1000L);

    private static readonly SourceInfo Source = new(0, "part.log", "part.log");

    /// <summary>Every record as one line of text, in order, with line numbers moved by a part's start.</summary>
    private sealed class RecordTranscript(long shift, List<string>? lines = null) : IRecordSink
    {
        public List<string> Lines { get; } = lines ?? [];

        public void OnMetric(in MetricSample s)
            => Lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"metric {s.Line + shift} {s.Offset} {s.Name} {s.Phase} {s.Value:R} {s.Kind} e={s.Position.Epoch} f={s.Position.EpochFraction:R} s={s.Position.Step} {s.Timestamp:O}"));

        public void OnEvent(LogEvent e)
            => Lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"event {e.Line + shift} {e.Offset} {e.Kind} {e.Name} {e.Value:R} e={e.Position.Epoch} f={e.Position.EpochFraction:R} s={e.Position.Step} {e.Text}"));
    }
}
