using System.Diagnostics.CodeAnalysis;
using System.Text;
using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.Csv;

/// <summary>Recognises a CSV header line and turns its cells into columns.</summary>
internal static class CsvHeader
{
    /// <summary>More columns than this is not a metric history.</summary>
    public const int MaxColumns = 4096;

    private const int MaxNameBytes = 128;

    /// <summary>Words that make a header without a position column still look like metrics (not prose with commas).</summary>
    private static readonly string[] MetricWords =
    [
        "loss", "acc", "lr", "learning_rate", "reward", "map", "f1", "auc", "score", "error", "precision", "recall",
        "dice", "iou", "ppl", "perplexity", "norm", "bleu", "rouge", "value", "损失", "准确率", "学习率",
    ];

    /// <summary>Chinese phase words written before a metric name (`验证损失` = validation loss), as the seed documents use them.</summary>
    private static readonly (string Word, Phase Phase)[] ChinesePhases = [("训练", Phase.Train), ("验证", Phase.Eval), ("测试", Phase.Test)];

    /// <summary>The separator a line uses: a comma, else a tab; 0 when it has neither.</summary>
    public static byte SeparatorOf(ReadOnlySpan<byte> line)
        => line.Contains((byte)',') ? (byte)',' : line.Contains((byte)'\t') ? (byte)'\t' : (byte)0;

    /// <summary>
    /// Reads <paramref name="line"/> as a header: at least two cells, every one a name (not a number, no `=`/`:`/brackets,
    /// no space before a digit), and a position column or a metric-like name among them.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> line, byte separator, Phase filePhase, [NotNullWhen(true)] out CsvColumn[]? columns)
        => TryRead(line, separator, filePhase, null, out columns);

    /// <summary>
    /// As above; <paramref name="valueName"/> (from <see cref="ValueNameOf"/>) names the `Value` column of a TensorBoard
    /// export, whose file name carries the tag.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> line, byte separator, Phase filePhase, string? valueName, [NotNullWhen(true)] out CsvColumn[]? columns)
    {
        columns = null;
        var cells = new CsvCells(line, separator);
        var list = new List<CsvColumn>();
        var convincing = false;
        while (cells.TryNext(out var cell))
        {
            if (list.Count >= MaxColumns)
            {
                return false;
            }

            if (cell.IsEmpty)
            {
                list.Add(new CsvColumn("", filePhase, CsvColumnRole.Ignored));
                continue;
            }

            if (!IsName(cell, cells.LastWasQuoted))
            {
                return false;
            }

            var text = Encoding.UTF8.GetString(cell);
            if (cells.LastWasQuoted)
            {
                text = text.Replace("\"\"", "\"", StringComparison.Ordinal);
            }

            var column = Column(valueName is not null && text == "Value" ? valueName : text, filePhase);
            convincing |= column.Role != CsvColumnRole.Metric || LooksLikeMetric(text);
            list.Add(column);
        }

        // Only a trailing empty cell is tolerated: an empty name in the middle is not a header we can trust.
        var named = list.Count(c => c.Role != CsvColumnRole.Ignored);
        if (named < 2 || !convincing || list.SkipLast(1).Any(c => c.Role == CsvColumnRole.Ignored))
        {
            return false;
        }

        columns = [.. list];
        return true;
    }

    /// <summary>Columns `col1..colN` for a file without a header; the phase comes from the file name.</summary>
    public static CsvColumn[] Numbered(int count, Phase filePhase)
        => Enumerable.Range(1, count).Select(i => new CsvColumn($"col{i}", filePhase, CsvColumnRole.Metric)).ToArray();

    /// <summary>The phase a file name names (`validation_history.csv`, `_metrics_val.csv` → eval), else train.</summary>
    public static Phase PhaseOfFile(string path)
    {
        var stem = Path.GetFileNameWithoutExtension(path);
        foreach (var word in stem.Split(['_', '-', '.', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (PhaseNames.TryFromWord(word, out var phase))
            {
                return phase;
            }
        }

        return Phase.Train;
    }

    /// <summary>
    /// The tag in a TensorBoard CSV download's name (`run-version_0-tag-train_loss.csv` → `train_loss`, the tag's `/`
    /// written as `_`), or null.
    /// </summary>
    public static string? ValueNameOf(string path)
    {
        var stem = Path.GetFileNameWithoutExtension(path);
        var at = stem.LastIndexOf("-tag-", StringComparison.Ordinal);
        return at >= 0 && at + 5 < stem.Length ? stem[(at + 5)..] : null;
    }

    private static CsvColumn Column(string text, Phase filePhase)
    {
        var role = RoleOf(text);
        if (role != CsvColumnRole.Metric)
        {
            return new CsvColumn(text, filePhase, role);
        }

        // Ultralytics writes its validation metrics as `metrics/precision(B)`, `metrics/mAP50-95(B)`.
        if (text.StartsWith("metrics/", StringComparison.OrdinalIgnoreCase))
        {
            return new CsvColumn(text, Phase.Eval, role);
        }

        foreach (var (word, named) in ChinesePhases)
        {
            if (text.Length > word.Length && text.StartsWith(word, StringComparison.Ordinal))
            {
                return new CsvColumn(text[word.Length..], named, role);
            }
        }

        var name = MetricNaming.SplitPhase(text.AsSpan(), filePhase, out var phase);
        return new CsvColumn(name.Length == text.Length ? text : name.ToString(), phase, role);
    }

    private static CsvColumnRole RoleOf(string name) => name.ToLowerInvariant() switch
    {
        "epoch" or "轮次" or "轮数" => CsvColumnRole.Epoch,
        "step" or "global_step" or "iteration" or "iter" or "trainer/global_step" or "步数" => CsvColumnRole.Step,
        "batch" or "batch_idx" or "batch_index" => CsvColumnRole.Iteration,
        "wall time" or "wall_time" or "walltime" or "timestamp" => CsvColumnRole.WallTime,
        _ => CsvColumnRole.Metric,
    };

    private static bool LooksLikeMetric(string name)
    {
        foreach (var word in MetricWords)
        {
            if (name.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsName(ReadOnlySpan<byte> cell, bool quoted)
    {
        if (cell.Length > MaxNameBytes || CsvValue.Read(cell, out _, out _) != CsvValueKind.Text)
        {
            return false;
        }

        var first = cell[0];
        if (first < 0x80 && !char.IsAsciiLetter((char)first) && first != (byte)'_')
        {
            return false;
        }

        for (var i = 0; i < cell.Length; i++)
        {
            var b = cell[i];
            if (b is (byte)'=' or (byte)':' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'<' or (byte)'>'
                or (byte)'\'' || (b == (byte)'"' && !quoted))
            {
                return false;
            }

            // `Wall time` is a name; `Epoch 3` and `loss 0.5` are prose.
            if (b == (byte)' ' && i + 1 < cell.Length && !char.IsAsciiLetter((char)cell[i + 1]))
            {
                return false;
            }
        }

        return true;
    }
}
