using Trainscope.Aggregation;
using Trainscope.Records;

namespace Trainscope.Analysis.Doctor;

/// <summary>`data-bottleneck`: a large share of every iteration is spent waiting for data (`data` vs `time`, `data_time` vs `time`).</summary>
public static class DataBottleneckRule
{
    public const string Id = "data-bottleneck";

    public static IEnumerable<Finding> Evaluate(DoctorContext context)
    {
        var iteration = context.WithRole(MetricRole.IterationTime, Phase.Train).FirstOrDefault();
        var data = context.WithRole(MetricRole.DataTime, Phase.Train).FirstOrDefault();
        if (iteration is null || data is null)
        {
            yield break;
        }

        var dataMedian = SteadyMedian(context, data);
        var timeMedian = SteadyMedian(context, iteration);
        if (dataMedian is not double d || timeMedian is not double t || t <= 0)
        {
            yield break;
        }

        var share = d / t;
        if (share <= context.Options["data-bottleneck.fraction"])
        {
            yield break;
        }

        yield return new Finding
        {
            Rule = Id,
            Severity = Severity.Warning,
            Metric = data.Name,
            Phase = Phase.Train,
            Rank = data.Key.Rank,
            FromStep = data.First?.Step,
            ToStep = data.Last?.Step,
            Message = $"Waiting for data takes {Numbers.Percent(share)} of each iteration: median {data.Name} {Numbers.Text(d)} against "
                + $"{iteration.Name} {Numbers.Text(t)}.",
            Advice = "The GPU idles while batches load: raise DataLoader num_workers, set pin_memory=True and persistent_workers=True, "
                + "prefetch, move decoding/augmentation off the main process, or store data on a faster disk.",
            Evidence = DoctorContext.Evidence(data.Last, iteration.Last),
        };
    }

    /// <summary>Median after the first tenth: the first batches wait for workers to start and are not the steady state.</summary>
    private static double? SteadyMedian(DoctorContext context, SeriesSummary series)
    {
        var values = context.Points(series).Select(p => p.Value).Where(double.IsFinite).ToArray();
        if (values.Length < 5)
        {
            return null;
        }

        var skip = values.Length / 10;
        return RobustStats.Median(values, skip, values.Length - skip);
    }
}
