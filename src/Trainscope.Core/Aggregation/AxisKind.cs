namespace Trainscope.Aggregation;

/// <summary>What a series' x values mean.</summary>
public enum AxisKind : byte
{
    /// <summary>Global training step from the log.</summary>
    Step,

    /// <summary>Epoch number (the log gave one value per epoch).</summary>
    Epoch,

    /// <summary>The sample's ordinal; the log gave no position.</summary>
    Index,
}
