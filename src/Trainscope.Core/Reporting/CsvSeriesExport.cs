using System.Globalization;
using Trainscope.Aggregation;
using Trainscope.Records;

namespace Trainscope.Reporting;

/// <summary>Writes the kept points of every series as long-format CSV: `run,phase,rank,name,step,epoch,time,value`.</summary>
public static class CsvSeriesExport
{
    public const string Header = "run,phase,rank,name,step,epoch,time,value";

    /// <summary>Writes the header and one row per kept point; returns the number of rows.</summary>
    public static long Write(TextWriter output, IReadOnlyList<RunSummary> runs)
    {
        output.Write(Header);
        output.Write('\n');
        long rows = 0;
        foreach (var run in runs)
        {
            var runField = Field(run.Name);
            foreach (var series in run.Series)
            {
                var prefix = $"{runField},{series.Key.Phase.ToName()},{Number(series.Key.Rank)},{Field(series.Name)},";
                foreach (var point in series.Points())
                {
                    output.Write(prefix);
                    output.Write(point.Step.ToString(CultureInfo.InvariantCulture));
                    output.Write(',');
                    output.Write(Number(point.Epoch));
                    output.Write(',');
                    output.Write(point.Time?.ToString("O", CultureInfo.InvariantCulture));
                    output.Write(',');
                    output.Write(point.Value.ToString("R", CultureInfo.InvariantCulture));
                    output.Write('\n');
                    rows++;
                }
            }
        }

        return rows;
    }

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>Quotes a field as RFC 4180 does when it holds a comma, a quote or a line break.</summary>
    private static string Field(string text)
        => text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
