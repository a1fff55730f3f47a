using System.Globalization;
using System.Text;
using Trainscope.Formats;
using Trainscope.Formats.JsonLines;
using Trainscope.Formats.PythonDict;
using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Tests.Formats.PythonDict;

/// <summary>Lines read through a cached key layout give exactly what the general reader alone gives.</summary>
public class PythonDictLayoutTests
{
    public static TheoryData<string, string[]> Logs => new()
    {
        { "same keys, values change", [
            "{'loss': 2.7711, 'grad_norm': 1.212488, 'learning_rate': 9.999999e-05, 'epoch': 0.00}",
            "{'loss': 2.166, 'grad_norm': 2.955141, 'learning_rate': 9.99999e-05, 'epoch': 0.01}",
            "{'loss': -0.0, 'grad_norm': 12345678901234567.5, 'learning_rate': 1E+3, 'epoch': 0.02}",
            "{'loss': +1.5, 'grad_norm': 1., 'learning_rate': .5, 'epoch': 1e-400}",
            "{'loss': 3, 'grad_norm': 0.1, 'learning_rate': 1e-30, 'epoch': 2}",
        ] },
        { "keys change between lines", [
            "{'loss': 2.5, 'grad_norm': 1.2, 'learning_rate': 1e-04, 'epoch': 0.1}",
            "{'eval_loss': 1.98, 'eval_runtime': 3.2, 'eval_samples_per_second': 10.5, 'epoch': 0.1}",
            "{'loss': 2.4, 'learning_rate': 1e-04, 'epoch': 0.2}",
            "{'loss': 2.3, 'grad_norm': 1.1, 'learning_rate': 1e-04, 'epoch': 0.3}",
            "{'eval_g0_loss': 2.5, 'eval_g0_accuracy': 0.71, 'epoch': 0.3}",
            "{'predict_loss': 2.5, 'test_accuracy': 0.7, 'epoch': 0.3}",
            "{'coco/bbox_mAP': 0.4, 'epoch': 3}",
            "{'train_runtime': 3600.5, 'train_samples_per_second': 50.1, 'train_loss': 2.1, 'epoch': 3.0}",
            "{'loss': 2.2, 'grad_norm': 1.0, 'learning_rate': 1e-04, 'epoch': 0.4}",
        ] },
        { "values the layout does not read", [
            "{'loss': 2.5, 'grad_norm': 1.2, 'epoch': 0.1}",
            "{'loss': 2.5, 'grad_norm': nan, 'epoch': 0.2}",
            "{'loss': inf, 'grad_norm': -inf, 'epoch': 0.3}",
            "{'loss': 2.5, 'grad_norm': None, 'epoch': 0.4}",
            "{'loss': 2.5, 'grad_norm': 'high', 'epoch': 0.5}",
            "{'loss': 2.5, 'grad_norm': {'a': 1}, 'epoch': 0.6}",
            "{'loss': 2.5, 'grad_norm': tensor(0.5, device='cuda:0'), 'epoch': 0.7}",
            "{'loss': 2.5, 'grad_norm': [1.0, 2.0], 'epoch': 0.8}",
            "{'loss': 2.5, 'grad_norm': 1,234, 'epoch': 0.9}",
            "{'loss': 2.5, 'grad_norm': True, 'epoch': 1.0}",
            "{'loss': 2.5, 'grad_norm': 1.2, 'epoch': 1.1}",
        ] },
        { "spaces and quotes", [
            "{'loss':2.5,'epoch':0.1}",
            "{'loss': 2.5, 'epoch': 0.2}",
            "{ 'loss' : 2.5 , 'epoch' : 0.3 , }",
            "{'loss': 2.5, 'epoch': 0.4}   \t",
            "{\"loss\": 2.5, \"epoch\": 0.5}",
            "{'loss': 2.5 'epoch': 0.6}",
            "{'loss': 2.5,, 'epoch': 0.7}",
            "{'lo\\'ss': 2.5, 'epoch': 0.8}",
            "{'loss': 2.5, 'epoch': 0.9}",
        ] },
        { "truncated lines", [
            "{'loss': 2.5, 'epoch': 0.1}",
            "{'loss': 2.5, 'epo",
            "{'loss': 2.5, 'epoch': 0.2",
            "{'loss': 2.5, 'epoch': 0.3}}",
            "{'loss': 2.5, 'epoch': }",
            "{'loss': 2.5, 'epoch': 0.4}",
        ] },
        { "non-ASCII keys", [
            "{'损失': 1.5, 'epoch': 0.1}",
            "{'损失': 1.4, 'epoch': 0.2}",
            "{'eval_精度': 0.5, 'epoch': 0.2}",
            "{'loss': 1.3, 'épоch': 0.3}",
            "{'lo\u00ffss': 1.2, 'epoch': 0.4}",
        ] },
        { "restarts across both readers", [
            "{'loss': 2.5, 'epoch': 0.5}",
            "{'loss': 2.4, 'epoch': 0.6}",
            "{'loss': 2.3, 'note': 'x', 'epoch': 0.7}",
            "{'loss': 2.2, 'epoch': 0.65}",
            "{'loss': 2.1, 'epoch': 0.66}",
            "{'loss': 2.0, 'note': 'x', 'epoch': 0.3}",
            "{'loss': 1.9, 'epoch': 2}",
            "{'loss': 1.8, 'epoch': 1}",
            "{'loss': 1.7, 'note': 'x', 'epoch': 0.9}",
            "{'loss': 1.6, 'epoch': 0.8}",
            "{'loss': 1.6, 'epoch': 0}",
            "{'loss': 1.5, 'note': 'x', 'epoch': 3}",
            "{'loss': 1.4, 'epoch': 2}",
            "{'loss': 1.3, 'epoch': -1}",
            "{'loss': 1.2, 'epoch': nan}",
        ] },
        { "keys with meaning", [
            "{'loss': 2.5, 'epoch': 0.1}",
            "{'loss': 2.5, 'step': 10, 'epoch': 0.1}",
            "{'loss': 2.5, 'n_parameters': 1000, 'epoch': 0.2}",
            "{'loss': 2.5, 'n_parameters': 1000, 'epoch': 0.3}",
            "{'loss': 2.5, 'epoch': 0.4, 'epoch': 0.5}",
            "{'loss': 2.5, 'eta': 100, 'epoch': 0.6}",
            "{'loss': 2.5, 'time': '2024-11-26 22:09:01', 'epoch': 0.7}",
            "{'loss': 2.5, 'train_runtime': 10, 'epoch': 0.8}",
            "{'loss': 2.5, 'epoch': 0.9}",
            "{}",
            "{'loss': 2.5}",
        ] },
        { "prefixes", [
            "[INFO|2024-11-26 22:09:01] logging.py:157 >> {'loss': 2.5, 'epoch': 0.1}",
            "[rank1]: {'loss': 2.4, 'epoch': 0.2}",
            " 10%|█         | 10/100 [00:20<03:00, 20.82s/it]{'loss': 2.3, 'epoch': 0.3}",
            "[1757] {'loss': 2.2, 'epoch': 0.4}",
            "Updated tokens: {'loss': 2.1, 'epoch': 0.5}.",
            "{'loss': 2.0, 'epoch': 0.6}",
        ] },
    };

