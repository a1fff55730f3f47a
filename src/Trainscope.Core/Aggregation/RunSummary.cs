using Trainscope.Records;

namespace Trainscope.Aggregation;

/// <summary>Everything aggregation learned about one run; the input of analysis and presentation.</summary>
public sealed class RunSummary
{
    public required string Name { get; init; }

    /// <summary>The file or directory the run was read from.</summary>
    public required string Path { get; init; }

    public required IReadOnlyList<SourceSummary> Sources { get; init; }
    public required IReadOnlyList<SeriesSummary> Series { get; init; }

    /// <summary>Epochs in order of (epoch, phase).</summary>
    public required IReadOnlyList<EpochSummary> Epochs { get; init; }

    /// <summary>Events in arrival order (bounded; see <see cref="EventCounts"/> for totals).</summary>
    public required IReadOnlyList<LogEvent> Events { get; init; }

    public required IReadOnlyDictionary<EventKind, long> EventCounts { get; init; }
    public required ProgressSummary Progress { get; init; }

    /// <summary>Run facts (`n_parameters`, `gpu`, `Num examples`), last value wins.</summary>
    public required IReadOnlyDictionary<string, LogEvent> Info { get; init; }

    /// <summary>Final results printed once (`***** Final eval results *****`, a trainer's summary record).</summary>
    public required IReadOnlyList<MetricSample> Finals { get; init; }

    /// <summary>Per-rank state, for distributed runs (empty when no rank is known).</summary>
    public required IReadOnlyList<RankSummary> Ranks { get; init; }

    /// <summary>Epochs seen after the epoch table was full (<see cref="RunAggregator.MaxEpochs"/>); their values are in the series.</summary>
    public long EpochsNotKept { get; init; }

    /// <summary>The newest timestamp anywhere in the run.</summary>
    public DateTime? LastTime => Progress.LastTime;

    public SeriesSummary? Find(string name, Phase phase, int? rank = null)
        => Series.FirstOrDefault(s => s.Key.Name == name && s.Key.Phase == phase && (rank is null || s.Key.Rank == rank));
}
