using Trainscope.Formats.Csv;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.Csv;

/// <summary>Rows handed over through a header's cached layout: full rows reuse its values, others are written in full.</summary>
public class CsvLayoutTests
{
    [Fact]
    public void Metric_and_position_cells_are_sorted_once_and_a_trailing_unnamed_column_is_neither()
    {
        var layout = new CsvLayout(
        [
            new("loss", Phase.Train, CsvColumnRole.Metric), new("epoch", Phase.Train, CsvColumnRole.Epoch),
            new("loss", Phase.Eval, CsvColumnRole.Metric), new("step", Phase.Train, CsvColumnRole.Step),
            new("", Phase.Train, CsvColumnRole.Ignored),
        ]);

        layout.MetricCells.ShouldBe([0, 2]);
        layout.PositionCells.ShouldBe([1, 3]);
        var row = layout.Row.ShouldNotBeNull();
        row.Names.ToArray().ShouldBe(["loss", "loss"]);
        row.Phases.ToArray().ShouldBe([Phase.Train, Phase.Eval]);
        row.HasAverages.ShouldBeFalse();
    }

    [Fact]
    public void Full_sparse_and_averaged_rows_in_turn_each_carry_their_own_values_and_positions()
    {
        const string text = "loss,epoch,val_loss,step,acc\n"
            + "0.5,1,0.6,10,0.25\n"
            + "0.4,1,,11,\n"
            + "0.3,2,0.55 (0.57),12,0.5\n"
            + "0.2,2,warmup,13,0.75\n"
            + "0.1,3,0.5,14,1\n";

        var records = LineFeeder.Feed(new CsvHistoryFormat(), text, "metrics.csv");

        records.Values("loss", Phase.Train).ShouldBe([0.5, 0.4, 0.3, 0.2, 0.1]);
        records.Values("loss", Phase.Eval).ShouldBe([0.6, 0.55, 0.5]);
        records.Values("acc").ShouldBe([0.25, 0.5, 0.75, 1]);
        records.Metrics.Where(m => m.Phase == Phase.Eval).Select(m => m.Average).ShouldBe([null, 0.57, null]);
        records.Metrics.Where(m => m.Name == "acc").Select(m => (m.Position.Epoch, m.Position.Step))
            .ShouldBe([(1, 10L), (2, 12L), (2, 13L), (3, 14L)]);
    }

    [Theory]
    [InlineData("1,2,\"3,5\",4", 4)]
    [InlineData("1, \"2\",3", 3)]
    [InlineData("nan,\"a,b\"", 2)]
    [InlineData("0.5,1e-05,\"x\"\"y\",7", 4)]
    public void A_quote_opening_a_cell_after_plain_ones_switches_the_row_to_the_quoting_splitter(string line, int width)
    {
        var columns = Enumerable.Range(0, width).Select(i => new CsvColumn($"c{i}", Phase.Train, CsvColumnRole.Metric)).ToArray();
        var row = new CsvRow(columns);

        row.Split(System.Text.Encoding.UTF8.GetBytes(line), (byte)',').ShouldBeTrue(line);
    }

    [Fact]
    public void A_bom_and_crlf_line_ends_leave_the_header_and_the_numbers_as_they_are()
    {
        var records = LineFeeder.Feed(new CsvHistoryFormat(), "\uFEFFepoch,loss,lr\r\n0,0.5,1e-3\r\n1,0.25,0.001\r\n", "history.csv");

        records.Values("loss").ShouldBe([0.5, 0.25]);
        records.Values("lr").ShouldBe([0.001, 0.001]);
        records.Metrics.Where(m => m.Name == "loss").Select(m => m.Position.Epoch).ShouldBe([0, 1]);
    }
}
