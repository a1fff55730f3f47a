namespace Trainscope.Runs;

/// <summary>A run to read: its name, where it was found and its files.</summary>
public sealed record RunSpec(string Name, string Path, IReadOnlyList<RunFile> Files);

/// <summary>One file of a run, with the path shown to the user and the rank its name gives.</summary>
public sealed record RunFile(string Path, string DisplayPath, int? Rank);
