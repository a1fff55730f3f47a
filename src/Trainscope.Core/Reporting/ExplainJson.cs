using System.Text.Json;
using Trainscope.Aggregation;

namespace Trainscope.Reporting;

/// <summary>
/// The `explain` block of a source in `analyze --json --explain`: every format with its sniff score and the lines it
/// took, the unparsed count with sample lines, and skipped lines by reason.
/// </summary>
public static class ExplainJson
{
    public static void Write(Utf8JsonWriter writer, SourceSummary source)
    {
        writer.WriteStartObject("explain");
        writer.WriteStartArray("formats");
        foreach (var name in FormatNames(source))
        {
            writer.WriteStartObject();
            writer.WriteString("name", name);
            JsonNumbers.Write(writer, "sniff", source.SniffScores.TryGetValue(name, out var score) ? score : (double?)null);
            writer.WriteNumber("lines", source.LinesByFormat.GetValueOrDefault(name));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNumber("unparsed", source.Unparsed);
        writer.WriteStartArray("unparsed_samples");
        foreach (var (line, text) in source.UnparsedSamples)
        {
            writer.WriteStartObject();
            writer.WriteNumber("line", line);
            writer.WriteString("text", text);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNumber("skipped", source.Skipped);
        writer.WriteStartObject("skipped_by_reason");
        foreach (var (reason, count) in source.SkippedByReason.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            writer.WriteNumber(reason, count);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Formats that took lines first (most lines first), then the others by sniff score.</summary>
    public static IEnumerable<string> FormatNames(SourceSummary source)
        => source.LinesByFormat.Where(kv => kv.Value > 0).OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key)
            .Concat(source.SniffScores.Where(kv => source.LinesByFormat.GetValueOrDefault(kv.Key) == 0)
                .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key));
}
