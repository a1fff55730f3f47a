using System.Globalization;
using Trainscope.Formats.JsonLines;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.JsonLines;

/// <summary>
/// A part of a JSON-lines file read on its own is joined to the reading before it only where its records are what
/// reading on gives: facts reported once, restarts, inferred epochs and held-back estimates span the cut.
/// </summary>
public class JsonLinesParserJoinTests
{
    private static readonly JsonLinesFormat Format = new();

    private static string Detr(int epoch, bool fact = true) => string.Create(CultureInfo.InvariantCulture,
        $"{{\"train_lr\": 0.0001, \"train_loss\": {10.0 / (epoch + 1):R}, \"test_loss\": {12.0 / (epoch + 1):R}, \"epoch\": {epoch}{(fact ? ", \"n_parameters\": 41302368" : "")}}}");

    [Fact]
    public void A_fact_printed_on_every_record_is_reported_once_and_every_cut_joins()
    {
        var lines = Enumerable.Range(0, 12).Select(e => Detr(e)).ToList();

        PartCuts.JoinedCuts(Format, lines).ShouldBe(Enumerable.Range(1, 11));
    }

    [Fact]
    public void A_part_that_meets_a_fact_first_is_not_joined_since_reading_on_reports_it()
    {
        var lines = Enumerable.Range(0, 12).Select(e => Detr(e, fact: e >= 5)).ToList();

        // Cut before the fact's first record or earlier, the part holds its report.
        PartCuts.JoinedCuts(Format, lines).ShouldBe(Enumerable.Range(6, 6));
    }

    [Fact]
    public void A_restart_right_at_a_cut_is_not_joined_and_one_inside_a_part_is()
    {
        var lines = Enumerable.Range(0, 8).Concat(Enumerable.Range(0, 8)).Select(e => Detr(e)).ToList();

        PartCuts.JoinedCuts(Format, lines).ShouldBe(Enumerable.Range(1, 15).Where(cut => cut != 8));
    }

    [Fact]
    public void Epochs_inferred_on_both_sides_of_a_cut_are_not_joined()
    {
        // DETR-R50's log.txt: no position key; the record's ordinal is the epoch.
        var lines = Enumerable.Range(0, 6)
            .Select(e => string.Create(CultureInfo.InvariantCulture, $"{{\"train_loss\": {1.0 / (e + 1):R}, \"test_loss\": {2.0 / (e + 1):R}}}"))
            .ToList();

        PartCuts.JoinedCuts(Format, lines).ShouldBeEmpty();
    }

    [Fact]
    public void Epochs_inferred_only_after_a_cut_are_joined()
    {
        var lines = Enumerable.Range(0, 4).Select(s => string.Create(CultureInfo.InvariantCulture, $"{{\"train_loss\": {1.0 / (s + 1):R}, \"step\": {s * 100}}}"))
            .Concat(Enumerable.Range(0, 4).Select(e => string.Create(CultureInfo.InvariantCulture, $"{{\"train_loss\": {1.0 / (e + 1):R}}}")))
            .ToList();

        PartCuts.JoinedCuts(Format, lines).ShouldBe([1, 2, 3, 4]);
    }

    [Fact]
    public void An_estimate_held_back_before_a_cut_is_reported_at_the_end_with_its_own_line()
    {
        // LLaMA-Factory's trainer_log.jsonl: `remaining_time` on the first records only.
        var lines = Enumerable.Range(1, 20).Select(step => Trainer(step, eta: step <= 7)).ToList();

        PartCuts.JoinedCuts(Format, lines).ShouldBe(Enumerable.Range(7, 13));
    }

    [Fact]
    public void Estimates_on_every_record_join_where_the_count_before_the_cut_had_just_been_reported()
    {
        var lines = Enumerable.Range(1, 130).Select(step => Trainer(step, eta: true)).ToList();

        // The first estimate is reported, then every fiftieth: a part's first is reported only after 50 or 100.
        PartCuts.JoinedCuts(Format, lines).ShouldBe([50, 100]);
    }

    private static string Trainer(int step, bool eta) => string.Create(CultureInfo.InvariantCulture,
        $"{{\"current_steps\": {step}, \"total_steps\": 6750, \"loss\": {2.0 / step:R}, \"lr\": 1e-05, \"epoch\": {step / 100.0:R}{(eta ? $", \"remaining_time\": \"5:{59 - step % 60:00}:13\"" : "")}}}");
}
