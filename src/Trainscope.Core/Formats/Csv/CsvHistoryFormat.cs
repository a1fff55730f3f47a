using System.Text;

namespace Trainscope.Formats.Csv;

/// <summary>
/// Metric tables written once per epoch or step: Keras `CSVLogger` (`training.log`), Lightning `metrics.csv` (sparse
/// rows), ultralytics `results.csv` (space-padded in 8.0), `training_history.csv` / `validation_history.csv`,
/// `epoch_metrics_*.csv` and header-less numeric CSVs whose cells may read `0.5691 (0.6500)`.
/// </summary>
/// <remarks>
/// A line format rather than a whole-file one: `watch` then follows a growing CSV row by row instead of re-reading it on
/// every change, and rows flow through the same vectorised line splitter as every text log. The cells are split with a
/// small span splitter (<see cref="CsvCells"/>) instead of Sep or CsvHelper: those read whole streams and own the
/// buffering, while here the line is already found, and metric CSVs need no more than separators, optional quotes and
/// padding.
/// </remarks>
public sealed class CsvHistoryFormat : ILineFormat
{
    private const int SampledRows = 200;

    public string Name => "csv-history";

    public string Description => "CSV metric histories (Keras CSVLogger, Lightning metrics.csv, ultralytics results.csv, header-less numeric CSVs).";

    public string Example => "epoch,loss,val_loss,lr\n0,0.0560,0.0546,0.001";

    public double Sniff(FileSample sample)
    {
        var lines = sample.Lines.Where(l => l.Length > 0 && l[0] != '#').Take(SampledRows + 1).ToArray();
        if (lines.Length == 0)
        {
            return 0;
        }

        var first = Encoding.UTF8.GetBytes(lines[0].TrimStart('\uFEFF'));
        var separator = CsvHeader.SeparatorOf(first);
        if (separator == 0)
        {
            return 0;
        }

        var csvName = sample.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
            || sample.FileName.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase);
        var hasHeader = CsvHeader.TryRead(first, separator, Records.Phase.Train, out var columns);
        var width = hasHeader ? columns!.Length : HeaderlessWidth(first, separator);
        if (width < 2)
        {
            return 0;
        }

        var rows = lines.Skip(hasHeader ? 1 : 0).ToArray();
        var consistent = rows.Count(l => IsDataRow(l, separator, width));
        if (rows.Length == 0)
        {
            // A header and nothing yet: a job that has just started writing.
            return csvName ? 0.6 : 0.35;
        }

        var share = (double)consistent / rows.Length;
        if (hasHeader)
        {
            return share >= 0.8 ? (csvName ? 0.95 : 0.9) : share >= 0.5 ? 0.5 : 0.1;
        }

        // Header-less numbers need more evidence: every sampled row the same width, and three columns outside `.csv`.
        return share >= 0.9 && rows.Length >= 2 ? (csvName ? 0.85 : width >= 3 ? 0.5 : 0.2) : 0;
    }

    public ILineParser CreateParser() => new CsvHistoryParser();

    /// <summary>The header is one of the first lines; a part of a large CSV starts from a parser that has read them.</summary>
    public int HeadLines => (int)CsvHistoryParser.FirstLineLimit;

    /// <summary>
    /// A row leaves an idle parser (one whose columns are the head's) as it found it, and a header line sets the columns
    /// whatever came before, so a large CSV may be cut before any line that has a separator.
    /// </summary>
    public bool StartsFresh(in LogLine line) => CsvHeader.SeparatorOf(line.Text) != 0;

    private static bool IsDataRow(string line, byte separator, int width)
        => CellCount(Encoding.UTF8.GetBytes(line), separator, out var numbers, out _) == width && numbers > 0;

    private static int HeaderlessWidth(ReadOnlySpan<byte> line, byte separator)
    {
        var count = CellCount(line, separator, out var numbers, out var texts);
        return texts == 0 && numbers > 0 ? count : 0;
    }

    private static int CellCount(ReadOnlySpan<byte> line, byte separator, out int numbers, out int texts)
    {
        var cells = new CsvCells(line, separator);
        var count = 0;
        numbers = 0;
        texts = 0;
        while (cells.TryNext(out var cell))
        {
            count++;
            switch (CsvValue.Read(cell, out _, out _))
            {
                case CsvValueKind.Number or CsvValueKind.NumberWithAverage:
                    numbers++;
                    break;
                case CsvValueKind.Text:
                    texts++;
                    break;
            }
        }

        return count;
    }
}
