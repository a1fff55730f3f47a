using Trainscope.Formats;
using Trainscope.Records;

namespace Trainscope.Tests.Support;

/// <summary>Feeds text to one line parser the simple way (split on `\n`), for format tests that need no reader.</summary>
public static class LineFeeder
{
    public static RecordCollector Feed(ILineFormat format, string text, string path = "test.log", int? rank = null)
    {
        var source = new SourceInfo(0, path, path) { Rank = rank };
        var parser = format.CreateParser();
        var sink = new RecordCollector();
        long offset = 0;
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r');
            parser.TryParse(LogLine.FromString(line, source, number, offset), sink);
            offset += System.Text.Encoding.UTF8.GetByteCount(raw) + 1;
        }

        parser.Complete(sink);
        return sink;
    }

    /// <summary>Feeds a fixture file.</summary>
    public static RecordCollector FeedFile(ILineFormat format, string path, int? rank = null)
        => Feed(format, File.ReadAllText(path), path, rank);
}
