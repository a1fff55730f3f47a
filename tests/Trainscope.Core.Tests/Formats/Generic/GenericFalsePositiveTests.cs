using Trainscope.Formats.Generic;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.Generic;

public class GenericFalsePositiveTests
{
    private static readonly GenericFormat Format = new();

    [Fact]
    public void Config_dumps_banners_tables_freezes_ids_and_tracebacks_give_no_metric()
    {
        var records = LineFeeder.FeedFile(Format, TestPaths.Fixture("generic/not_metrics.log"));

        records.Metrics.Select(m => $"{m.Line}: {m.Name}={m.Value}").ShouldBeEmpty();
    }

    public static TheoryData<string> Blocks =>
    [
        "Namespace(lr=20, epochs=5, batch_size=20, seed=1111, loss='ce')",
        "| N/A   31C    P0   116W / 700W |   2938MiB / 81559MiB |      0%      Default |",
        "|   0  NVIDIA H100 80GB HBM3    On | 00000000:19:00.0 Off |                    0 |",
        " Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.420",
        "  File \"/usr/lib/python3.10/site-packages/torch/nn/modules/module.py\", line 1501, in _call_impl",
        "torch==2.1.0",
        "MASTER_ADDR=10.0.0.1 on 2024-01-05 at 10:33:33 build 0x7f3a2c1b",
        "{'loss': 0.5, 'learning_rate': 1e-05, 'epoch': 0.5}",
        "Process rank: 0, device: cuda:0, n_gpu: 2",
        "/home/u/site-packages/transformers/tokenization_utils_base.py:2137: FutureWarning: deprecated",
        "                   all        220        431      0.501      0.437      0.415      0.181",
    ];

    [Theory]
    [MemberData(nameof(Blocks))]
    public void A_line_that_is_not_a_metric_stays_text_even_when_it_repeats(string line)
    {
        var records = LineFeeder.Feed(Format, string.Join('\n', Enumerable.Repeat(line, 4)));

        records.Metrics.ShouldBeEmpty();
    }

    [Fact]
    public void A_config_key_repeated_with_the_same_value_is_not_a_family()
    {
        var records = LineFeeder.Feed(Format, "  momentum: 0.9\n  depth: 50\n  momentum: 0.9\n  momentum: 0.9\n  momentum: 0.9");

        records.Metrics.ShouldBeEmpty();
    }

    [Fact]
    public void Prose_with_a_number_is_not_a_pair()
    {
        var text = string.Join('\n', Enumerable.Range(1, 4).Select(i => $"Saving model and optimizer state at {i}00 to ckpt.pt"));

        LineFeeder.Feed(Format, text).Metrics.ShouldBeEmpty();
    }
}
