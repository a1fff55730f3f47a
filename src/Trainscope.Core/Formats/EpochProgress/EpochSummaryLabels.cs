using System.Text;
using Trainscope.Records;

namespace Trainscope.Formats.EpochProgress;

/// <summary>What a label of the epoch summary block stands for.</summary>
internal enum SummaryField : byte
{
    None,
    MeanLoss,
    MinLoss,
    MaxLoss,
    LearningRate,
    EpochSeconds,
    Eta,
    ValidationLoss,
}

/// <summary>The labels the summary block prints, in Chinese and English.</summary>
internal static class EpochSummaryLabels
{
    private static readonly (byte[] Label, SummaryField Field)[] Labels =
    [
        (Encoding.UTF8.GetBytes("平均损失"), SummaryField.MeanLoss),
        (Encoding.UTF8.GetBytes("平均Batch损失"), SummaryField.MeanLoss),
        (Encoding.UTF8.GetBytes("最小Batch损失"), SummaryField.MinLoss),
        (Encoding.UTF8.GetBytes("最小损失"), SummaryField.MinLoss),
        (Encoding.UTF8.GetBytes("最大Batch损失"), SummaryField.MaxLoss),
        (Encoding.UTF8.GetBytes("最大损失"), SummaryField.MaxLoss),
        (Encoding.UTF8.GetBytes("学习率"), SummaryField.LearningRate),
        (Encoding.UTF8.GetBytes("本epoch用时"), SummaryField.EpochSeconds),
        (Encoding.UTF8.GetBytes("本Epoch用时"), SummaryField.EpochSeconds),
        (Encoding.UTF8.GetBytes("用时"), SummaryField.EpochSeconds),
        (Encoding.UTF8.GetBytes("预计剩余时间"), SummaryField.Eta),
        (Encoding.UTF8.GetBytes("剩余时间"), SummaryField.Eta),
        (Encoding.UTF8.GetBytes("验证损失"), SummaryField.ValidationLoss),
        ("Average Loss"u8.ToArray(), SummaryField.MeanLoss),
        ("Avg Loss"u8.ToArray(), SummaryField.MeanLoss),
        ("Mean Loss"u8.ToArray(), SummaryField.MeanLoss),
        ("Min Batch Loss"u8.ToArray(), SummaryField.MinLoss),
        ("Min Loss"u8.ToArray(), SummaryField.MinLoss),
        ("Max Batch Loss"u8.ToArray(), SummaryField.MaxLoss),
        ("Max Loss"u8.ToArray(), SummaryField.MaxLoss),
        ("Learning Rate"u8.ToArray(), SummaryField.LearningRate),
        ("LR"u8.ToArray(), SummaryField.LearningRate),
        ("Epoch Time"u8.ToArray(), SummaryField.EpochSeconds),
        ("Time"u8.ToArray(), SummaryField.EpochSeconds),
        ("ETA"u8.ToArray(), SummaryField.Eta),
        ("Remaining Time"u8.ToArray(), SummaryField.Eta),
        ("Estimated Time Remaining"u8.ToArray(), SummaryField.Eta),
        ("Val Loss"u8.ToArray(), SummaryField.ValidationLoss),
        ("Validation Loss"u8.ToArray(), SummaryField.ValidationLoss),
    ];

    public static SummaryField Find(ReadOnlySpan<byte> label)
    {
        foreach (var (text, field) in Labels)
        {
            if (label.SequenceEqual(text) || (label.Length == text.Length && Ascii.EqualsIgnoreCase(label, text)))
            {
                return field;
            }
        }

        return SummaryField.None;
    }

    /// <summary>The metric a field is recorded as, or null for the ETA (an event).</summary>
    public static (string Name, Phase Phase, SampleKind Kind)? Metric(SummaryField field) => field switch
    {
        SummaryField.MeanLoss => ("loss", Phase.Train, SampleKind.EpochMean),
        SummaryField.MinLoss => ("loss", Phase.Train, SampleKind.EpochMin),
        SummaryField.MaxLoss => ("loss", Phase.Train, SampleKind.EpochMax),
        SummaryField.LearningRate => ("lr", Phase.Train, SampleKind.EpochMean),
        SummaryField.EpochSeconds => ("epoch_seconds", Phase.Train, SampleKind.Point),
        SummaryField.ValidationLoss => ("loss", Phase.Eval, SampleKind.Point),
        _ => null,
    };
}
