namespace Trainscope.Reading;

/// <summary>What <see cref="LineCleaner"/> decided about a raw line.</summary>
public enum LineStatus : byte
{
    /// <summary>Readable text (possibly cleaned).</summary>
    Text,

    /// <summary>Empty after cleaning (blank, or only escapes); nothing to parse or count.</summary>
    Empty,

    /// <summary>Only NUL bytes: the filler a crash or preallocation leaves in a log.</summary>
    Nul,

    /// <summary>Mostly control or invalid bytes: binary data, not text.</summary>
    Binary,
}
