using Trainscope.Records;

namespace Trainscope.Formats.Csv;

/// <summary>
/// Reads a CSV history line by line: the file's first line decides whether it is a header, a header-less numeric row or
/// not a CSV at all (then every later line is refused at once, so ordinary logs with commas cost nothing). Rows become
/// one sample per numeric metric cell, positioned by the header's epoch/step columns.
/// </summary>
internal sealed class CsvHistoryParser : ILineParser
{
    /// <summary>A header (or first row) must be one of the file's first lines; past them an undecided parser gives up.</summary>
    public const long FirstLineLimit = 5;

    private State _state;
    private byte _separator;
    private Phase _filePhase;
    private string? _valueName;
    private CsvRow _row = new([]);
    private bool _headerReplaced;

    private enum State : byte
    {
        Undecided,
        Header,
        Headerless,
        Off,
    }

    /// <summary>
    /// Rows are read alone; the parser is as one that has read only the file's first lines while the columns are those
    /// the first lines decided (a header found later replaces them).
    /// </summary>
    public bool IsIdle => _state is State.Header or State.Headerless && !_headerReplaced;

    public bool TryParse(in LogLine line, IRecordSink sink) => _state switch
    {
        State.Header or State.Headerless => ReadRow(line, sink),
        State.Undecided => Decide(line, sink),
        _ => false,
    };

    private bool Decide(in LogLine line, IRecordSink sink)
    {
        if (line.Number > FirstLineLimit)
        {
            _state = State.Off;
            return false;
        }

        var text = WithoutBom(line.Text);
        if (text.IsEmpty || text[0] == (byte)'#')
        {
            return false;
        }

        _separator = CsvHeader.SeparatorOf(text);
        _filePhase = CsvHeader.PhaseOfFile(line.Source.Path);
        _valueName = CsvHeader.ValueNameOf(line.Source.Path);
        if (_separator != 0 && CsvHeader.TryRead(text, _separator, _filePhase, _valueName, out var columns))
        {
            UseColumns(columns, State.Header);
            return true;
        }

        var count = _separator == 0 ? 0 : CountNumericRow(text, _separator);
        if (count >= 2)
        {
            UseColumns(CsvHeader.Numbered(count, _filePhase), State.Headerless);
            return ReadRow(line, sink);
        }

        _state = State.Off;
        return false;
    }

    private bool ReadRow(in LogLine line, IRecordSink sink)
    {
        var text = line.Text;
        if (_row.Split(text, _separator) && _row.Numbers > 0)
        {
            _row.Emit(line, sink);
            return true;
        }

        // A new header mid-file (runs appended to one file, or a writer that added columns) replaces the old one.
        if (_state == State.Header && _row.Numbers == 0 && CsvHeader.TryRead(text, _separator, _filePhase, _valueName, out var columns))
        {
            UseColumns(columns, State.Header);
            _headerReplaced = true;
            return true;
        }

        return false;
    }

    private void UseColumns(CsvColumn[] columns, State state)
    {
        _row = new CsvRow(columns);
        _state = state;
    }

    /// <summary>The cell count of a row whose cells are all numbers (or empty), at least one a number; 0 otherwise.</summary>
    private static int CountNumericRow(ReadOnlySpan<byte> text, byte separator)
    {
        var cells = new CsvCells(text, separator);
        var count = 0;
        var numbers = 0;
        while (cells.TryNext(out var cell))
        {
            if (++count > CsvHeader.MaxColumns)
            {
                return 0;
            }

            switch (CsvValue.Read(cell, out _, out _))
            {
                case CsvValueKind.Text:
                    return 0;
                case CsvValueKind.Absent:
                    break;
                default:
                    numbers++;
                    break;
            }
        }

        return numbers > 0 ? count : 0;
    }

    private static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> text)
        => text.StartsWith("\uFEFF"u8) ? text[3..] : text;
}
