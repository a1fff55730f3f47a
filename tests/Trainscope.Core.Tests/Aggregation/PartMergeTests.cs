using Trainscope.Aggregation;
using Trainscope.Records;

namespace Trainscope.Tests.Aggregation;

/// <summary>Parts folded apart and merged in order must aggregate exactly as the same records read in order.</summary>
public class PartMergeTests
{
    private static readonly SourceInfo Source = new(0, "/run.log", "run.log");

    public static TheoryData<int, int> Cuts() => new() { { 64, 1 }, { 64, 7 }, { 16, 40 }, { 4096, 13 } };

    [Theory]
    [MemberData(nameof(Cuts))]
    public void Parts_merged_in_order_aggregate_as_reading_in_order(int pointCapacity, int parts)
    {
        var records = Records(seed: parts, lines: 4_000);
        var inOrder = InOrder(records, pointCapacity);

        // Cut at random lines, so epochs span cuts (their sums must still come out as in order, to the last bit).
        var random = new Random(parts);
        var cuts = Enumerable.Range(0, parts - 1).Select(_ => random.Next(1, 4_000)).Distinct().Order().Append(int.MaxValue).ToArray();
        var merged = MergedInParts(records, pointCapacity, cuts);

        var a = merged.Build("run", "/run", []);
        var b = inOrder.Build("run", "/run", []);
        a.Series.Select(Describe).ShouldBe(b.Series.Select(Describe));
        a.Epochs.Select(Describe).ShouldBe(b.Epochs.Select(Describe));
        a.Ranks.Select(Describe).ShouldBe(b.Ranks.Select(Describe));
        a.Progress.ShouldBe(b.Progress);
        a.Events.Select(e => $"{e.Kind} {e.Name} {e.Line}").ShouldBe(b.Events.Select(e => $"{e.Kind} {e.Name} {e.Line}"));
        a.Finals.Select(f => $"{f.Name} {f.Value} {f.Line}").ShouldBe(b.Finals.Select(f => $"{f.Name} {f.Value} {f.Line}"));
        a.Series.Sum(s => s.Count).ShouldBeGreaterThan(10_000);
    }

    /// <summary>
    /// Long runs of lines of one shape (nine values: two groups of four merged side by side and one alone), as a
    /// MetricLogger or CSV log has: the series bucket their points early (small capacity), values fall and rise so
    /// extremes move, NaN and infinities sit in some rows, and epochs and rank changes span cuts.
    /// </summary>
    // Widths that are not a multiple of four merge their last columns in lanes that read past the row.
    [Theory]
    [InlineData(16, 3, 9)]
    [InlineData(64, 9, 9)]
    [InlineData(4096, 5, 9)]
    [InlineData(16, 4, 1)]
    [InlineData(64, 5, 2)]
    [InlineData(16, 6, 3)]
    [InlineData(64, 3, 6)]
    [InlineData(16, 7, 7)]
    public void Long_blocks_of_one_shape_merge_as_reading_in_order(int pointCapacity, int parts, int width)
    {
        var random = new Random(pointCapacity + parts + width);
        var names = Enumerable.Range(0, width).Select(i => $"m{i}").ToArray();
        var records = new List<Record>();
        for (var line = 1; line <= 12_000; line++)
        {
            var head = new MetricSample
            {
                Source = Source,
                Rank = line / 2_500 % 2 == 0 ? null : 1,
                Line = line,
                Offset = line * 100L,
                Timestamp = new DateTime(2026, 1, 5).AddSeconds(line * 2),
                Phase = Phase.Train,
                Kind = SampleKind.Point,
                Position = new Position { Epoch = line / 1_700, Iteration = line % 1_700, IterationsPerEpoch = 1_700 },
            };

            var values = names.Select((name, i) => new MetricValue(
                name,
                i == 8 ? Phase.Eval : Phase.Train,
                (line % 311, i % 6) switch
                {
                    (0, 2) or (7, 0) => double.NaN,
                    (1, 5) or (9, 1) => double.NegativeInfinity,
                    _ => Math.Sin(line / (50.0 + i)) * (i + 1) + random.NextDouble() - line * 1e-4,
                },
                i % 3 == 0 ? random.NextDouble() : null)).ToArray();
            records.Add(new Record(line, Values: (head, values)));
        }

        var inOrder = InOrder(records, pointCapacity);

        var cuts = Enumerable.Range(0, parts - 1).Select(_ => random.Next(1, 12_000)).Distinct().Order().Append(int.MaxValue).ToArray();
        var merged = MergedInParts(records, pointCapacity, cuts);

        var a = merged.Build("run", "/run", []);
        var b = inOrder.Build("run", "/run", []);
        a.Series.Select(Describe).ShouldBe(b.Series.Select(Describe));
        a.Epochs.Select(Describe).ShouldBe(b.Epochs.Select(Describe));
        a.Series.ShouldAllBe(s => pointCapacity > 1_000 || s.IsDownsampled);

        // The same lines as rows of one layout, a line of values among them now and then (it goes on the same block).
        var rows = MergedInParts(AsRows(records, everyNth: 7), pointCapacity, cuts).Build("run", "/run", []);
        rows.Series.Select(Describe).ShouldBe(b.Series.Select(Describe));
        rows.Epochs.Select(Describe).ShouldBe(b.Epochs.Select(Describe));
    }

