using System.Text;
using Trainscope.Formats.Diagnostics;

namespace Trainscope.Tests.Formats.Diagnostics;

/// <summary>The cheap first look may let lines through, but never one that holds a trigger word.</summary>
public class TriggerProbeTests
{
    [Fact]
    public void No_line_with_a_trigger_word_is_dismissed()
    {
        var random = new Random(11);
        const string filler = "abcdfghjlmnpqrtuvxyz0123456789 _-:.,'{}[]=";
        foreach (var word in DiagnosticLinesParser.TriggerWords)
        {
            for (var i = 0; i < 200; i++)
            {
                var before = new string(Enumerable.Range(0, random.Next(0, 60)).Select(_ => filler[random.Next(filler.Length)]).ToArray());
                var after = new string(Enumerable.Range(0, random.Next(0, 60)).Select(_ => filler[random.Next(filler.Length)]).ToArray());
                DiagnosticLinesParser.MayHoldTrigger(Encoding.UTF8.GetBytes(before + word + after)).ShouldBeTrue(word);
            }
        }
    }

    [Fact]
    public void A_trainer_dict_line_is_dismissed_by_the_first_look()
        => DiagnosticLinesParser.MayHoldTrigger("{'loss': 2.7711, 'grad_norm': 1.212488, 'learning_rate': 9.999999e-05, 'epoch': 0.28}"u8).ShouldBeFalse();
}
