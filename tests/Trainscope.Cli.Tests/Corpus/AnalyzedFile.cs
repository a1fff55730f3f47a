using System.Text.Json;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Corpus;

/// <summary>`trainscope analyze --json` of one corpus file, with lookups for the facts PROVENANCE.md states.</summary>
public sealed class AnalyzedFile
{
    private AnalyzedFile(JsonElement run)
    {
        Run = run;
    }

    public JsonElement Run { get; }

    public JsonElement Source => Run.GetProperty("sources")[0];

    public JsonElement Progress => Run.GetProperty("progress");

    public static AnalyzedFile Of(string corpusPath)
    {
        var result = CliRunner.Run("analyze", "--json", CliRunner.Corpus(corpusPath));
        result.ExitCode.ShouldBeOneOf(0, 1);
        var runs = result.Json.GetProperty("runs");
        runs.GetArrayLength().ShouldBe(1);
        return new AnalyzedFile(runs[0]);
    }

    /// <summary>Lines (or entries) each format claimed.</summary>
    public long LinesOf(string format) => Source.GetProperty("lines_by_format").TryGetProperty(format, out var n) ? n.GetInt64() : 0;

    public JsonElement Metric(string name, string phase = "train")
    {
        var matches = Run.GetProperty("metrics").EnumerateArray()
            .Where(m => m.GetProperty("name").GetString() == name && m.GetProperty("phase").GetString() == phase)
            .ToList();
        matches.Count.ShouldBe(1, $"metric {phase}/{name}");
        return matches[0];
    }

    public bool HasMetric(string name, string phase = "train")
        => Run.GetProperty("metrics").EnumerateArray()
            .Any(m => m.GetProperty("name").GetString() == name && m.GetProperty("phase").GetString() == phase);

    public IReadOnlyList<string> MetricNames(string phase)
        => Run.GetProperty("metrics").EnumerateArray().Where(m => m.GetProperty("phase").GetString() == phase)
            .Select(m => m.GetProperty("name").GetString()!).ToList();

    public JsonElement Info(string name) => Run.GetProperty("info").GetProperty(name);

    public double? Final(string name, string phase = "train")
        => Run.GetProperty("finals").EnumerateArray()
            .Where(f => f.GetProperty("name").GetString() == name && f.GetProperty("phase").GetString() == phase)
            .Select(f => (double?)f.GetProperty("value").GetDouble()).LastOrDefault();

    public IReadOnlyList<JsonElement> Events(string kind, string? name = null)
        => Run.GetProperty("events").EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == kind && (name is null || e.GetProperty("name").GetString() == name))
            .ToList();

    /// <summary>A metric's per-epoch mean from the epochs table.</summary>
    public double EpochMean(int epoch, string name, string phase = "train")
        => Run.GetProperty("epochs").EnumerateArray()
            .Single(e => e.GetProperty("epoch").GetInt32() == epoch && e.GetProperty("phase").GetString() == phase)
            .GetProperty("metrics").GetProperty(name).GetProperty("mean").GetDouble();
}

/// <summary>Reads the numbers of one metric entry.</summary>
public static class MetricJson
{
    public static long Count(this JsonElement metric) => metric.GetProperty("count").GetInt64();

    public static double Value(this JsonElement metric, string field) => metric.GetProperty(field).GetDouble();

    public static long Step(this JsonElement metric, string field) => metric.GetProperty(field).GetInt64();
}
