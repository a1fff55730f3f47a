using Trainscope.Aggregation;
using Trainscope.Formats;
using Trainscope.Reading;
using Trainscope.Records;

namespace Trainscope.Ingestion;

/// <summary>Reads one file into a sink: detect the format, stream the bytes, count what was parsed and skipped.</summary>
public static class SourceIngestor
{
    public static SourceSummary Ingest(SourceInfo source, IRecordSink sink, IngestOptions options, CancellationToken cancellationToken = default)
    {
        var summary = new SourceSummary(source);
        FileStream stream;
        try
        {
            stream = new FileStream(source.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            summary.ModifiedTime = File.GetLastWriteTime(source.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            summary.Problems.Add($"{source.DisplayPath}: cannot read: {e.Message}");
            return summary;
        }

        using (stream)
        {
            var sample = ReadSample(stream, source, options.SniffBytes);
            var choice = options.LineFormats is { } forced ? new FormatChoice(null, forced) : FormatDetector.Choose(sample, options.Format);
            foreach (var (name, score) in choice.SniffScores)
            {
                summary.SniffScores[name] = score;
            }

            var counting = new CountingSink(sink);
            if (choice.FileFormat is { } fileFormat)
            {
                var result = fileFormat.Read(stream, source, counting, cancellationToken);
                summary.Format = fileFormat.Name;
                summary.LinesByFormat[fileFormat.Name] = result.Records;
                summary.Lines = result.Records + result.Unparsed + result.Skipped;
                summary.Unparsed = result.Unparsed;
                if (result.Skipped > 0)
                {
                    summary.Skip("corrupt", result.Skipped);
                }

                if (result.Problem is { } problem)
                {
                    summary.Problems.Add($"{source.DisplayPath}: {problem}");
                }
            }
            else
            {
                var repair = MojibakeRepair.Detect(sample.Lines);
                if (stream.Length >= options.ParallelAboveBytes
                    && ParallelLineReader.TryRead(source, sample, summary, counting, choice.LineFormats, repair, options, out var lastLine))
                {
                    summary.Lines = lastLine;
                }
                else
                {
                    var dispatcher = new LineDispatcher(source, summary, counting, new LineCleaner { RepairMojibake = repair }, choice.LineFormats);
                    new LineSplitter(options.MaxLineLength).Split(stream, dispatcher);
                    dispatcher.Complete();
                    summary.Lines = dispatcher.LastLineNumber;
                }
            }

            summary.Bytes = stream.Length;
            summary.Records = counting.Records;
            summary.FirstTimestamp = counting.FirstTimestamp;
            summary.LastTimestamp = counting.LastTimestamp;
        }

        return summary;
    }

    private static FileSample ReadSample(FileStream stream, SourceInfo source, int size)
    {
        var buffer = new byte[(int)Math.Min(size, Math.Max(0, stream.Length))];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        return new FileSample(Path.GetFileName(source.Path), buffer.AsMemory(0, read), read >= stream.Length);
    }
}
