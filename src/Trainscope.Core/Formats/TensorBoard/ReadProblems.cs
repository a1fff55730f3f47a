namespace Trainscope.Formats.TensorBoard;

/// <summary>Collects what went wrong while reading one file into one message: the first few, then a count.</summary>
internal sealed class ReadProblems
{
    private const int Kept = 3;
    private readonly List<string> _messages = [];
    private int _count;

    public void Add(string message)
    {
        _count++;
        if (_messages.Count < Kept)
        {
            _messages.Add(message);
        }
    }

    public string? Message => _count switch
    {
        0 => null,
        _ when _count <= Kept => string.Join("; ", _messages),
        _ => $"{string.Join("; ", _messages)}; and {_count - Kept} more",
    };
}
