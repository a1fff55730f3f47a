namespace Trainscope.Analysis.Doctor;

/// <summary>Settings of the doctor's rules: threshold overrides, disabled rules, and facts the log may not give.</summary>
public sealed record DoctorOptions
{
    public static DoctorOptions Default { get; } = new();

    /// <summary>Memory of one GPU in MB (`--gpu-memory 80GB`); when null, a known GPU name in the log decides.</summary>
    public double? GpuMemoryMb { get; init; }

    /// <summary>Values for <see cref="Thresholds"/> keys (`loss-spike.mad` → 6).</summary>
    public IReadOnlyDictionary<string, double> Overrides { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Rule ids that do not run.</summary>
    public IReadOnlySet<string> Disabled { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public double this[string key] => Overrides.TryGetValue(key, out var value) ? value : Thresholds.Default(key);

    /// <summary>A copy with one more override; throws <see cref="ArgumentException"/> for an unknown key.</summary>
    public DoctorOptions With(string key, double value)
    {
        if (!Thresholds.IsKnown(key))
        {
            throw new ArgumentException($"unknown setting '{key}'", nameof(key));
        }

        var overrides = new Dictionary<string, double>(Overrides, StringComparer.Ordinal) { [key] = value };
        return this with { Overrides = overrides };
    }
}
