using Trainscope.Tests.Support;

namespace Trainscope.Tests.Analysis.Doctor;

public class DataBottleneckRuleTests
{
    private static RunBuilder Timings(double data, double time, string dataName = "data", string timeName = "time")
    {
        var random = new Random(10);
        var run = new RunBuilder();
        for (var step = 0; step < 100; step++)
        {
            var noise = Math.Exp(0.1 * TrainingCurves.Gaussian(random));
            run.Metric(dataName, (step == 0 ? 5 : data) * noise, step).Metric(timeName, (step == 0 ? 6 : time) * noise, step);
        }

        return run;
    }

    [Fact]
    public void Data_loading_taking_most_of_each_iteration_is_a_bottleneck()
    {
        var finding = Timings(0.25, 0.3).Findings().Single(f => f.Rule == "data-bottleneck");

        finding.Message.ShouldContain("83%");
        finding.Advice.ShouldContain("num_workers");
    }

    [Fact]
    public void Data_time_against_iter_time_names_are_understood()
        => Timings(0.2, 0.3, "data_time", "iter_time").Findings().ShouldContain(f => f.Rule == "data-bottleneck");

    [Fact]
    public void A_slow_first_batch_with_fast_loading_after_is_not_a_bottleneck()
        => Timings(0.01, 0.3).Findings().ShouldNotContain(f => f.Rule == "data-bottleneck");
}
