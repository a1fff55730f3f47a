using Trainscope.Records;

namespace Trainscope.Reporting.Charts;

/// <summary>One line of a chart: a label and its points in x order. Non-finite y values are kept as markers.</summary>
public sealed record ChartSeries(string Metric, Phase Phase, int? Rank, double[] X, double[] Y)
{
    /// <summary>`loss`, `loss (eval)`, `loss (rank 3)`.</summary>
    public string Label
    {
        get
        {
            var parts = new List<string>(2);
            if (Phase != Phase.Train)
            {
                parts.Add(Phase.ToName());
            }

            if (Rank is int rank)
            {
                parts.Add($"rank {rank}");
            }

            return parts.Count == 0 ? Metric : $"{Metric} ({string.Join(", ", parts)})";
        }
    }
}

/// <summary>One panel of a chart: one metric, with its train/eval (and per-rank) series overlaid.</summary>
public sealed record ChartPanel(string Title, IReadOnlyList<ChartSeries> Series);
