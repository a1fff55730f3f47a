using System.Text.Json;
using Trainscope.Analysis;
using Trainscope.Records;

namespace Trainscope.Reporting;

/// <summary>The JSON shape of a finding, shared by reports, `check`, and live feeds.</summary>
public static class FindingJson
{
    public static void WriteArray(Utf8JsonWriter writer, string name, IReadOnlyList<Finding> findings)
    {
        writer.WriteStartArray(name);
        foreach (var f in findings)
        {
            Write(writer, f);
        }

        writer.WriteEndArray();
    }

    public static void Write(Utf8JsonWriter writer, Finding f)
    {
        writer.WriteStartObject();
        writer.WriteString("rule", f.Rule);
        writer.WriteString("severity", f.Severity.ToString().ToLowerInvariant());
        writer.WriteString("metric", f.Metric);
        writer.WriteString("phase", f.Phase?.ToName());
        JsonNumbers.Write(writer, "rank", f.Rank);
        JsonNumbers.Write(writer, "from_step", f.FromStep);
        JsonNumbers.Write(writer, "to_step", f.ToStep);
        writer.WriteString("message", f.Message);
        writer.WriteString("advice", f.Advice);
        writer.WriteStartArray("evidence");
        foreach (var e in f.Evidence)
        {
            writer.WriteStartObject();
            writer.WriteString("path", e.Path);
            writer.WriteNumber("line", e.Line);
            writer.WriteString("text", e.Text);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
