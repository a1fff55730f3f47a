namespace Trainscope.Cli.Presentation;

/// <summary>Steps per second measured on this machine's clock over the last half minute (logs may carry no times).</summary>
internal sealed class RateMeter
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    private readonly Queue<(DateTime At, long Step)> _samples = new();

    public double? See(DateTime now, long? step)
    {
        if (step is long s && (_samples.Count == 0 || _samples.Last().Step != s))
        {
            _samples.Enqueue((now, s));
        }

        while (_samples.Count > 2 && now - _samples.Peek().At > Window)
        {
            _samples.Dequeue();
        }

        if (_samples.Count < 2)
        {
            return null;
        }

        var first = _samples.Peek();
        var seconds = (now - first.At).TotalSeconds;
        var steps = _samples.Last().Step - first.Step;
        return seconds > 0.5 && steps > 0 ? steps / seconds : null;
    }
}
