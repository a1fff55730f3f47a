using Trainscope.Analysis;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Analysis.Doctor;

public class OomRuleTests
{
    [Fact]
    public void A_cuda_out_of_memory_event_is_an_error_after_the_last_logged_step()
    {
        var run = new RunBuilder();
        for (var step = 0; step < 372; step++)
        {
            run.Metric("loss", 1, step);
        }

        run.Event(EventKind.OutOfMemory, "cuda-oom", "RuntimeError: CUDA out of memory. Tried to allocate 100.00 MiB", value: 100 / 1024.0,
            attributes: new Dictionary<string, string> { ["gpu_total"] = "12.00 GiB" });
        run.Event(EventKind.OutOfMemory, "cuda-oom", "torch.OutOfMemoryError: CUDA out of memory.");

        var finding = run.Findings().Single(f => f.Rule == "oom");

        finding.Severity.ShouldBe(Severity.Error);
        finding.FromStep.ShouldBe(371);
        finding.Message.ShouldContain("0.0977 GiB");
        finding.Message.ShouldContain("12.00 GiB");
        finding.Message.ShouldContain("2 out-of-memory messages");
        finding.Evidence.Count.ShouldBe(2);
    }

    [Fact]
    public void No_oom_event_no_finding()
        => TrainingCurves.HealthyRun(1).Findings().ShouldNotContain(f => f.Rule == "oom");
}
