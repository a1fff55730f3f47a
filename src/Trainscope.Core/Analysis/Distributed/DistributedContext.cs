using Trainscope.Aggregation;
using Trainscope.Records;

namespace Trainscope.Analysis.Distributed;

/// <summary>What every distributed rule needs: the reference time, each rank's last sign of life and stall threshold.</summary>
public sealed class DistributedContext
{
    private readonly Dictionary<int, RankSummary> _byRank;
    private readonly Dictionary<int, DateTime> _lastSeen = [];
    private readonly Dictionary<int, double> _thresholds = [];

    public DistributedContext(RunSummary run, DistributedOptions options)
    {
        Run = run;
        Options = options;
        Ranks = run.Ranks;
        _byRank = run.Ranks.ToDictionary(r => r.Rank);
        var newestTimestamp = Max(run.Ranks.Select(r => r.LastTime).Append(run.LastTime).Concat(run.Sources.Select(s => s.LastTimestamp)));
        UsesFileTimes = newestTimestamp is null;
        foreach (var rank in run.Ranks)
        {
            if ((UsesFileTimes ? FileTime(rank) : rank.LastTime) is { } seen)
            {
                _lastSeen[rank.Rank] = seen;
            }
        }

        Now = options.Now ?? newestTimestamp ?? Max(_lastSeen.Values.Select(t => (DateTime?)t));
        var typicals = run.Ranks.Select(r => r.TypicalGapSeconds).OfType<double>().Order().ToArray();
        double? runTypical = typicals.Length > 0 ? typicals[typicals.Length / 2] : null;
        foreach (var rank in run.Ranks)
        {
            var usual = rank.TypicalGapSeconds ?? runTypical;
            _thresholds[rank.Rank] = Math.Max(options.MinStallSeconds, usual is double u ? u * options.StallFactor : 0);
        }

        Completed = run.EventCounts.GetValueOrDefault(EventKind.Completed) > 0 || run.Progress.Fraction >= 1;
    }

    public RunSummary Run { get; }
    public DistributedOptions Options { get; }
    public IReadOnlyList<RankSummary> Ranks { get; }

    /// <summary>The reference time silences are measured to.</summary>
    public DateTime? Now { get; }

    /// <summary>True when the log has no timestamps and the files' write times stand in for them.</summary>
    public bool UsesFileTimes { get; }

    /// <summary>True when the job said it finished: silence at the end is then not a hang.</summary>
    public bool Completed { get; }

    public RankSummary? Rank(int rank) => _byRank.GetValueOrDefault(rank);

    /// <summary>The rank's last timestamp (or its files' write time when the log has none).</summary>
    public DateTime? LastSeen(int rank) => _lastSeen.TryGetValue(rank, out var t) ? t : null;

    public double? SilentSeconds(int rank)
        => LastSeen(rank) is { } seen && Now is { } now ? Math.Max(0, (now - seen).TotalSeconds) : null;

    public double StallThreshold(int rank) => _thresholds.GetValueOrDefault(rank, Options.MinStallSeconds);

    /// <summary>True when the rank has been silent longer than its threshold.</summary>
    public bool IsSilent(int rank) => SilentSeconds(rank) is double s && s > StallThreshold(rank);

    /// <summary>The rank's main source: its own file when it has one, else the first source that carried it.</summary>
    public static SourceInfo? MainSource(RankSummary rank)
        => rank.Sources.OrderBy(s => s.Rank == rank.Rank ? 0 : 1).ThenBy(s => s.Id).FirstOrDefault();

    /// <summary>Evidence pointing at the rank's last line.</summary>
    public static Evidence? LastLine(RankSummary rank)
        => rank.LastSource is { } source ? SourceLineReader.Evidence(source, rank.LastLine, rank.LastOffset) : null;

    private DateTime? FileTime(RankSummary rank)
        => Max(Run.Sources.Where(s => rank.Sources.Contains(s.Info)).Select(s => s.ModifiedTime));

    private static DateTime? Max(IEnumerable<DateTime?> times)
    {
        DateTime? max = null;
        foreach (var t in times)
        {
            if (t is { } value && (max is null || value > max))
            {
                max = value;
            }
        }

        return max;
    }
}
