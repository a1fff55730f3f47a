using Trainscope.Formats;
using Trainscope.Ingestion;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.Frameworks;

/// <summary>Reads a fixture through the real reader (so `\r` redraws and CRLF split as in production) with one format.</summary>
internal static class FrameworkFeed
{
    public static RecordCollector Read(ILineFormat format, string fixture, int? rank = null)
    {
        var path = TestPaths.Fixture("frameworks/" + fixture);
        var sink = new RecordCollector();
        var source = new SourceInfo(0, path, fixture) { Rank = rank };
        SourceIngestor.Ingest(source, sink, new IngestOptions { LineFormats = [format] });
        return sink;
    }

    /// <summary>One line given straight to a fresh parser.</summary>
    public static (bool Claimed, RecordCollector Records) One(ILineFormat format, string text)
    {
        var parser = format.CreateParser();
        var sink = new RecordCollector();
        var claimed = parser.TryParse(LogLine.FromString(text, new SourceInfo(0, "one.log", "one.log")), sink);
        parser.Complete(sink);
        return (claimed, sink);
    }

    public static FileSample Sample(string text) => new("a.log", System.Text.Encoding.UTF8.GetBytes(text), true);
}
