using System.Text;
using Trainscope.Formats;
using Trainscope.Formats.Csv;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.Csv;

public class CsvHistorySniffTests
{
    private static readonly CsvHistoryFormat Format = new();

    private static double Sniff(string text, string name = "metrics.csv")
        => Format.Sniff(new FileSample(name, Encoding.UTF8.GetBytes(text), true));

    private static double SniffFixture(string relative)
    {
        var path = TestPaths.Fixture("csv/" + relative);
        return Format.Sniff(new FileSample(Path.GetFileName(path), File.ReadAllBytes(path), true));
    }

    [Theory]
    [InlineData("seed001/training_history.csv")]
    [InlineData("seed002/epoch_metrics_20240101_120000.csv")]
    [InlineData("keras/training.log")]
    [InlineData("lightning_sparse_metrics.csv")]
    [InlineData("ultralytics_padded_results.csv")]
    [InlineData("headerless_metrics_val.csv")]
    [InlineData("junk_rows.csv")]
    public void Every_fixture_is_recognised_with_confidence(string fixture)
        => SniffFixture(fixture).ShouldBeGreaterThanOrEqualTo(0.5);

    [Fact]
    public void A_csv_named_log_with_a_header_is_as_sure_as_a_csv()
        => Sniff("epoch,loss,val_loss\n0,1.0,1.1\n1,0.9,1.0\n", "training.log").ShouldBeGreaterThanOrEqualTo(0.9);

    [Fact]
    public void A_header_alone_is_a_csv_that_has_just_started()
    {
        Sniff("epoch,loss,val_loss\n").ShouldBeInRange(0.5, 0.7);
        Sniff("epoch,loss,val_loss\n", "training.log").ShouldBeGreaterThanOrEqualTo(0.3);
    }

    [Theory]
    [InlineData("2026-01-05 10:00:00,123 - INFO - Epoch 1, loss 0.5\n2026-01-05 10:00:01,456 - INFO - Epoch 2, loss 0.4\n")]
    [InlineData("Namespace(lr=0.1, epochs=10)\nEpoch: [0]  [  0/128]  eta: 0:12:43  lr: 0.000100  loss: 68.5848 (68.5848)\n")]
    [InlineData("{'loss': 2.0491, 'learning_rate': 0.0001961913563176343, 'epoch': 0.28}\n{'loss': 1.9, 'epoch': 0.3}\n")]
    [InlineData("{\"train_lr\": 9.9e-05, \"train_loss\": 0.5, \"epoch\": 0}\n{\"train_lr\": 9.9e-05, \"train_loss\": 0.4, \"epoch\": 1}\n")]
    [InlineData("hello, world\nthis, is, prose\n")]
    [InlineData("Epoch [1/200] - 进度 0.0% (0/171) - Batch Loss: 0.523415 - LR: 0.00100000\n")]
    public void Ordinary_logs_with_commas_are_not_claimed(string text)
        => Sniff(text, "train.log").ShouldBe(0);

    [Fact]
    public void Two_number_columns_outside_a_csv_name_are_weak_evidence()
    {
        Sniff("1,2\n3,4\n5,6\n", "out.log").ShouldBeLessThan(0.3);
        Sniff("1,2\n3,4\n5,6\n", "out.csv").ShouldBeGreaterThan(0.5);
    }

    [Fact]
    public void A_header_whose_rows_do_not_match_it_is_doubted()
        => Sniff("epoch,loss,acc\n1,2\n3\n4,5\n6,7,8\n").ShouldBeLessThan(0.3);
}
