using Trainscope.Analysis.Doctor;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Analysis.Doctor;

public class BudgetViolationRuleTests
{
    private static RunBuilder Violations(Func<int, double> at, int epochs = 30)
    {
        var run = new RunBuilder();
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            run.Metric("budget_violation_rate", at(epoch), epoch: epoch).Metric("latency_ms", 150 - epoch, epoch: epoch);
        }

        return run;
    }

    [Fact]
    public void A_violation_rate_above_half_for_25_epochs_is_a_budget_violation()
    {
        var finding = Violations(e => e <= 5 ? 0.4 : 0.6).Findings().Single(f => f.Rule == "budget-violation");

        finding.Message.ShouldContain("25 epochs");
        finding.Message.ShouldContain("0.5");
    }

    [Fact]
    public void A_violation_rate_that_falls_below_half_is_fine()
        => Violations(e => e <= 15 ? 0.6 : 0.3).Findings().ShouldNotContain(f => f.Rule == "budget-violation");

    [Fact]
    public void Latency_above_a_given_budget_is_a_budget_violation()
    {
        var options = DoctorOptions.Default.With("budget-violation.latency-budget", 100);

        Violations(_ => 0.1).Findings(options).Single(f => f.Rule == "budget-violation").Message.ShouldContain("budget of 100 ms");
    }
}
