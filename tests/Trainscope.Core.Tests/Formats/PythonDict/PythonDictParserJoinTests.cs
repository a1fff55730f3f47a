using System.Globalization;
using Trainscope.Formats.PythonDict;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.PythonDict;

/// <summary>
/// A part of a Trainer stdout log read on its own is joined to the reading before it only where its records are what
/// reading on gives; the layouts' fast path and the general reader each keep where training was.
/// </summary>
public class PythonDictParserJoinTests
{
    private static readonly PythonDictFormat Format = new();

    private static string Train(int step) => string.Create(CultureInfo.InvariantCulture,
        $"{{'loss': {2.0 / step:0.0000}, 'grad_norm': 0.5, 'learning_rate': 1e-04, 'epoch': {step / 10.0:0.00}}}");

    [Fact]
    public void Train_eval_and_summary_dicts_join_at_every_cut()
    {
        var lines = new List<string>();
        for (var step = 1; step <= 30; step++)
        {
            lines.Add(Train(step));
            if (step % 10 == 0)
            {
                lines.Add($"{{'eval_loss': {1.0 / step:0.0000}, 'eval_runtime': 3.2, 'epoch': {step / 10}.0}}");
            }
        }

        lines.Add("{'train_runtime': 812.3, 'train_samples_per_second': 9.1, 'train_loss': 0.4, 'epoch': 3.0}");

        PartCuts.JoinedCuts(Format, lines).ShouldBe(Enumerable.Range(1, lines.Count - 1));
    }

    [Fact]
    public void A_relaunch_right_at_a_cut_is_not_joined()
    {
        var lines = Enumerable.Range(1, 12).Concat(Enumerable.Range(1, 12)).Select(Train).ToList();

        PartCuts.JoinedCuts(Format, lines).ShouldBe(Enumerable.Range(1, 23).Where(cut => cut != 12));
    }

    [Fact]
    public void Records_the_general_reader_read_before_a_cut_are_where_training_was()
    {
        // Text values and steps keep a dict off the layouts: the general reader checks those, the layouts the rest.
        var lines = new List<string>();
        for (var step = 1; step <= 8; step++)
        {
            lines.Add(Train(step));
            lines.Add($"{{'loss': {1.0 / step:0.0000}, 'note': 'warmup', 'epoch': {step / 10.0 + 0.01:0.00}}}");
        }

        lines.Add(Train(2)); // back: a relaunch, right after a record only the general reader read
        lines.Add(Train(3));
        lines.Add($"{{'loss': 0.2, 'step': 40, 'epoch': 0.4}}");
        lines.Add($"{{'loss': 0.2, 'step': 30, 'epoch': 0.45}}");

        PartCuts.JoinedCuts(Format, lines).ShouldBe(Enumerable.Range(1, lines.Count - 1).Where(cut => cut is not 16 and not 19));
    }

    [Fact]
    public void A_prefixed_dict_starts_fresh_and_a_progress_bar_does_not()
    {
        Format.StartsFresh(Trainscope.Formats.LogLine.FromString("[INFO|2024-11-26 22:09:01] logging.py:157 >> {'loss': 2.28, 'epoch': 0.29}", new(0, "a", "a"))).ShouldBeTrue();
        Format.StartsFresh(Trainscope.Formats.LogLine.FromString(" 10%|█         | 17/170 [00:01<00:09] {'loss': 2.28}", new(0, "a", "a"))).ShouldBeFalse();
    }
}
