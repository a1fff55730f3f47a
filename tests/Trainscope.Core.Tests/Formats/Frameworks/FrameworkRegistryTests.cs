using System.Text;
using Trainscope.Formats;
using Trainscope.Formats.Frameworks;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.Frameworks;

public class FrameworkRegistryTests
{
    [Fact]
    public void Every_framework_format_is_registered_once_by_name()
    {
        FormatRegistry.Find("keras").ShouldBeOfType<KerasFormat>();
        FormatRegistry.Find("detectron2").ShouldBeOfType<Detectron2Format>();
        FormatRegistry.Find("megatron").ShouldBeOfType<MegatronFormat>();
        FormatRegistry.Find("nanogpt").ShouldBeOfType<NanoGptFormat>();
        FormatRegistry.Find("mmengine").ShouldBeOfType<MmengineFormat>();
        FormatRegistry.Find("lightning").ShouldBeOfType<LightningFormat>();
        FormatRegistry.Find("ultralytics").ShouldBeOfType<UltralyticsFormat>();
        FormatRegistry.Find("olmo").ShouldBeOfType<OlmoFormat>();
        FormatRegistry.LineFormats.Select(f => f.Name).ShouldBeUnique();
    }

    [Fact]
    public void Every_framework_parser_reads_every_corpus_text_file_without_throwing()
    {
        var corpus = TestPaths.Corpus("");
        var files = Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("tfevents", StringComparison.Ordinal) && !f.EndsWith(".md", StringComparison.Ordinal))
            .ToList();
        files.Count.ShouldBeGreaterThan(20);
        var source = new SourceInfo(0, "corpus", "corpus");
        foreach (var format in FormatRegistry.LineFormats.Where(f => f.GetType().Namespace == typeof(KerasFormat).Namespace))
        {
            var parser = format.CreateParser();
            var sink = new RecordCollector();
            long number = 0;
            foreach (var file in files)
            {
                foreach (var line in File.ReadLines(file).Take(3000))
                {
                    foreach (var part in line.Split('\r'))
                    {
                        parser.TryParse(new LogLine(Encoding.UTF8.GetBytes(part), ++number, 0, source), sink);
                    }
                }
            }

            parser.Complete(sink);
            sink.Metrics.ShouldAllBe(m => !string.IsNullOrEmpty(m.Name), format.Name);
        }
    }
}
