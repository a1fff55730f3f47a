using Trainscope.Records;

namespace Trainscope.Tests.Records;

public class ValueLayoutTests
{
    private static readonly MetricValue[] Names =
    [
        new("loss", Phase.Train, 0),
        new("lr", Phase.Train, 0),
        new("acc", Phase.Eval, 0),
        new("f1", Phase.Eval, 0),
        new("time", Phase.Train, 0),
    ];

    private static readonly bool[] Averaged = [true, false, true, false, false];

    // loss (avg), lr, acc (avg), f1, time: a value's average follows it.
    private static readonly double[] Row = [0.5, 0.45, 1e-4, 0.9, 0.85, 0.7, 14.2];

    [Fact]
    public void A_row_is_its_values_with_their_averages_after_them()
    {
        var layout = new ValueLayout(Names, Averaged);

        layout.Count.ShouldBe(5);
        layout.Cells.ShouldBe(7);
        layout.HasAverages.ShouldBeTrue();
        layout.ToValues(Row).ToArray().Select(v => (v.Name, v.Phase, v.Value, v.Average)).ShouldBe(
        [
            ("loss", Phase.Train, 0.5, (double?)0.45),
            ("lr", Phase.Train, 1e-4, null),
            ("acc", Phase.Eval, 0.9, 0.85),
            ("f1", Phase.Eval, 0.7, null),
            ("time", Phase.Train, 14.2, null),
        ]);
    }

    [Fact]
    public void Values_and_averages_are_copied_one_place_per_value()
    {
        var layout = new ValueLayout(Names, Averaged);
        var values = new double[5];
        var averages = Enumerable.Repeat(-1.0, 5).ToArray();
        var hasAverage = new bool[5];

        layout.CopyValues(Row, values);
        layout.CopyAverages(Row, averages, hasAverage);

        values.ShouldBe([0.5, 1e-4, 0.9, 0.7, 14.2]);
        hasAverage.ShouldBe(Averaged);
        averages.ShouldBe([0.45, -1, 0.85, -1, -1]);
    }

    [Fact]
    public void Phase_runs_are_the_consecutive_values_of_one_phase()
    {
        new ValueLayout(Names, Averaged).PhaseRuns.ToArray().ShouldBe([(Phase.Train, 2), (Phase.Eval, 2), (Phase.Train, 1)]);
    }

    [Fact]
    public void A_layout_holds_its_values_by_their_strings_phases_and_averages_only()
    {
        var layout = new ValueLayout(Names, Averaged);

        Enumerable.Range(0, Names.Length).ShouldAllBe(i => layout.Holds(i, Names[i].Name, Names[i].Phase, Averaged[i]));
        layout.Holds(1, Names[1].Name, Names[1].Phase, hasAverage: true).ShouldBeFalse();
        layout.Holds(1, Names[1].Name, Phase.Eval, Averaged[1]).ShouldBeFalse();
        layout.Holds(5, Names[4].Name, Names[4].Phase, Averaged[4]).ShouldBeFalse();
        layout.Holds(-1, Names[0].Name, Names[0].Phase, Averaged[0]).ShouldBeFalse();

        // Names are compared by reference: formats intern them, and a layout stands for the strings it was made with.
        layout.Holds(0, new string("loss".AsSpan()), Phase.Train, true).ShouldBeFalse();
    }

    [Fact]
    public void A_layout_needs_a_flag_per_value()
    {
        Should.Throw<ArgumentException>(() => new ValueLayout(Names, [true]));
        Should.Throw<ArgumentException>(() => new ValueLayout([], []));
    }
}
