using System.Text;
using Trainscope.Formats;
using Trainscope.Formats.Progress;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.Progress;

public class TqdmFormatTests
{
    private static readonly TqdmFormat Format = new();

    /// <summary>Feeds text the way the reader does: `\r` redraws become lines sharing their `\n` line's number.</summary>
    private static (RecordCollector Records, List<bool> Claimed) FeedRedraws(string text)
    {
        var source = new SourceInfo(0, "bars.log", "bars.log");
        var parser = Format.CreateParser();
        var sink = new RecordCollector();
        var claimed = new List<bool>();
        var number = 0;
        foreach (var physical in text.Split('\n'))
        {
            number++;
            foreach (var redraw in physical.Split('\r'))
            {
                claimed.Add(parser.TryParse(LogLine.FromString(redraw, source, number), sink));
            }
        }

        parser.Complete(sink);
        return (sink, claimed);
    }

    private static RecordCollector Bars() => FeedRedraws(File.ReadAllText(TestPaths.Fixture("progress/hf_trainer_bars.log"))).Records;

    [Fact]
    public void Only_the_last_redraw_of_a_line_is_kept()
    {
        var train = Bars().Metrics.Where(m => m.Phase == Phase.Train && m.Name == "it_per_sec" && m.Line == 2).ToList();

        train.Count.ShouldBe(1);
        train[0].Position.Step.ShouldBe(20);
        train[0].Position.Steps.ShouldBe(1755);
        train[0].Value.ShouldBe(1 / 20.0, 1e-12);
    }

    [Fact]
    public void A_different_bar_on_the_same_line_flushes_the_previous_one()
    {
        var line4 = Bars().Metrics.Where(m => m.Line == 4).ToList();

        line4.Count.ShouldBe(2);
        line4[0].Phase.ShouldBe(Phase.Train);
        line4[0].Position.Step.ShouldBe(200);
        line4[1].Phase.ShouldBe(Phase.Eval);
        line4[1].Value.ShouldBe(3.18);
        line4[1].Position.Iteration.ShouldBe(984);
        line4[1].Position.Step.ShouldBe(200);
    }

    [Fact]
    public void Eval_bars_carry_postfix_metrics_in_the_eval_phase()
    {
        var eval = Bars().Metrics.Where(m => m.Line == 5).ToList();

        eval.Select(m => m.Name).ShouldBe(["it_per_sec", "loss", "lr"]);
        eval.ShouldAllBe(m => m.Phase == Phase.Eval);
        eval[2].Value.ShouldBe(1e-4);
    }

    [Fact]
    public void Lightning_epoch_bars_set_the_epoch_and_skip_the_version_number()
    {
        var lightning = Bars().Metrics.Where(m => m.Line == 6).ToList();

        lightning.Select(m => m.Name).ShouldBe(["it_per_sec", "loss", "loss", "global_step"]);
        lightning.ShouldAllBe(m => m.Position.Epoch == 3 && m.Position.Iteration == 450 && m.Position.Step == 3 * 1000 + 450);
        lightning[2].Phase.ShouldBe(Phase.Eval);
        lightning[2].Value.ShouldBe(0.61);
    }

    [Fact]
    public void Loading_bars_are_claimed_without_records()
    {
        var (records, claimed) = FeedRedraws(File.ReadAllText(TestPaths.Fixture("progress/hf_trainer_bars.log")));

        claimed[0].ShouldBeTrue();
        records.Metrics.ShouldNotContain(m => m.Line == 1);
        records.Metrics.ShouldNotContain(m => m.Line == 3);
    }

    [Fact]
    public void A_bar_redrawn_on_later_lines_emits_each_line_once()
    {
        var (records, _) = FeedRedraws(" 10%|█ | 10/100 [00:10<01:30, 1.00it/s]\n 20%|██ | 20/100 [00:20<01:20, 1.00it/s]\r 30%|███ | 30/100 [00:30<01:10, 1.00it/s]");

        records.Metrics.Select(m => m.Position.Step).ShouldBe([10L, 30L]);
    }

