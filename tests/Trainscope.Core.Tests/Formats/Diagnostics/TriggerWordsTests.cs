using System.Text;
using Trainscope.Formats.Diagnostics;

namespace Trainscope.Tests.Formats.Diagnostics;

/// <summary>The byte search for the trigger words finds every word and dismisses metric lines.</summary>
public class TriggerWordsTests
{
    [Fact]
    public void No_line_with_a_trigger_word_is_dismissed()
    {
        var random = new Random(11);
        const string filler = "abcdfghjlmnpqrtuvxyz0123456789 _-:.,'{}[]=";
        foreach (var word in TriggerWords.All)
        {
            for (var i = 0; i < 200; i++)
            {
                var before = new string(Enumerable.Range(0, random.Next(0, 60)).Select(_ => filler[random.Next(filler.Length)]).ToArray());
                var after = new string(Enumerable.Range(0, random.Next(0, 60)).Select(_ => filler[random.Next(filler.Length)]).ToArray());
                TriggerWords.AnyIn(Encoding.UTF8.GetBytes(before + word + after)).ShouldBeTrue(word);
            }
        }
    }

    [Fact]
    public void A_word_missing_its_first_or_last_letter_is_not_found()
    {
        foreach (var word in TriggerWords.All)
        {
            TriggerWords.AnyIn(Encoding.UTF8.GetBytes("loss: 0.1 " + word[1..] + " lr")).ShouldBeFalse(word);
            TriggerWords.AnyIn(Encoding.UTF8.GetBytes("loss: 0.1 " + word[..^1])).ShouldBeFalse(word);
        }
    }

    [Fact]
    public void The_words_are_matched_with_their_case()
    {
        TriggerWords.AnyIn("ERROR: disk full"u8).ShouldBeFalse();
        TriggerWords.AnyIn("train_error: 0.25  nccl_timeout: 30"u8).ShouldBeFalse();
        TriggerWords.AnyIn("WARNING: deprecated"u8).ShouldBeTrue(); // holds `WARN`
    }

    [Fact]
    public void A_trainer_dict_line_is_dismissed()
        => TriggerWords.AnyIn("{'loss': 2.7711, 'grad_norm': 1.212488, 'learning_rate': 9.999999e-05, 'epoch': 0.28}"u8).ShouldBeFalse();

    [Fact]
    public void A_prefixed_metric_logger_line_is_dismissed()
        => TriggerWords.AnyIn("[rank0:INFO|misc.py:146] 2024-01-01 12:00:00 >> Epoch: [12]  [740/2592]  eta: 0:12:34  lr: 0.000100  loss: 0.4620 (0.4907)  class_error: 1.25 (2.50)  loss_giou_unscaled: 0.3 (0.4)  time: 0.4020  data: 0.0002  max mem: 15722"u8).ShouldBeFalse();
}
