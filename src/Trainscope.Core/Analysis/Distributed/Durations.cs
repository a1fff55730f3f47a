using System.Globalization;

namespace Trainscope.Analysis.Distributed;

/// <summary>Short human durations for messages (`45 s`, `12 min`, `3.5 h`).</summary>
public static class Durations
{
    public static string Text(double seconds) => seconds switch
    {
        < 90 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0} s"),
        < 90 * 60 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.#} h"),
    };

    public static string Ranks(IEnumerable<int> ranks)
    {
        var list = ranks.Order().ToArray();
        return (list.Length == 1 ? "rank " : "ranks ") + string.Join(", ", list);
    }
}