    [Fact]
    public void A_bar_restarting_on_the_same_line_keeps_the_last_state_of_each_epoch()
    {
        var (records, _) = FeedRedraws(
            "Epoch 0:  50%|█████     | 5/10 [00:05<00:05, 1.00it/s, loss=0.9]\rEpoch 0: 100%|██████████| 10/10 [00:10<00:00, 1.00it/s, loss=0.8]"
            + "\rEpoch 1:  10%|█         | 1/10 [00:01<00:09, 1.00it/s, loss=0.7]\rEpoch 1:  20%|██        | 2/10 [00:02<00:08, 1.00it/s, loss=0.6]");

        var losses = records.Metrics.Where(m => m.Name == "loss").ToList();
        losses.Select(m => (m.Position.Epoch, m.Value)).ShouldBe([(0, 0.8), (1, 0.6)]);
        losses[1].Position.Step.ShouldBe(12);
    }

    [Fact]
    public void Live_numbers_in_the_description_do_not_make_every_redraw_a_new_bar()
    {
        var (records, _) = FeedRedraws(
            "      1/100      6.15G      3.331      12.04         49        736:  10%|█         | 10/100 [00:05<00:45, 2.00it/s]"
            + "\r      1/100      6.15G      3.250      11.90         51        736:  20%|██        | 20/100 [00:10<00:40, 2.00it/s]");

        records.Metrics.Single().Position.Step.ShouldBe(20);
    }

    [Fact]
    public void Corpus_lightning_bar_with_glued_watchdog_gives_scientific_postfix_values()
    {
        var path = TestPaths.Corpus("failures/issue_pytorch_118369_lightning_bar_then_watchdog.txt");
        var (records, claimed) = FeedRedraws(File.ReadAllText(path));

        var bar = records.Metrics.Where(m => m.Line == 1).ToDictionary(m => m.Name, m => m);
        bar["global_step"].Value.ShouldBe(32000);
        bar["consumed_samples"].Value.ShouldBe(2.56e7);
        bar["loss"].Value.ShouldBe(2.6);
        bar["reduced_train_loss"].Value.ShouldBe(2.59);
        bar["it_per_sec"].Value.ShouldBe(1.37);
        bar["loss"].Position.Epoch.ShouldBe(0);
        bar["loss"].Position.Step.ShouldBe(32040);
        bar.ShouldNotContainKey("v_num");
        claimed[0].ShouldBeFalse(); // the watchdog error glued after the bar is left for other formats
        records.Metrics.Count.ShouldBe(5);
    }

    [Fact]
    public void Corpus_deepspeed_overflow_glued_after_bars_does_not_break_them()
    {
        var path = TestPaths.Corpus("failures/issue_chinese-llama-alpaca_534_deepspeed_loss_scale_collapse.txt");
        var records = LineFeeder.FeedFile(Format, path);

        var steps = records.Metrics.Select(m => m.Position.Step).ToList();
        steps.ShouldBe([377L, 378L, 379L, 380L, 380L, 381L, 382L]);
        records.Metrics.ShouldAllBe(m => m.Position.Steps == 2724 && m.Name == "it_per_sec");
        records.Metrics[0].Value.ShouldBe(1 / 132.41, 1e-12);
    }

    [Fact]
    public void Random_bytes_and_truncated_bars_never_throw()
    {
        var random = new Random(1234);
        var bar = "Epoch 0:   6%|██ | 32040/500150 [6:28:43<94:39:17,  1.37it/s, loss=2.6, v_num=95nc, global_step=3.2e+4]";
        var parser = Format.CreateParser();
        var sink = new RecordCollector();
        var source = new SourceInfo(0, "f.log", "f.log");
        var bytes = Encoding.UTF8.GetBytes(bar);
        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            parser.TryParse(new LogLine(bytes.AsSpan(0, cut), cut, 0, source), sink);
        }

        for (var i = 0; i < 2000; i++)
        {
            var noise = new byte[random.Next(0, 120)];
            random.NextBytes(noise);
            parser.TryParse(new LogLine(noise, 10_000 + i, 0, source), sink);
        }

        parser.Complete(sink);
        sink.Metrics.ShouldAllBe(m => m.Name != null);
    }

    [Fact]
    public void Sniff_finds_bars()
    {
        Format.Sniff(new FileSample("a.log", Encoding.UTF8.GetBytes(" 14%|██▍ | 377/2724 [13:55:57<86:19:20, 132.41s/it]\n"), true)).ShouldBeGreaterThan(0);
        Format.Sniff(new FileSample("a.log", "loss 0.5 | acc 90%\n"u8.ToArray(), true)).ShouldBe(0);
    }
}
