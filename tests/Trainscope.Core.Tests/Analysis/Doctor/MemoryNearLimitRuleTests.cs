using Trainscope.Analysis.Doctor;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Analysis.Doctor;

public class MemoryNearLimitRuleTests
{
    private static RunBuilder PeakMemory(double mb, string? gpu = null)
    {
        var run = new RunBuilder();
        if (gpu is not null)
        {
            run.Event(EventKind.RunInfo, "gpu", $"GPU 0: {gpu}", attributes: new Dictionary<string, string> { ["name"] = gpu });
        }

        for (var step = 0; step < 10; step++)
        {
            run.Metric("max mem", mb * (step + 1) / 10, step);
        }

        return run;
    }

    [Fact]
    public void Peak_memory_above_90_percent_of_a_known_gpu_is_near_the_limit()
    {
        var finding = PeakMemory(38_000, "NVIDIA A100-SXM4-40GB").Findings().Single(f => f.Rule == "memory-near-limit");

        finding.Message.ShouldContain("93%");
        finding.Message.ShouldContain("A100");
        finding.FromStep.ShouldBe(9);
    }

    [Fact]
    public void The_same_peak_on_an_80GB_gpu_is_fine()
        => PeakMemory(38_000, "NVIDIA A100-SXM4-80GB").Findings().ShouldNotContain(f => f.Rule == "memory-near-limit");

    [Fact]
    public void The_gpu_memory_option_wins_over_the_log()
    {
        var options = DoctorOptions.Default with { GpuMemoryMb = 40_000 };

        PeakMemory(38_000, "NVIDIA H100 80GB HBM3").Findings(options).ShouldContain(f => f.Rule == "memory-near-limit");
    }

    [Fact]
    public void The_capacity_in_an_out_of_memory_message_is_used_when_the_gpu_is_not_named()
    {
        var run = PeakMemory(11_500).Event(EventKind.OutOfMemory, "cuda-oom", "CUDA out of memory (GPU 0; 12.00 GiB total capacity)",
            attributes: new Dictionary<string, string> { ["gpu_total"] = "12.00 GiB" });

        run.Findings().Single(f => f.Rule == "memory-near-limit").Message.ShouldContain("12288 MB");
    }

    [Fact]
    public void Without_a_known_gpu_nothing_is_said()
        => PeakMemory(38_000).Findings().ShouldNotContain(f => f.Rule == "memory-near-limit");

    [Theory]
    [InlineData("NVIDIA A100-SXM4-80GB", 80)]
    [InlineData("NVIDIA A100-PCIE-40GB", 40)]
    [InlineData("NVIDIA H100 80GB HBM3", 80)]
    [InlineData("Tesla V100-SXM2-16GB", 16)]
    [InlineData("Tesla V100-SXM2-32GB", 32)]
    [InlineData("NVIDIA A10", 24)]
    [InlineData("NVIDIA L4", 24)]
    [InlineData("NVIDIA L40S", 48)]
    [InlineData("Tesla T4", 16)]
    [InlineData("NVIDIA GeForce RTX 3090", 24)]
    [InlineData("NVIDIA GeForce RTX 4090", 24)]
    public void Known_gpu_names_give_their_memory(string name, double gib)
        => GpuMemoryTable.MegabytesOf(name).ShouldBe(gib * 1024);

    [Fact]
    public void An_unknown_gpu_name_gives_no_memory()
        => GpuMemoryTable.MegabytesOf("NVIDIA Quantum Q9").ShouldBeNull();

    [Theory]
    [InlineData("80GB", 80 * 1024)]
    [InlineData("80 GiB", 80 * 1024)]
    [InlineData("24g", 24 * 1024)]
    [InlineData("40960MB", 40960)]
    [InlineData("16", 16 * 1024)]
    public void Sizes_are_read_in_megabytes(string text, double mb)
        => GpuMemoryTable.ParseSize(text).ShouldBe(mb);

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("-4GB")]
    public void Unreadable_sizes_give_null(string text)
        => GpuMemoryTable.ParseSize(text).ShouldBeNull();
}
