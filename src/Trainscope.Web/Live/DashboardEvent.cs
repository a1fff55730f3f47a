namespace Trainscope.Web.Live;

/// <summary>One server-sent event: a run's new points and status (`run`) or a new finding (`finding`).</summary>
/// <param name="Data">A JSON-serialisable payload (see docs/api.md).</param>
public sealed record DashboardEvent(string Type, object Data);
