using System.Text;
using Trainscope.Formats.Text;

namespace Trainscope.Tests.Formats.Text;

public sealed class TimestampsTests
{
    [Theory]
    [InlineData("2026-01-05 10:33:33", 2026, 1, 5, 10, 33, 33, 0)]
    [InlineData("2026/01/05T10:33:33,342 rest", 2026, 1, 5, 10, 33, 33, 342)]
    [InlineData("01/05 10:33:33", 1, 1, 5, 10, 33, 33, 0)] // detectron2's yearless form, fourteen bytes
    public void Both_forms_are_read(string text, int year, int month, int day, int hour, int minute, int second, int millisecond)
    {
        Timestamps.TryParse(Encoding.ASCII.GetBytes(text), out var time, out _).ShouldBeTrue();
        time.ShouldBe(new DateTime(year, month, day, hour, minute, second, millisecond));
    }

    [Theory]
    [InlineData("1234567,3,0.815945,0.991000,0.563975,0.4119")] // a CSV row led by its step
    [InlineData("2026-01-05")]
    [InlineData("01/05 10:33")]
    [InlineData("12345/01/05 10:33:33")]
    public void Text_without_a_date_s_separators_in_place_is_no_timestamp(string text)
        => Timestamps.TryParse(Encoding.ASCII.GetBytes(text), out _, out _).ShouldBeFalse();
}
