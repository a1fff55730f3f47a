using System.Text.Encodings.Web;
using System.Text.Json;
using Trainscope.Aggregation;
using Trainscope.Analysis;
using Trainscope.Analysis.Distributed;
using Trainscope.Records;

namespace Trainscope.Reporting;

/// <summary>Writes the machine-readable report (`analyze --json`): snake_case, NaN/Infinity as strings, null for unknown.</summary>
public static class JsonReportWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private const int FlushBytes = 64 * 1024;

    /// <summary>Writes the report; <paramref name="explain"/> adds an `explain` block to every source (`analyze --explain`).</summary>
    public static void Write(Stream output, IReadOnlyList<AnalysisResult> results, bool explain = false)
        => Write(output, results.Select(r => r.Run).ToArray(), i => results[i], explain);

    /// <summary>
    /// Writes the report of <paramref name="runs"/>, asking <paramref name="analysisOf"/> for a run's analysis (by its
    /// index) only when its findings are due: everything before them comes from the run alone, so the caller can have
    /// the analysis computed meanwhile. A run's epochs (thousands of rows) and its doctor each take a good part of the
    /// time after reading a large log.
    /// </summary>
    public static void Write(Stream output, IReadOnlyList<RunSummary> runs, Func<int, AnalysisResult> analysisOf, bool explain = false)
    {
        using var writer = new Utf8JsonWriter(output, Options);
        writer.WriteStartObject();
        writer.WriteStartArray("runs");
        for (var i = 0; i < runs.Count; i++)
        {
            WriteRun(writer, runs[i], analysisOf, i, explain);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteRun(Utf8JsonWriter writer, RunSummary run, Func<int, AnalysisResult> analysisOf, int index, bool explain)
    {
        writer.WriteStartObject();
        writer.WriteString("name", run.Name);
        writer.WriteString("path", run.Path);
        WriteSources(writer, run, explain);
        WriteProgress(writer, run.Progress);
        WriteMetrics(writer, run);
        WriteEpochs(writer, run);
        writer.Flush(); // what is written goes out while the analysis may still be running
        var result = analysisOf(index);
        if (!ReferenceEquals(result.Run, run))
        {
            throw new ArgumentException($"the analysis given for run {index} ({run.Name}) is of another run", nameof(analysisOf));
        }

        FindingJson.WriteArray(writer, "findings", result.Findings);
        WriteRanks(writer, result.Ranks);
        WriteInfo(writer, run);
        WriteEvents(writer, run);
        writer.WriteEndObject();
    }

    private static void WriteSources(Utf8JsonWriter writer, RunSummary run, bool explain)
    {
        writer.WriteStartArray("sources");
        foreach (var s in run.Sources)
        {
            writer.WriteStartObject();
            writer.WriteString("path", s.Info.DisplayPath);
            writer.WriteString("format", s.Format);
            JsonNumbers.Write(writer, "rank", s.Info.Rank);
            writer.WriteNumber("bytes", s.Bytes);
            writer.WriteNumber("lines", s.Lines);
            writer.WriteNumber("records", s.Records);
            writer.WriteNumber("unparsed", s.Unparsed);
            writer.WriteNumber("skipped", s.Skipped);
            writer.WriteStartObject("skipped_by_reason");
            foreach (var (reason, count) in s.SkippedByReason)
            {
                writer.WriteNumber(reason, count);
            }

            writer.WriteEndObject();
            writer.WriteStartObject("lines_by_format");
            foreach (var (format, count) in s.LinesByFormat)
            {
                writer.WriteNumber(format, count);
            }

            writer.WriteEndObject();
            writer.WriteNumber("invalid_utf8_lines", s.InvalidUtf8Lines);
            writer.WriteBoolean("repaired_encoding", s.RepairedEncoding);
            writer.WriteStartArray("problems");
            foreach (var p in s.Problems)
            {
                writer.WriteStringValue(p);
            }

            writer.WriteEndArray();
            if (explain)
            {
                ExplainJson.Write(writer, s);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteProgress(Utf8JsonWriter writer, ProgressSummary p)
    {
        writer.WriteStartObject("progress");
        JsonNumbers.Write(writer, "epoch", p.Epoch);
        JsonNumbers.Write(writer, "epochs", p.Epochs);
        JsonNumbers.Write(writer, "step", p.Step);
        JsonNumbers.Write(writer, "steps", p.Steps);
        JsonNumbers.Write(writer, "fraction", p.Fraction);
        JsonNumbers.Write(writer, "eta_seconds", p.EtaSeconds);
        writer.WriteString("eta_source", p.EtaSource);
        JsonNumbers.Write(writer, "steps_per_second", p.StepsPerSecond);
        JsonNumbers.Write(writer, "first_time", p.FirstTime);
        JsonNumbers.Write(writer, "last_time", p.LastTime);
        JsonNumbers.Write(writer, "elapsed_seconds", p.ElapsedSeconds);
        writer.WriteEndObject();
    }

    private static void WriteMetrics(Utf8JsonWriter writer, RunSummary run)
    {
        writer.WriteStartArray("metrics");
        foreach (var s in run.Series)
        {
            writer.WriteStartObject();
            writer.WriteString("name", s.Name);
            writer.WriteString("phase", s.Key.Phase.ToName());
            JsonNumbers.Write(writer, "rank", s.Key.Rank);
            writer.WriteNumber("count", s.Count);
            writer.WriteNumber("non_finite", s.NonFiniteCount);
            JsonNumbers.Write(writer, "first", s.First?.Value);
            JsonNumbers.Write(writer, "last", s.Last?.Value);
            JsonNumbers.Write(writer, "min", s.Min?.Value);
            JsonNumbers.Write(writer, "max", s.Max?.Value);
            JsonNumbers.Write(writer, "mean", s.Mean);
            JsonNumbers.Write(writer, "last_average", s.Last?.Average);
            JsonNumbers.Write(writer, "first_step", s.First?.Step);
            JsonNumbers.Write(writer, "last_step", s.Last?.Step);
            JsonNumbers.Write(writer, "min_step", s.Min?.Step);
            JsonNumbers.Write(writer, "max_step", s.Max?.Step);
            writer.WriteString("axis", s.Axis.ToString().ToLowerInvariant());
            writer.WriteEndObject();
            FlushWhenFull(writer);
        }

        writer.WriteEndArray();
    }

    private static void WriteEpochs(Utf8JsonWriter writer, RunSummary run)
    {
        writer.WriteNumber("epochs_not_kept", run.EpochsNotKept);
        writer.WriteStartArray("epochs");
        foreach (var e in run.Epochs)
        {
            writer.WriteStartObject();
            writer.WriteNumber(EpochNames.Epoch, e.Epoch);
            writer.WriteString(EpochNames.Phase, e.Phase.ToName());
            JsonNumbers.Write(writer, EpochNames.Seconds, e.Seconds);
            writer.WriteStartObject(EpochNames.Metrics);
            foreach (var (name, stat) in e.Metrics)
            {
                writer.WriteStartObject(name);
                WriteStat(writer, stat.Mean, stat.Min, stat.Max);
                writer.WriteNumber(EpochNames.Count, stat.Count);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            FlushWhenFull(writer);
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// An epoch's mean, min and max. They are one value when the epoch has one (a history row per epoch, a record per
    /// epoch): it is then formatted once, and formatting is most of what writing tens of thousands of epochs costs.
    /// </summary>
    private static void WriteStat(Utf8JsonWriter writer, double? mean, double? min, double? max)
    {
        if (mean is not double m || !double.IsFinite(m) || !SameBits(min, m) || !SameBits(max, m))
        {
            JsonNumbers.Write(writer, EpochNames.Mean, mean);
            JsonNumbers.Write(writer, EpochNames.Min, min);
            JsonNumbers.Write(writer, EpochNames.Max, max);
            return;
        }

        Span<byte> text = stackalloc byte[JsonNumbers.MaxDoubleLength];
        var length = JsonNumbers.Format(m, text);
        writer.WritePropertyName(EpochNames.Mean);
        writer.WriteRawValue(text[..length], skipInputValidation: true);
        writer.WritePropertyName(EpochNames.Min);
        writer.WriteRawValue(text[..length], skipInputValidation: true);
        writer.WritePropertyName(EpochNames.Max);
        writer.WriteRawValue(text[..length], skipInputValidation: true);
    }

    private static bool SameBits(double? value, double other)
        => value is double v && BitConverter.DoubleToInt64Bits(v) == BitConverter.DoubleToInt64Bits(other);

    private static void WriteRanks(Utf8JsonWriter writer, IReadOnlyList<RankRow> ranks)
    {
        writer.WriteStartArray("ranks");
        foreach (var r in ranks)
        {
            writer.WriteStartObject();
            writer.WriteNumber("rank", r.Rank);
            writer.WriteString("source", r.Source);
            writer.WriteString("last_phase", r.LastPhase);
            JsonNumbers.Write(writer, "last_epoch", r.LastEpoch);
            JsonNumbers.Write(writer, "last_step", r.LastStep);
            JsonNumbers.Write(writer, "last_timestamp", r.LastTimestamp);
            JsonNumbers.Write(writer, "silent_seconds", r.SilentSeconds);
            writer.WriteString("silence_basis", r.SilenceBasis);
            writer.WriteNumber("lines", r.Lines);
            JsonNumbers.Write(writer, "lines_per_minute", r.LinesPerMinute);
            JsonNumbers.Write(writer, "typical_interval_seconds", r.TypicalIntervalSeconds);
            JsonNumbers.Write(writer, "max_gap_seconds", r.MaxGapSeconds);
            writer.WriteNumber("errors", r.Errors);
            if (r.LastLine is { } last)
            {
                writer.WriteStartObject("last_line");
                writer.WriteString("path", last.Path);
                writer.WriteNumber("line", last.Line);
                writer.WriteString("text", last.Text);
                writer.WriteEndObject();
            }

            writer.WriteStartArray("workers");
            foreach (var w in r.Workers)
            {
                writer.WriteStartObject();
                writer.WriteNumber("worker", w.Worker);
                JsonNumbers.Write(writer, "files", w.Files);
                JsonNumbers.Write(writer, "files_total", w.FilesTotal);
                writer.WriteBoolean("completed", w.Completed);
                JsonNumbers.Write(writer, "samples", w.Samples);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteInfo(Utf8JsonWriter writer, RunSummary run)
    {
        writer.WriteStartObject("info");
        foreach (var (name, e) in run.Info)
        {
            if (e.Value is double v)
            {
                JsonNumbers.Write(writer, name, v);
            }
            else
            {
                writer.WriteString(name, e.Text);
            }
        }

        writer.WriteEndObject();
        writer.WriteStartArray("finals");
        foreach (var f in run.Finals)
        {
            writer.WriteStartObject();
            writer.WriteString("name", f.Name);
            writer.WriteString("phase", f.Phase.ToName());
            JsonNumbers.Write(writer, "value", f.Value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteEvents(Utf8JsonWriter writer, RunSummary run)
    {
        writer.WriteStartObject("event_counts");
        foreach (var (kind, count) in run.EventCounts)
        {
            writer.WriteNumber(kind.ToName(), count);
        }

        writer.WriteEndObject();
        writer.WriteStartArray("events");
        foreach (var e in run.Events)
        {
            writer.WriteStartObject();
            writer.WriteString("kind", e.Kind.ToName());
            writer.WriteString("name", e.Name);
            writer.WriteString("path", e.Source.DisplayPath);
            writer.WriteNumber("line", e.Line);
            JsonNumbers.Write(writer, "rank", e.Rank);
            JsonNumbers.Write(writer, "timestamp", e.Timestamp);
            JsonNumbers.Write(writer, "value", e.Value);
            writer.WriteString("text", e.Text);
            writer.WriteEndObject();
            FlushWhenFull(writer);
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// Hands what is written so far to the stream once it passes 64 KB: the writer otherwise keeps the whole report in a
    /// buffer that doubles as it grows (tens of MB for a log of 50,000 epochs), paying for fresh pages and copies.
    /// </summary>
    private static void FlushWhenFull(Utf8JsonWriter writer)
    {
        if (writer.BytesPending >= FlushBytes)
        {
            writer.Flush();
        }
    }

    /// <summary>
    /// The property names of an epoch row, encoded once: a log of 50,000 epochs writes them millions of times, and a
    /// string name is transcoded and checked for escapes at every write.
    /// </summary>
    private static class EpochNames
    {
        public static readonly JsonEncodedText Epoch = JsonEncodedText.Encode("epoch");
        public static readonly JsonEncodedText Phase = JsonEncodedText.Encode("phase");
        public static readonly JsonEncodedText Seconds = JsonEncodedText.Encode("seconds");
        public static readonly JsonEncodedText Metrics = JsonEncodedText.Encode("metrics");
        public static readonly JsonEncodedText Mean = JsonEncodedText.Encode("mean");
        public static readonly JsonEncodedText Min = JsonEncodedText.Encode("min");
        public static readonly JsonEncodedText Max = JsonEncodedText.Encode("max");
        public static readonly JsonEncodedText Count = JsonEncodedText.Encode("count");
    }
}
