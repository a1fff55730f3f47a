using System.Text;
using Trainscope.Formats.Text;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.Text;

public class LinePrefixCacheTests
{
    private const string Prefixed = "[rank0:INFO|misc.py:146] 2026-01-05 10:33:33,342 >> ";

    private static void ShouldMatchFullParse(LinePrefixCache cache, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var cached = cache.Parse(bytes);
        var full = LinePrefix.Parse(bytes);
        (cached.Rank, cached.Timestamp, cached.Level, cached.BodyStart).ShouldBe((full.Rank, full.Timestamp, full.Level, full.BodyStart), text);
    }

    [Fact]
    public void Repeated_prefixes_give_each_line_its_own_timestamp()
    {
        var cache = new LinePrefixCache();
        var first = cache.Parse(Encoding.UTF8.GetBytes(Prefixed + "Epoch: [0]  [0/2]  loss: 1"));
        var second = cache.Parse(Encoding.UTF8.GetBytes("[rank0:INFO|misc.py:146] 2026-01-05 10:34:01,007 >> Epoch: [0]  [1/2]  loss: 1"));

        first.Timestamp.ShouldBe(new DateTime(2026, 1, 5, 10, 33, 33, 342));
        second.Timestamp.ShouldBe(new DateTime(2026, 1, 5, 10, 34, 1, 7));
        second.Rank.ShouldBe(0);
        second.Level.ShouldBe(LogLevel.Info);
        second.BodyStart.ShouldBe(Prefixed.Length);
    }

    [Fact]
    public void Lines_that_differ_from_the_cached_shape_are_parsed_as_the_full_parser_does()
    {
        var cache = new LinePrefixCache();
        string[] lines =
        [
            Prefixed + "Epoch: [0]  [0/2]  loss: 1",
            Prefixed + "ERROR: something broke",
            Prefixed + " two spaces before the body",
            Prefixed + "[rank3]: a second tag",
            Prefixed + "WARNING:root:a python logging line",
            Prefixed + "[INFO|garbage] level in a bracket",
            "[rank1:INFO|misc.py:146] 2026-01-05 10:33:33,342 >> another rank",
            "[rank0:INFO|misc.py:146] 2026-13-05 10:33:33,342 >> an impossible month",
            "[rank0:INFO|misc.py:146] 2026-01-05 10:33:33,34 >> a shorter fraction",
            "[rank0:INFO|misc.py:146] 2026-01-05 10:33:33,342 >",
            "[rank0:INFO|misc.py:146] 2026-01-05 10:33:33,342 >> ",
            "2026-01-05 10:33:33,342 - INFO - plain logging",
            "2026-01-05 10:33:34,001 - INFO - plain logging again",
            "no prefix at all",
        ];

        foreach (var text in lines.Concat(lines).Concat(lines.Reverse()))
        {
            ShouldMatchFullParse(cache, text);
        }
    }

    [Fact]
    public void Every_fixture_line_and_damaged_copies_match_the_full_parser()
    {
        var cache = new LinePrefixCache();
        var random = new Random(11);
        var fixtures = Directory.GetFiles(TestPaths.Fixture(""), "*.log", SearchOption.AllDirectories);
        foreach (var text in fixtures.SelectMany(File.ReadAllLines))
        {
            ShouldMatchFullParse(cache, text);
            var chars = text.ToCharArray();
            if (chars.Length > 0)
            {
                chars[random.Next(Math.Min(chars.Length, 60))] = " :[]|>-0"[random.Next(8)];
                ShouldMatchFullParse(cache, new string(chars));
            }

            ShouldMatchFullParse(cache, text);
        }
    }

    [Fact]
    public void Every_corpus_line_matches_the_full_parser()
    {
        var cache = new LinePrefixCache();
        var files = Directory.GetFiles(TestPaths.Corpus(""), "*", SearchOption.AllDirectories);
        files.ShouldNotBeEmpty();
        foreach (var text in files.SelectMany(File.ReadAllLines))
        {
            ShouldMatchFullParse(cache, text);
        }
    }

    [Fact]
    public void A_repeated_date_with_a_new_clock_or_body_matches_the_full_parser()
    {
        var cache = new LinePrefixCache();
        string[] lines =
        [
            Prefixed + "Epoch: [0]  [0/2]  loss: 1",
            "[rank0:INFO|misc.py:146] 2026-01-05 23:59:59,999 >> Epoch: [0]  [1/2]  loss: 1",
            "[rank0:INFO|misc.py:146] 2026-01-05 23:59:60,500 >> a leap second runs into the next day",
            "[rank0:INFO|misc.py:146] 2026-01-06 00:00:00,001 >> the next day",
            "[rank0:INFO|misc.py:146] 2026-01-06 24:00:00,001 >> an hour out of range",
            "[rank0:INFO|misc.py:146] 2026-01-06 00:00:00.1234567891 >> many fraction digits",
            "[rank0:INFO|misc.py:146] 2026-01-06 00:00:00,00 >> fewer fraction digits",
            "[rank0:INFO|misc.py:146] 2026-01-06T00:00:00,001 >> a T between date and clock",
            "[rank0:INFO|misc.py:146] 2026-02-30 00:00:00,001 >> no such day",
            "[rank0:INFO|misc.py:146] 2026-01-06 00:00:00,001 >> INFO: a level word before a colon",
            "[rank0:INFO|misc.py:146] 2026-01-06 00:00:00,001 >> info:root:python logging",
            "[rank0:INFO|misc.py:146] 2026-01-06 00:00:00,001 >> Epoch: a colon at five",
            "[rank0:INFO|misc.py:146] 2026-01-06 00:00:00,001 >> DEBUGGING: not a level",
            "[rank0:INFO|misc.py:146] 2026-01-06 00:00:00,001 >> Fatal: a level in another case",
            "[rank0:INFO|misc.py:146] 2026-01-06 00:00:00,001 >> 12/21 21:00:41 a second timestamp",
            "[rank0:INFO|misc.py:146] 2026-01-06 00:00:00,001 >> ÉPOQUE: non-ASCII first",
            "[rank0:INFO|misc.py:146] 2026-01-06 00:00:00,001 >> x",
        ];

        foreach (var text in lines.Concat(lines).Concat(lines.Reverse()))
        {
            ShouldMatchFullParse(cache, text);
        }
    }
}
