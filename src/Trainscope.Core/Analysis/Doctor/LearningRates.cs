using Trainscope.Records;

namespace Trainscope.Analysis.Doctor;

/// <summary>Where the learning-rate schedule stands at the end of the log: its peak, its last value, how far it decayed.</summary>
public sealed record LearningRates(string Name, double Peak, double Last)
{
    /// <summary>Last value as a fraction of the peak (1 when the lr never changed).</summary>
    public double Remaining => Peak > 0 ? Last / Peak : 1;

    public static LearningRates? Of(DoctorContext context)
    {
        var series = context.WithRole(MetricRole.LearningRate, Phase.Train).FirstOrDefault(s => s.FiniteCount > 0);
        if (series?.Max is not { } max || series.Points().LastOrDefault(p => double.IsFinite(p.Value)) is not { Source: not null } last)
        {
            return null;
        }

        return new LearningRates(series.Name, max.Value, last.Value);
    }
}
