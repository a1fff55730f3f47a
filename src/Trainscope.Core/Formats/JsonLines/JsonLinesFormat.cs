using Trainscope.Formats.Text;

namespace Trainscope.Formats.JsonLines;

/// <summary>
/// One JSON object per line: DETR/DeiT/MAE `log.txt`, mmengine `scalars.json` and `.log.json`, detectron2
/// `metrics.json`, LLaMA-Factory `trainer_log.jsonl`. Numeric keys become metrics; `epoch`, `step`, `iter`,
/// `iteration`, `global_step`, `current_steps` the position; `train_`/`test_`/`eval_`/`val_` prefixes the phase.
/// </summary>
public sealed class JsonLinesFormat : ILineFormat
{
    public string Name => "json-lines";

    public string Description => "One JSON object per line (DETR `log.txt`, mmengine `scalars.json`, detectron2 `metrics.json`, LLaMA-Factory `trainer_log.jsonl`).";

    public string Example => "{\"train_lr\": 0.0001, \"train_loss\": 25.99, \"test_coco_eval_bbox\": [0.42, 0.62], \"epoch\": 0, \"n_parameters\": 41302368}";

    public double Sniff(FileSample sample)
    {
        var lines = 0;
        var objects = 0;
        foreach (var raw in sample.Lines.Take(200))
        {
            var line = raw.Trim().TrimStart('\uFEFF');
            if (line.Length == 0)
            {
                continue;
            }

            lines++;
            if (line.Length >= 2 && line[0] == '{' && line[^1] == '}' && (line.Length == 2 || line.AsSpan(1).TrimStart()[0] == '"'))
            {
                objects++;
            }
        }

        if (objects == 0)
        {
            return 0;
        }

        // Most lines objects: a JSON-lines file. A few among text: JSON mixed into a log, still worth trying early.
        var share = (double)objects / lines;
        return share >= 0.6 ? 0.95 : share >= 0.3 ? 0.6 : 0.2;
    }

    public ILineParser CreateParser() => new JsonLinesParser();

    /// <summary>
    /// An object on a line of its own: one record, which the parser reads without anything from the lines before; what
    /// spans records (facts reported, the last position) is checked when a part begun here is joined.
    /// </summary>
    public bool StartsFresh(in LogLine line)
    {
        var text = SpanFields.TrimSpaces(line.Text);
        if (text.Length < 2 || text[0] != (byte)'{' || text[^1] != (byte)'}')
        {
            return false;
        }

        return text[SpanFields.SkipSpaces(text, 1)] is (byte)'"' or (byte)'}';
    }
}
