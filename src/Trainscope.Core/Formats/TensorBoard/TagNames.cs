using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.TensorBoard;

/// <summary>
/// Turns a TensorBoard tag into a metric name and phase, once per distinct tag: `Train/Loss` → (Loss, train),
/// `Val/Reward_Mean` → (Reward_Mean, eval), `perf/val_loss` → (perf/loss, eval); a tag without a phase word is kept whole.
/// </summary>
internal sealed class TagNames
{
    private readonly Dictionary<string, TagName> _names = new(StringComparer.Ordinal);

    public int Count => _names.Count;

    public TagName Get(string tag)
    {
        if (!_names.TryGetValue(tag, out var name))
        {
            name = Split(tag);
            _names[tag] = name;
        }

        return name;
    }

    /// <summary>The plugin that the tag's first value named; TensorBoard writes metadata only with the first value.</summary>
    public void SetPlugin(string tag, string plugin)
    {
        var name = Get(tag);
        if (name.Plugin.Length == 0 && plugin.Length > 0)
        {
            _names[tag] = name with { Plugin = plugin };
        }
    }

    private static TagName Split(string tag)
    {
        var rest = MetricNaming.SplitPhase(tag.AsSpan(), Phase.Train, out var phase);
        if (rest.Length != tag.Length)
        {
            return new TagName(rest.ToString(), phase, "");
        }

        // A group in front of a phase-named leaf (`perf/val_loss`): the phase word goes, the group stays.
        var slash = tag.LastIndexOf('/');
        if (slash > 0 && slash < tag.Length - 1)
        {
            var leaf = MetricNaming.SplitPhase(tag.AsSpan(slash + 1), Phase.Train, out phase);
            if (leaf.Length != tag.Length - slash - 1)
            {
                return new TagName(string.Concat(tag.AsSpan(0, slash + 1), leaf), phase, "");
            }
        }

        return new TagName(tag, Phase.Train, "");
    }
}

/// <summary>A tag's metric name, phase, and the plugin that wrote it (empty when unknown).</summary>
internal readonly record struct TagName(string Name, Phase Phase, string Plugin);
