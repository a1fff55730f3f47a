using System.Text;
using Trainscope.Formats.Text;
using Trainscope.Formats.Frameworks;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.Text;

public class EtaEventsTests
{
    [Fact]
    public void An_eta_on_every_line_gives_the_first_every_fiftieth_and_the_latest()
    {
        var text = new StringBuilder();
        for (var i = 1; i <= 120; i++)
        {
            text.Append($"[07/18 06:32:33] d2.utils.events INFO:  eta: 0:{(120 - i) / 60:00}:{(120 - i) % 60:00}  iter: {i}  total_loss: 0.5\n");
        }

        var records = LineFeeder.Feed(new Detectron2Format(), text.ToString());

        var etas = records.Events.Where(e => e.Kind == EventKind.Eta).ToList();
        etas.Select(e => e.Line).ShouldBe([1L, 51L, 101L, 120L]);
        etas[^1].Value.ShouldBe(0);
        etas[^1].Position.Step.ShouldBe(120);
        etas[^1].Text.ShouldBe("eta: 0 s");
        records.Values("total_loss").Count().ShouldBe(120);
    }

    [Theory]
    [InlineData("0:10:00", 600)]
    [InlineData("1 day, 2:03:04", 93784)]
    [InlineData("3 days, 0:00:01", 259201)]
    [InlineData("12:56:23", 46583)]
    public void Eta_texts_become_seconds(string text, double seconds)
    {
        EtaEvents.TryParse(Encoding.UTF8.GetBytes(text), out var parsed).ShouldBeTrue();
        parsed.ShouldBe(seconds);
    }

    [Theory]
    [InlineData("N/A")]
    [InlineData("day, 2:03:04")]
    [InlineData("1 week, 2:03:04")]
    [InlineData("")]
    public void Other_texts_are_not_an_eta(string text) => EtaEvents.TryParse(Encoding.UTF8.GetBytes(text), out _).ShouldBeFalse();
}
