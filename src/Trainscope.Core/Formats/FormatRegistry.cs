using Trainscope.Formats.Csv;
using Trainscope.Formats.Diagnostics;
using Trainscope.Formats.EpochProgress;
using Trainscope.Formats.Frameworks;
using Trainscope.Formats.Generic;
using Trainscope.Formats.HuggingFace;
using Trainscope.Formats.JsonLines;
using Trainscope.Formats.MetricLogger;
using Trainscope.Formats.Progress;
using Trainscope.Formats.PythonDict;
using Trainscope.Formats.RankDebug;

namespace Trainscope.Formats;

/// <summary>The one place formats are registered. Order is priority when two formats are equally sure.</summary>
public static class FormatRegistry
{
    /// <summary>Line formats, most specific first; the generic fallback (if any) is last.</summary>
    public static IReadOnlyList<ILineFormat> LineFormats { get; } =
    [
        new CsvHistoryFormat(),
        new MetricLoggerFormat(),
        new EpochProgressFormat(), new RankDebugFormat(), new HfProgressFormat(), new TqdmFormat(),
        new JsonLinesFormat(),
        new PythonDictFormat(),
        new KerasFormat(),
        new Detectron2Format(),
        new MegatronFormat(),
        new NanoGptFormat(),
        new MmengineFormat(),
        new LightningFormat(),
        new UltralyticsFormat(),
        new OlmoFormat(),
        new GenericFormat(),
    ];

    /// <summary>Whole-file formats (binary or one JSON document).</summary>
    public static IReadOnlyList<IFileFormat> FileFormats { get; } =
    [
        new TrainerStateFormat(),
        new TensorBoard.TensorBoardFormat(),
    ];

    /// <summary>
    /// Formats whose parsers see every line whether or not another format claimed it (errors and warnings can be glued
    /// to a progress bar); what they return is ignored.
    /// </summary>
    public static IReadOnlyList<ILineFormat> LineObservers { get; } =
    [
        new DiagnosticLinesFormat(),
    ];

    public static IEnumerable<ILogFormat> All => LineFormats.Cast<ILogFormat>().Concat(FileFormats);

    public static ILogFormat? Find(string name)
        => All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
}
