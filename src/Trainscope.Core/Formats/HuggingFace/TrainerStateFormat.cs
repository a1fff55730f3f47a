using System.Text;
using Trainscope.Records;

namespace Trainscope.Formats.HuggingFace;

/// <summary>
/// Hugging Face `trainer_state.json`, one JSON document: `log_history` entries become train, eval and final samples;
/// `global_step`, `max_steps`, `num_train_epochs`, `best_metric` and `best_model_checkpoint` become run facts.
/// </summary>
public sealed class TrainerStateFormat : IFileFormat
{
    /// <summary>Larger documents are refused rather than read into memory (the largest seen is about 1 MB).</summary>
    private const long MaxBytes = 256L * 1024 * 1024;

    public string Name => "trainer-state";

    public string Description => "Hugging Face `trainer_state.json`: `log_history` train/eval/summary entries, best metric and checkpoint.";

    public string Example => "{\"best_metric\": 0.743, \"global_step\": 5000, \"log_history\": [{\"epoch\": 0.19, \"loss\": 0.3048, \"step\": 25}, …]}";

    public double Sniff(FileSample sample)
    {
        var head = Encoding.UTF8.GetString(sample.Head.Span).TrimStart('\uFEFF').TrimStart();
        if (!head.StartsWith('{'))
        {
            return 0;
        }

        var named = sample.FileName.EndsWith("trainer_state.json", StringComparison.OrdinalIgnoreCase);
        var hasHistory = head.Contains("\"log_history\"", StringComparison.Ordinal);
        return hasHistory && named ? 1.0 : hasHistory ? 0.8 : named ? 0.6 : 0;
    }

    public FileReadResult Read(Stream stream, SourceInfo source, IRecordSink sink, CancellationToken cancellationToken = default)
    {
        byte[] document;
        try
        {
            if (stream.CanSeek && stream.Length > MaxBytes)
            {
                return new FileReadResult(0, 0, 1, $"trainer_state.json larger than {MaxBytes / (1024 * 1024)} MiB");
            }

            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            document = copy.ToArray();
        }
        catch (IOException e)
        {
            return new FileReadResult(0, 0, 0, e.Message);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return new TrainerStateReader(source, sink).Read(document);
    }
}
