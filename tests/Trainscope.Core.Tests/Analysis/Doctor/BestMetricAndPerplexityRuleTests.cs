using Trainscope.Analysis;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Analysis.Doctor;

public class BestMetricAndPerplexityRuleTests
{
    [Fact]
    public void The_best_eval_accuracy_is_the_highest_with_its_step()
    {
        var run = new RunBuilder();
        double[] accuracy = [40, 55, 61, 60, 58];
        for (var i = 0; i < accuracy.Length; i++)
        {
            run.Metric("acc1", accuracy[i], step: (i + 1) * 100, phase: Phase.Eval);
        }

        var finding = run.Findings().Single(f => f.Rule == "best-metric");

        finding.Severity.ShouldBe(Severity.Info);
        finding.FromStep.ShouldBe(300);
        finding.Message.ShouldContain("61");
    }

    [Fact]
    public void The_best_eval_loss_is_the_lowest()
    {
        var run = new RunBuilder();
        double[] loss = [2.5, 2.1, 2.2];
        for (var i = 0; i < loss.Length; i++)
        {
            run.Metric("loss", loss[i], step: (i + 1) * 200, phase: Phase.Eval);
        }

        run.Findings().Single(f => f.Rule == "best-metric").FromStep.ShouldBe(400);
    }

    [Fact]
    public void A_language_model_eval_loss_gives_its_perplexity()
    {
        var run = new RunBuilder().Event(EventKind.RunInfo, "max_length", "max_length = 2048", value: 2048);
        double[] loss = [3.0, 2.5, 2.3];
        for (var i = 0; i < loss.Length; i++)
        {
            run.Metric("loss", loss[i], step: (i + 1) * 200, phase: Phase.Eval);
        }

        var finding = run.Findings().Single(f => f.Rule == "perplexity");

        finding.Message.ShouldContain(Math.Exp(2.3).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void An_image_classifier_eval_loss_gives_no_perplexity()
    {
        var run = new RunBuilder();
        for (var i = 0; i < 3; i++)
        {
            run.Metric("loss", 1.0 - (i * 0.1), step: (i + 1) * 200, phase: Phase.Eval).Metric("acc1", 50 + i, step: (i + 1) * 200, phase: Phase.Eval);
        }

        run.Findings().ShouldNotContain(f => f.Rule == "perplexity");
    }
}