    /// <summary>
    /// Lines that begin alike and part after a value with an average (`loss`, `lr (avg)`, then `acc` or `grad_norm`)
    /// share a layout's slots: each such line is found out while its row is filled, and its row taken back, averages
    /// included, before it begins a block of its own.
    /// </summary>
    [Fact]
    public void Lines_that_part_after_an_average_merge_as_reading_in_order()
    {
        var records = new List<Record>();
        var random = new Random(3);
        for (var line = 1; line <= 3_000; line++)
        {
            var head = new MetricSample
            {
                Source = Source, Line = line, Offset = line * 10L, Kind = SampleKind.Point, Phase = Phase.Train,
                Position = new Position { Epoch = line / 700, Step = line },
            };
            var last = line % 3 == 0 ? "grad_norm" : "acc";
            MetricValue[] values =
            [
                new("loss", Phase.Train, random.NextDouble()),
                new("lr", Phase.Train, random.NextDouble(), line % 5 == 0 ? null : random.NextDouble()),
                new(last, Phase.Train, random.NextDouble(), line % 2 == 0 ? random.NextDouble() : null),
            ];
            records.Add(new Record(line, Values: (head, values)));
        }

        var inOrder = InOrder(records, 64);
        // Parts of 500 lines, so blocks are recycled from one part to the next.
        var merged = MergedInParts(records, 64, [0, .. Enumerable.Range(1, 5).Select(k => k * 500), int.MaxValue]);

        var a = merged.Build("run", "/run", []);
        var b = inOrder.Build("run", "/run", []);
        a.Series.Select(Describe).ShouldBe(b.Series.Select(Describe));
        a.Epochs.Select(Describe).ShouldBe(b.Epochs.Select(Describe));
    }

    /// <summary>
    /// Lines handed over as rows of a layout (as a format that keeps one per family of lines does), mixed with lines of
    /// values and single samples, in parts and in order: the same as the values read in order. Layouts are shared by
    /// every line of one pattern, so a part's block takes most rows without matching names.
    /// </summary>
    [Theory]
    [InlineData(64, 1)]
    [InlineData(16, 7)]
    [InlineData(4096, 13)]
    public void Rows_of_layouts_merge_as_their_values_read_in_order(int pointCapacity, int parts)
    {
        var records = Records(seed: parts + 100, lines: 6_000);
        var asRows = AsRows(records, everyNth: 5);
        var inOrder = InOrder(records, pointCapacity);

        var random = new Random(parts);
        var cuts = Enumerable.Range(0, parts - 1).Select(_ => random.Next(1, 6_000)).Distinct().Order().Append(int.MaxValue).ToArray();
        var merged = MergedInParts(asRows, pointCapacity, cuts);
        var rowsInOrder = InOrder(asRows, pointCapacity);

        var expected = inOrder.Build("run", "/run", []);
        foreach (var built in new[] { merged.Build("run", "/run", []), rowsInOrder.Build("run", "/run", []) })
        {
            built.Series.Select(Describe).ShouldBe(expected.Series.Select(Describe));
            built.Epochs.Select(Describe).ShouldBe(expected.Epochs.Select(Describe));
            built.Ranks.Select(Describe).ShouldBe(expected.Ranks.Select(Describe));
            built.Progress.ShouldBe(expected.Progress);
        }

        asRows.Count(r => r.Row is not null).ShouldBeGreaterThan(3_000);
    }