    [Theory]
    [MemberData(nameof(Logs))]
    public void Gives_what_the_general_reader_gives(string log, string[] lines)
    {
        var expected = Read(new GeneralDictParser(), lines);

        var actual = Read(new PythonDictFormat().CreateParser(), lines);

        expected.ShouldNotBeEmpty(log);
        actual.ShouldBe(expected, log);
    }

    [Fact]
    public void Layouts_beyond_the_cache_size_still_read_alike()
    {
        var lines = Enumerable.Range(0, 60).Select(i => $"{{'m{i % 12}_loss': {i}.5, 'epoch': {60 - i}.25}}").ToArray();

        Read(new PythonDictFormat().CreateParser(), lines).ShouldBe(Read(new GeneralDictParser(), lines));
    }

    [Fact]
    public void Random_values_read_through_a_layout_as_the_general_reader_reads_them()
    {
        var random = new Random(17);
        string[] odd = ["1.5x", "1e5_0", "2.5.3", "1e", "1e+", "+1.5", ".5", "1.", "nan", "-inf", "1e-400", "1e0001",
            "9007199254740993", "0.30000000000000004", "-0.0", "4.9e-324", "1,234", "None", "1.5e-05e", "0x10", ""];
        string Value() => random.Next(5) switch
        {
            0 => odd[random.Next(odd.Length)],
            1 => (random.NextDouble() * 1e-4).ToString("G7", CultureInfo.InvariantCulture),
            2 => random.Next(0, 100).ToString(CultureInfo.InvariantCulture),
            _ => (random.NextDouble() * 3).ToString("F" + random.Next(0, 18), CultureInfo.InvariantCulture),
        };

        var lines = Enumerable.Range(0, 3000).Select(i => i % 50 == 49
            ? $"{{'eval_loss': {Value()}, 'eval_runtime': {Value()}, 'epoch': {Value()}}}"
            : $"{{'loss': {Value()}, 'grad_norm': {Value()}, 'learning_rate': {Value()}, 'epoch': {Value()}}}").ToArray();

        Read(new PythonDictFormat().CreateParser(), lines).ShouldBe(Read(new GeneralDictParser(), lines));
    }

