using System.Text;
using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.TensorBoard;

/// <summary>
/// Turns a TensorBoard tag (UTF-8 bytes) into a metric name and phase, once per distinct tag: `Train/Loss` → (Loss,
/// train), `Val/Reward_Mean` → (Reward_Mean, eval), `perf/val_loss` → (perf/loss, eval); a tag without a phase word is
/// kept whole. Looking up a known tag allocates nothing.
/// </summary>
internal sealed class TagNames
{
    private readonly Utf8Lookup<TagName> _names = new(Split);

    public int Count => _names.Count;

    public TagName Get(ReadOnlySpan<byte> utf8Tag) => _names.Get(utf8Tag);

    /// <summary>Remembers the plugin the tag's first value named: TensorBoard writes metadata only with the first value.</summary>
    public void SetPlugin(ReadOnlySpan<byte> utf8Tag, ReadOnlySpan<byte> plugin)
    {
        var name = Get(utf8Tag);
        if (name.Plugin.Length == 0 && plugin.Length > 0)
        {
            _names.Set(name.Tag, name with { Plugin = Encoding.UTF8.GetString(plugin) });
        }
    }

    private static TagName Split(string tag)
    {
        var rest = MetricNaming.SplitPhase(tag.AsSpan(), Phase.Train, out var phase);
        if (rest.Length != tag.Length)
        {
            return new TagName(tag, rest.ToString(), phase, "");
        }

        // A group in front of a phase-named leaf (`perf/val_loss`): the phase word goes, the group stays.
        var slash = tag.LastIndexOf('/');
        if (slash > 0 && slash < tag.Length - 1)
        {
            var leaf = MetricNaming.SplitPhase(tag.AsSpan(slash + 1), Phase.Train, out phase);
            if (leaf.Length != tag.Length - slash - 1)
            {
                return new TagName(tag, string.Concat(tag.AsSpan(0, slash + 1), leaf), phase, "");
            }
        }

        return new TagName(tag, tag, Phase.Train, "");
    }
}

/// <summary>A tag, its metric name and phase, and the plugin that wrote it (empty when unknown).</summary>
internal readonly record struct TagName(string Tag, string Name, Phase Phase, string Plugin);