    /// <summary>The records with every line of values but each <paramref name="everyNth"/>th turned into a row of the layout of its pattern.</summary>
    private static List<Record> AsRows(List<Record> records, int everyNth)
    {
        var layouts = new Dictionary<string, ValueLayout>();
        return [.. records.Select(record =>
        {
            if (record.Values is not var (head, values) || record.Number % everyNth == 0)
            {
                return record;
            }

            var key = string.Join(",", values.Select(v => $"{v.Name}/{v.Phase}/{v.Average is not null}"));
            if (!layouts.TryGetValue(key, out var layout))
            {
                layouts[key] = layout = new ValueLayout(values, values.Select(v => v.Average is not null).ToArray());
            }

            var cells = values.SelectMany(v => v.Average is double a ? new[] { v.Value, a } : [v.Value]).ToArray();
            return new Record(record.Number, Row: (head, layout, cells));
        })];
    }

    [Fact]
    public void A_part_whose_line_names_a_series_twice_is_refused()
    {
        var aggregator = new RunAggregator();
        var part = aggregator.StartPart();
        var head = new MetricSample { Source = Source, Line = 1, Kind = SampleKind.Point, Position = new Position { Epoch = 0 } };
        MetricValue[] values = [new("loss", Phase.Train, 1), new("lr", Phase.Train, 0.1), new("loss", Phase.Train, 2)];

        Should.Throw<PartRefusedException>(() => part.OnMetrics(head, values));

        aggregator.OnMetrics(head, values);
        var loss = aggregator.Build("run", "/run", []).Series.Single(s => s.Name == "loss");
        loss.Count.ShouldBe(2);
    }

    /// <summary>
    /// Lines of several shapes: steps, epochs alone, ordinals (no position), ranks, phases mixed in a line, NaN and
    /// infinities, epoch summaries, finals, events and ranked line activity.
    /// </summary>
    private static List<Record> Records(int seed, int lines)
    {
        var random = new Random(seed);
        var names = new[] { "loss", "lr", "acc", "epoch_seconds", "grad_norm" };
        var records = new List<Record>();
        for (var line = 1; line <= lines; line++)
        {
            var epoch = line / 300;
            var rank = line % 5 == 0 ? (int?)(line % 3) : null;
            var position = (line % 7) switch
            {
                0 => new Position { Epoch = epoch },
                1 => new Position(),
                _ => new Position { Epoch = epoch, Iteration = line % 300, IterationsPerEpoch = 300, Step = line % 6 == 0 ? null : line },
            };

            var head = new MetricSample
            {
                Source = Source,
                Rank = rank,
                Line = line,
                Offset = line * 100L,
                Timestamp = line % 13 == 0 ? null : new DateTime(2026, 1, 5).AddSeconds(line * 3 + random.Next(0, 5)),
                Phase = Phase.Train,
                Kind = SampleKind.Point,
                Position = position,
            };

            if (rank is not null)
            {
                records.Add(new Record(line, Activity: new LineActivity(Source, rank, line, head.Offset, head.Timestamp)));
            }

            switch (line % 97)
            {
                case 5:
                    records.Add(new Record(line, Event: new LogEvent { Kind = EventKind.Warning, Source = Source, Line = line, Text = "w", Rank = rank }));
                    continue;
                case 9:
                    records.Add(new Record(line, Single: head with { Kind = SampleKind.EpochMean, Name = "loss", Value = line % 10 }));
                    continue;
                case 11:
                    records.Add(new Record(line, Single: head with { Kind = SampleKind.Final, Name = "train_runtime", Value = line }));
                    continue;
                case 12:
                    records.Add(new Record(line, Single: head with { Name = "loss", Value = random.Next(0, 9) }));
                    continue;
            }

            var count = 2 + line % 4;
            var values = Enumerable.Range(0, count).Select(i => new MetricValue(
                names[(i + line / 1000) % names.Length],
                i == 3 ? Phase.Eval : Phase.Train,
                (line % 89, i) switch { (0, 0) => double.NaN, (1, 0) => double.PositiveInfinity, _ => random.NextDouble() * 3 + epoch },
                i == 1 ? random.NextDouble() : null)).ToArray();
            records.Add(new Record(line, Values: (head, values)));
        }

        return records;
    }

