namespace Trainscope.Formats.Diagnostics;

/// <summary>Recognises the last line of a Python traceback: `RuntimeError: …`, `torch.distributed…ChildFailedError:`.</summary>
internal static class ExceptionLine
{
    /// <summary>
    /// True when <paramref name="body"/> starts with a (dotted) exception type ending in Error, Exception, Interrupt,
    /// Exit or Failure, followed by `:` or the end of the line. A bare `Error:` is too vague and is not taken.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> body, out ReadOnlySpan<byte> type, out ReadOnlySpan<byte> shortName, out ReadOnlySpan<byte> message)
    {
        type = default;
        shortName = default;
        message = default;
        var end = 0;
        while (end < body.Length && end < 200 && IsTypeByte(body[end]))
        {
            end++;
        }

        if (end == 0 || (end < body.Length && body[end] != (byte)':'))
        {
            return false;
        }

        type = body[..end];
        shortName = type[(type.LastIndexOf((byte)'.') + 1)..];
        if (shortName.IsEmpty || (uint)(shortName[0] - 'A') > 'Z' - 'A' || !HasExceptionSuffix(shortName))
        {
            return false;
        }

        message = end < body.Length ? body[(end + 1)..].Trim(" \t"u8) : default;
        return true;
    }

    private static bool HasExceptionSuffix(ReadOnlySpan<byte> name)
        => (name.EndsWith("Error"u8) && name.Length > 5) || (name.EndsWith("Exception"u8) && name.Length > 9)
            || name.EndsWith("Interrupt"u8) || name.SequenceEqual("SystemExit"u8) || (name.EndsWith("Failure"u8) && name.Length > 7);

    private static bool IsTypeByte(byte b)
        => (uint)((b | 0x20) - 'a') <= 'z' - 'a' || (uint)(b - '0') <= 9 || b == (byte)'_' || b == (byte)'.';
}
