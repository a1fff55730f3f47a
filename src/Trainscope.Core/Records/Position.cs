namespace Trainscope.Records;

/// <summary>Where in training a record sits. Every part is optional; formats fill what their line says.</summary>
public struct Position
{
    /// <summary>Epoch number as printed (0- or 1-based, as the job counts).</summary>
    public int? Epoch;

    /// <summary>Total epochs planned, when the line says (`Epoch [3/200]`).</summary>
    public int? Epochs;

    /// <summary>Iteration inside the epoch (`[740/2592]` → 740).</summary>
    public long? Iteration;

    /// <summary>Iterations per epoch (`[740/2592]` → 2592).</summary>
    public long? IterationsPerEpoch;

    /// <summary>Global step, when the line gives it or it can be derived.</summary>
    public long? Step;

    /// <summary>Total steps planned (`Step 10/2000`).</summary>
    public long? Steps;

    /// <summary>Fractional epoch as Hugging Face prints it (`'epoch': 0.28`).</summary>
    public double? EpochFraction;

    /// <summary>Fills <see cref="Step"/> from epoch × iterations-per-epoch + iteration when the line gave no step.</summary>
    public void DeriveStep()
    {
        if (Step is null && Epoch is int epoch && Iteration is long iteration && IterationsPerEpoch is long perEpoch && perEpoch > 0)
        {
            Step = epoch * perEpoch + iteration;
        }
    }
}