    private static RunAggregator InOrder(List<Record> records, int pointCapacity)
    {
        var inOrder = new RunAggregator(pointCapacity);
        foreach (var record in records)
        {
            record.Feed(inOrder, 0);
        }

        return inOrder;
    }

    /// <summary>The records read in order up to the first cut, then each stretch up to the next cut folded as a part and merged.</summary>
    private static RunAggregator MergedInParts(List<Record> records, int pointCapacity, int[] cuts)
    {
        var merged = new RunAggregator(pointCapacity);
        var before = 0L;
        var cut = 0;
        IRecordSink? part = null;
        foreach (var record in records)
        {
            if (record.Number > cuts[cut])
            {
                if (part is not null)
                {
                    merged.MergePart(part, before);
                }

                before = cuts[cut++];
                part = merged.StartPart();
            }

            record.Feed(part ?? merged, part is null ? 0 : before);
        }

        if (part is not null)
        {
            merged.MergePart(part, before);
        }

        return merged;
    }

    private static string Describe(SeriesSummary s)
        => $"{s.Key} n={s.Count} finite={s.FiniteCount} first={s.First} last={s.Last} min={s.Min} max={s.Max} nan={s.FirstNonFinite} "
            + $"mean={s.Mean:R} sd={s.StandardDeviation:R} axis={s.Axis} points={string.Join(";", s.Points().Select(p => $"{p} {p.Average} {p.Time:O} {p.Epoch}"))}";

    private static string Describe(EpochSummary e)
        => $"{e.Epoch} {e.Phase} {e.FirstTime:O} {e.LastTime:O} {e.Seconds} "
            + string.Join(";", e.Metrics.Select(m => $"{m.Key} {m.Value.Count} {m.Value.Sum:R} {m.Value.Min} {m.Value.Max} {m.Value.Mean:R}"));

    private static string Describe(RankSummary r)
        => $"{r.Rank} {r.Records} {r.Lines} {r.LastEpoch} {r.LastStep} {r.LastLine} {r.FirstTime:O} {r.LastTime:O} {r.LastEvent?.Line}";

    private sealed record Record(long Number, (MetricSample Head, MetricValue[] Values)? Values = null, MetricSample? Single = null,
        LogEvent? Event = null, LineActivity? Activity = null, (MetricSample Head, ValueLayout Layout, double[] Cells)? Row = null)
    {
        /// <summary>Hands the record to a sink with its line numbered as a part starting after <paramref name="before"/> lines sees it.</summary>
        public void Feed(IRecordSink sink, long before)
        {
            if (Values is var (head, values))
            {
                sink.OnMetrics(head with { Line = head.Line - before }, values);
            }
            else if (Row is var (rowHead, layout, cells))
            {
                sink.OnRow(rowHead with { Line = rowHead.Line - before }, layout, cells);
            }
            else if (Single is { } single)
            {
                sink.OnMetric(single with { Line = single.Line - before });
            }
            else if (Event is { } logEvent)
            {
                sink.OnEvent(logEvent.WithLine(logEvent.Line - before));
            }
            else if (Activity is { } activity)
            {
                sink.OnLine(activity with { Line = activity.Line - before });
            }
        }
    }
}
