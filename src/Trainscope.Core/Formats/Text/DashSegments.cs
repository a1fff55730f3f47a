namespace Trainscope.Formats.Text;

/// <summary>
/// The ` - `-separated fields of a line (`Epoch [1/200] - 进度 0.0% (0/171) - Batch Loss: …`, Keras's
/// `… - 5s 2ms/step - loss: 0.29 - accuracy: 0.91`), trimmed; empty fields and lone dashes are skipped.
/// </summary>
public ref struct DashSegments
{
    private ReadOnlySpan<byte> _rest;

    public DashSegments(ReadOnlySpan<byte> rest)
    {
        _rest = rest;
        Current = default;
    }

    public ReadOnlySpan<byte> Current { get; private set; }

    public readonly DashSegments GetEnumerator() => this;

    public bool MoveNext()
    {
        while (!_rest.IsEmpty)
        {
            var sep = _rest.IndexOf(" - "u8);
            Current = SpanFields.TrimSpaces(sep < 0 ? _rest : _rest[..sep]);
            _rest = sep < 0 ? default : _rest[(sep + 3)..];
            if (!Current.IsEmpty && !Current.SequenceEqual("-"u8))
            {
                return true;
            }
        }

        return false;
    }
}
