namespace Trainscope.Web.Api;

/// <summary>The `hello` event: how many runs are served.</summary>
public sealed record HelloEvent(int Runs);

/// <summary>The `run` event: the run's brief row and the newest point of each series that grew.</summary>
public sealed record RunEvent(RunBrief Run, NewPoint[] Points);

/// <summary>The newest point of a series; non-finite values are null.</summary>
public sealed record NewPoint(int Series, long Count, double Step, double? Value, double? Time);

/// <summary>The `finding` event: a finding not announced before.</summary>
public sealed record FindingEvent(int Run, FindingEntry Finding);
