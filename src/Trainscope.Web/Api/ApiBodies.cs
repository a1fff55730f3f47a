namespace Trainscope.Web.Api;

/// <summary>`GET /api/runs/{id}/findings`.</summary>
public sealed record FindingList(FindingEntry[] Findings);

/// <summary>A finding as the API sends it; evidence names its source by id so excerpts never take a path.</summary>
public sealed record FindingEntry(
    string Rule,
    string Severity,
    string? Metric,
    string? Phase,
    int? Rank,
    long? FromStep,
    long? ToStep,
    string Message,
    string Advice,
    EvidenceEntry[] Evidence);

/// <summary>A log line behind a finding; <paramref name="Source"/> is null when the line is not in a served file.</summary>
public sealed record EvidenceEntry(int? Source, string Path, long Line, string Text);

/// <summary>`GET /api/runs/{id}/series/{series}`: one series over an x range, reduced to min/max per pixel.</summary>
public sealed record WindowEntry(int Id, string Axis, double[] X, double[] Y, double[] NonFinite, long Total, int Resolution);

/// <summary>`GET /api/runs/{id}/excerpt`: lines around one line of a source.</summary>
public sealed record ExcerptEntry(int Source, string Path, long Line, ExcerptLine[] Lines);

/// <summary>One line of an excerpt, numbered from 1.</summary>
public sealed record ExcerptLine(long N, string Text);

/// <summary>The body of every 4xx answer.</summary>
public sealed record ApiError(string Error);
