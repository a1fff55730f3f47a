using Trainscope.Aggregation;
using Trainscope.Records;

namespace Trainscope.Analysis.Distributed;

/// <summary>Orders phase markers within an epoch and spells them like the logs' banners.</summary>
public static class PhaseLabel
{
    private const int PhasesPerEpoch = 4;

    /// <summary>Position of the marker within the epoch (training start 0 … validation end 3), or null for other markers.</summary>
    public static int? Order(string? name) => name switch
    {
        RankEventNames.TrainingStart => 0,
        RankEventNames.TrainingEnd => 1,
        RankEventNames.ValidationStart => 2,
        RankEventNames.ValidationEnd => 3,
        _ => null,
    };

    /// <summary>A number that grows as a rank moves through epochs and phases; null without an ordered marker.</summary>
    public static int? Progress(LogEvent? marker)
        => marker is not null && Order(marker.Name) is int order ? (marker.Position.Epoch ?? 0) * PhasesPerEpoch + order : null;

    /// <summary>`EPOCH 3 TRAINING END` from a `training-end` marker of epoch 3.</summary>
    public static string? Of(LogEvent? marker)
    {
        if (marker is null)
        {
            return null;
        }

        var name = (marker.Name ?? "marker").Replace('-', ' ').ToUpperInvariant();
        return marker.Position.Epoch is int epoch ? $"EPOCH {epoch} {name}" : name;
    }
}