    private static List<string> Read(ILineParser parser, string[] lines)
    {
        var source = new SourceInfo(0, "test.log", "test.log");
        var sink = new RecordCollector();
        var found = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var accepted = parser.TryParse(new LogLine(Encoding.UTF8.GetBytes(lines[i]), i + 1, i * 100, source), sink);
            found.Add($"line {i + 1}: {accepted}");
        }

        parser.Complete(sink);
        found.AddRange(sink.Metrics.Select(m => string.Create(CultureInfo.InvariantCulture,
            $"metric {m.Line}@{m.Offset} {m.Name} {m.Phase} {m.Kind} {m.Value:R} rank={m.Rank} time={m.Timestamp:O} epoch={m.Position.Epoch} fraction={m.Position.EpochFraction:R} step={m.Position.Step} steps={m.Position.Steps} epochs={m.Position.Epochs} iter={m.Position.Iteration}")));
        found.AddRange(sink.Events.Select(e => string.Create(CultureInfo.InvariantCulture,
            $"event {e.Line} {e.Kind} {e.Name} {e.Value:R} {e.Text} epoch={e.Position.Epoch} fraction={e.Position.EpochFraction:R} step={e.Position.Step}")));
        return found;
    }

    /// <summary>The reader without layouts: every line goes through <see cref="PythonDictReader"/> and <see cref="LoggedRecord"/>.</summary>
    private sealed class GeneralDictParser : ILineParser
    {
        private readonly LoggedRecord _record = new();

        public bool TryParse(in LogLine line, IRecordSink sink)
        {
            var text = line.Text;
            var prefix = LinePrefix.Parse(text);
            if (text.IndexOf((byte)'{') < 0 || !PythonDictReader.TryLocate(text[prefix.BodyStart..], out var dict))
            {
                return false;
            }

            _record.Begin();
            if (!PythonDictReader.TryRead(dict, _record))
            {
                return false;
            }

            _record.Emit(new RecordOrigin(line.Source, prefix.Rank ?? line.Source.Rank, line.Number, line.Offset, prefix.Timestamp), text, sink);
            return true;
        }

        public void Complete(IRecordSink sink) => _record.Complete(sink);
    }
}
