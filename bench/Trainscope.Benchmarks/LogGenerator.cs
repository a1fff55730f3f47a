using System.Globalization;
using System.Text;

namespace Trainscope.Benchmarks;

/// <summary>Writes large synthetic training logs in the shapes the benchmarks measure.</summary>
public static class LogGenerator
{
    private static readonly string[] MetricNames =
    [
        "acc_action_5", "l1_loss_action_5", "acc_action_6", "l1_loss_action_6", "acc_action_7", "l1_loss_action_7",
        "acc_action_8", "l1_loss_action_8", "acc_action_9", "l1_loss_action_9", "closs", "loss_ct", "z_loss",
        "acc_image_8", "acc_image_9", "grad_norm",
    ];

    /// <summary>A MetricLogger log in the seed-000 line shape (about 20 metrics a line) of at least <paramref name="bytes"/>.</summary>
    public static void MetricLogger(string path, long bytes)
    {
        var random = new Random(1);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        var time = new DateTime(2026, 1, 5, 10, 0, 0);
        var sums = new double[MetricNames.Length];
        long written = 0;
        var line = new StringBuilder(1024);
        for (var epoch = 0; written < bytes; epoch++)
        {
            Array.Clear(sums);
            const int perEpoch = 2592;
            for (var it = 0; it < perEpoch && written < bytes; it++)
            {
                time = time.AddMilliseconds(1400 + random.Next(100));
                line.Clear();
                line.Append(CultureInfo.InvariantCulture, $"[rank0:INFO|misc.py:146] {time:yyyy-MM-dd HH:mm:ss},{time.Millisecond:000} >> Epoch: [{epoch}]  [{it,4}/{perEpoch}]  eta: 0:{(perEpoch - it) / 60 % 60:00}:{(perEpoch - it) % 60:00}  lr: 0.000005");
                for (var m = 0; m < MetricNames.Length; m++)
                {
                    var value = random.NextDouble() * (m == 12 ? 200 : 2);
                    sums[m] += value;
                    line.Append(CultureInfo.InvariantCulture, $"  {MetricNames[m]}: {value:0.0000} ({sums[m] / (it + 1):0.0000})");
                }

                line.Append(CultureInfo.InvariantCulture, $"  time: {14 + random.NextDouble():0.0000}  data: 0.0008  samples/sec: 0.68  max mem: 15722");
                writer.WriteLine(line);
                written += line.Length + 1;
            }

            // Seed 000's epoch end: the total, then `Averaged stats:` with one indented meter per line.
            line.Clear();
            line.Append(CultureInfo.InvariantCulture, $"[rank0:INFO|misc.py:146] {time:yyyy-MM-dd HH:mm:ss},{time.Millisecond:000} >> Epoch: [{epoch}] Total time: 1:00:28 (1.4500 s / it)\n");
            line.Append(CultureInfo.InvariantCulture, $"[rank0:INFO|misc.py:146] {time:yyyy-MM-dd HH:mm:ss},{time.Millisecond:000} >> Averaged stats:\n  lr: 0.000005 (0.000005)");
            for (var m = 0; m < MetricNames.Length; m++)
            {
                line.Append(CultureInfo.InvariantCulture, $"\n  {MetricNames[m]}: {sums[m] / perEpoch:0.0000} ({sums[m] / perEpoch:0.0000})");
            }

            writer.WriteLine(line);
            written += line.Length + 1;
        }
    }

    /// <summary>Hugging Face Trainer dict lines.</summary>
    public static void HfDicts(string path, long bytes)
    {
        var random = new Random(2);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        long written = 0;
        for (var step = 1; written < bytes; step++)
        {
            var text = string.Create(CultureInfo.InvariantCulture,
                $"{{'loss': {2 + random.NextDouble():0.0000}, 'grad_norm': {random.NextDouble() * 3:0.000000}, 'learning_rate': {1e-4 * (1 - step / 1e7):0.########e+00}, 'epoch': {step / 1000.0:0.00}}}");
            writer.WriteLine(text);
            written += text.Length + 1;
        }
    }

    /// <summary>JSON lines in the DETR `log.txt` shape.</summary>
    public static void JsonLines(string path, long bytes)
    {
        var random = new Random(3);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        long written = 0;
        for (var epoch = 0; written < bytes; epoch++)
        {
            var text = string.Create(CultureInfo.InvariantCulture,
                $"{{\"train_lr\": 9.999999999999782e-05, \"train_class_error\": {random.NextDouble() * 10}, \"train_loss\": {random.NextDouble() * 20}, \"train_loss_ce\": {random.NextDouble()}, \"train_loss_bbox\": {random.NextDouble()}, \"test_loss\": {random.NextDouble() * 20}, \"epoch\": {epoch}, \"n_parameters\": 41302368}}");
            writer.WriteLine(text);
            written += text.Length + 1;
        }
    }

    /// <summary>
    /// A per-step CSV history (Lightning `metrics.csv`, seed-002 `batch_metrics_*.csv`) with a dozen numeric columns and
    /// 2,000 steps per epoch: a large CSV has many steps, not millions of epochs.
    /// </summary>
    public static void Csv(string path, long bytes)
    {
        var random = new Random(4);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.WriteLine("step,epoch,loss,policy_loss,value_loss,reward_mean,reward_std,latency_ms,violation_rate,lr,grad_norm,entropy,kl");
        long written = 0;
        for (var step = 0; written < bytes; step++)
        {
            var text = string.Create(CultureInfo.InvariantCulture,
                $"{step},{step / 2000},{random.NextDouble():0.000000},{random.NextDouble():0.000000},{random.NextDouble():0.000000},{random.NextDouble():0.0000},{random.NextDouble():0.0000},{random.NextDouble() * 100:0.00},{random.NextDouble():0.0000},{1e-3:0.000000},{random.NextDouble() * 5:0.0000},{random.NextDouble():0.0000},{random.NextDouble() * 0.1:0.00000}");
            writer.WriteLine(text);
            written += text.Length + 1;
        }
    }
}
