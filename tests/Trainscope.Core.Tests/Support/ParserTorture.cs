using System.Text;
using Trainscope.Formats;
using Trainscope.Records;

namespace Trainscope.Tests.Support;

/// <summary>Feeds a parser every cut of every line of some fixtures (both halves) and fixed-seed random bytes.</summary>
public static class ParserTorture
{
    public static void CutsAndNoise(ILineParser parser, IEnumerable<string> fixturePaths, IRecordSink sink)
    {
        var source = new SourceInfo(0, "fuzz.log", "fuzz.log");
        long number = 0;
        foreach (var path in fixturePaths)
        {
            foreach (var text in File.ReadAllText(path).Split('\n', '\r'))
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                for (var cut = 0; cut <= bytes.Length; cut++)
                {
                    parser.TryParse(new LogLine(bytes.AsSpan(0, cut), ++number, 0, source), sink);
                    parser.TryParse(new LogLine(bytes.AsSpan(cut), number, 0, source), sink);
                }
            }
        }

        var random = new Random(20240501);
        for (var i = 0; i < 5000; i++)
        {
            var noise = new byte[random.Next(0, 200)];
            random.NextBytes(noise);
            parser.TryParse(new LogLine(noise, ++number, 0, source), sink);
        }

        parser.Complete(sink);
    }
}
