using Trainscope.Tests.Support;

namespace Trainscope.Tests.Analysis.Doctor;

public class OscillationRuleTests
{
    [Fact]
    public void Epoch_means_that_alternate_high_and_low_are_an_oscillation()
    {
        var random = new Random(8);
        var run = new RunBuilder();
        for (var epoch = 0; epoch < 24; epoch++)
        {
            run.Metric("loss", epoch < 4 ? 2 : (epoch % 2 == 0 ? 1.0 : 1.5) + (0.02 * TrainingCurves.Gaussian(random)), epoch * 10, epoch);
        }

        var finding = run.Findings().Single(f => f.Rule == "oscillation");

        finding.Message.ShouldContain("alternated");
        finding.Advice.ShouldContain("learning rate");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Noisy_flat_epoch_means_are_not_an_oscillation(int seed)
    {
        var random = new Random(seed);
        var run = new RunBuilder();
        for (var epoch = 0; epoch < 40; epoch++)
        {
            run.Metric("loss", 1 + (0.3 * TrainingCurves.Gaussian(random)), epoch * 10, epoch);
        }

        run.Findings().ShouldNotContain(f => f.Rule == "oscillation");
    }
}
