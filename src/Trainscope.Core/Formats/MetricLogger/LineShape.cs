using Trainscope.Records;

namespace Trainscope.Formats.MetricLogger;

/// <summary>
/// The bytes of the last fully read line with its numbers cut out: for every field, the lead from the end of the
/// previous value to the first byte of this one (`  loss: `). A following line of the same family is read in one pass
/// that compares each lead and parses the number behind it, without looking for separators or colons.
/// </summary>
/// <remarks>
/// Every lead after the first starts with the two spaces that end the field before it, and a value is read here only
/// when it is a plain decimal (or a `H:MM:SS` clock for `eta`) with an optional ` (avg)`; so whenever
/// <see cref="TryRead"/> succeeds, the general reader would cut the line into the same fields and read the same values.
/// </remarks>
internal sealed class LineShape
{
    private byte[] _leads = new byte[512];
    private int[] _leadEnds = new int[32];
    private FieldLayout.Field[] _check = new FieldLayout.Field[32];

    // The byte templates of the last few lines of the learned layout, most recently used first: a family's lines take a
    // handful of shapes (a value gains a digit, `eta` loses one), and a template reads a line for a few vector compares.
    private readonly LineTemplate[] _templates = [new(), new(), new(), new()];
    private int _templateCount;

    // The layout of the family's values, shared by its templates so a sink sees one layout for all of them; kept when
    // the shape is learned again (a template checks that it still names its values).
    private ValueLayout? _layout;
    private int _templateCredit = TemplateLearnCost;
    private int _count;
    private int _numeric;
    private int _learnAfter;

    /// <summary>
    /// Lines to wait after a line that could not be learned (`nan`, `1e-05`) before learning again: a family whose values
    /// never fit would otherwise pay for a failed learn on every line.
    /// </summary>
    private const int LearnBackoff = 16;

    /// <summary>
    /// A template is learned from a line read by leads when the credit allows: each line read adds one, so a family whose
    /// lines never repeat a shape learns on one line in this many (a learn costs about two reads by leads).
    /// </summary>
    private const int TemplateLearnCost = 16;
    private const int TemplateCreditCap = 256;

    /// <summary>Forgets the learned line: the next line is read the general way.</summary>
    public void Forget()
    {
        _count = 0;
        _templateCount = 0;
        _learnAfter = 0;
        _layout = null;
    }

    /// <summary>
    /// Learns the leads of <paramref name="text"/>, which the general reader just read into <paramref name="fields"/>.
    /// Only a line whose every field this reader reproduces exactly is kept.
    /// </summary>
    public void Learn(ReadOnlySpan<byte> text, Span<FieldLayout.Field> fields)
    {
        _count = 0;
        _templateCount = 0;
        if (fields.IsEmpty || --_learnAfter > 0)
        {
            return;
        }

        _learnAfter = LearnBackoff;

        if (_leadEnds.Length < fields.Length)
        {
            _leadEnds = new int[Math.Max(fields.Length, _leadEnds.Length * 2)];
        }

        var length = 0;
        var previousEnd = 0;
        var numeric = 0;
        for (var k = 0; k < fields.Length; k++)
        {
            ref readonly var field = ref fields[k];
            if (!field.HasValue || field.NumberStart < previousEnd || (k > 0 && !text[previousEnd..].StartsWith("  "u8)))
            {
                return;
            }

            var lead = text[previousEnd..field.NumberStart];
            if (length + lead.Length > _leads.Length)
            {
                Array.Resize(ref _leads, Math.Max(_leads.Length * 2, length + lead.Length));
            }

            lead.CopyTo(_leads.AsSpan(length));
            length += lead.Length;
            _leadEnds[k] = length;
            previousEnd = field.End;
            numeric += field.IsEta ? 0 : 1;
        }

        _count = fields.Length;
        _numeric = numeric;
        if (ReadsBack(text, fields))
        {
            _learnAfter = 0;
            LearnTemplate(text, fields);
        }
        else
        {
            _count = 0;
        }
    }

    /// <summary>
    /// Reads a line laid out as the learned one: by one of its templates, which then holds the values
    /// (<paramref name="template"/>), or by leads into <paramref name="fields"/> (the general reader's fields of that
    /// line). False, with the fields' values left anywhere, sends the line to the general reader.
    /// </summary>
    public bool TryRead(ReadOnlySpan<byte> text, Span<FieldLayout.Field> fields, out double? eta, out int numeric, out LineTemplate? template)
    {
        eta = null;
        template = null;
        numeric = _numeric;
        if (_count == 0 || fields.Length != _count)
        {
            return false;
        }

        for (var t = 0; t < _templateCount; t++)
        {
            if (_templates[t].TryRead(text, out eta))
            {
                template = _templates[t];
                MoveToFront(t);
                _templateCredit = Math.Min(_templateCredit + 1, TemplateCreditCap);
                return true;
            }
        }

        if (!TryReadLeads(text, fields, out eta))
        {
            return false;
        }

        if (++_templateCredit >= TemplateLearnCost)
        {
            _templateCredit -= TemplateLearnCost;
            LearnTemplate(text, fields);
        }

        return true;
    }

    /// <summary>Learns the shape of a line just read exactly into the least recently used template, kept only if it reads the line back.</summary>
    private void LearnTemplate(ReadOnlySpan<byte> text, Span<FieldLayout.Field> fields)
    {
        var slot = _templateCount < _templates.Length ? _templateCount++ : _templates.Length - 1;
        var template = _templates[slot];
        if (template.Learn(text, fields, _layout) && template.ReadsBack(text, fields))
        {
            _layout = template.Layout;
            MoveToFront(slot);
        }
        else
        {
            template.Forget();
        }
    }

    private void MoveToFront(int slot)
    {
        if (slot == 0)
        {
            return;
        }

        var template = _templates[slot];
        Array.Copy(_templates, 0, _templates, 1, slot);
        _templates[0] = template;
    }

    /// <summary>Reads the line lead by lead: numbers may have other widths than in the learned line.</summary>
    private bool TryReadLeads(ReadOnlySpan<byte> text, Span<FieldLayout.Field> fields, out double? eta)
    {
        eta = null;
        var count = _count;

        // Locals instead of fields, and one index walking the line: this loop runs for every value of every line.
        var leads = _leads.AsSpan();
        var leadEnds = _leadEnds.AsSpan(0, count);
        var leadStart = 0;
        var pos = 0;
        for (var k = 0; k < leadEnds.Length; k++)
        {
            var leadEnd = leadEnds[k];
            var lead = leads[leadStart..leadEnd];
            leadStart = leadEnd;
            if (!text[pos..].StartsWith(lead))
            {
                return false;
            }

            pos += lead.Length;
            ref var field = ref fields[k];
            // Where this line's value sits, for a template learned from it.
            field.NumberStart = pos;
            int length;
            if (field.IsEta)
            {
                if (!Timedelta.TryReadClock(text[pos..], out field.Value, out length))
                {
                    return false;
                }

                pos += length;
                eta = field.Value;
                continue;
            }

            if (!PlainDecimal.TryParseLeading(text[pos..], out field.Value, out length))
            {
                return false;
            }

            pos += length;
            field.HasAverage = false;
            if (pos + 1 < text.Length && text[pos] == (byte)' ' && text[pos + 1] == (byte)'(')
            {
                pos += 2;
                if (!PlainDecimal.TryParseLeading(text[pos..], out field.Average, out length) || pos + length >= text.Length
                    || text[pos + length] != (byte)')')
                {
                    return false;
                }

                pos += length + 1;
                field.HasAverage = true;
            }
        }

        return pos == text.Length;
    }

    /// <summary>Whether reading the line again by leads gives the values in <paramref name="fields"/>, bit for bit.</summary>
    private bool ReadsBack(ReadOnlySpan<byte> text, Span<FieldLayout.Field> fields)
    {
        if (_check.Length < fields.Length)
        {
            _check = new FieldLayout.Field[fields.Length];
        }

        var copy = _check.AsSpan(0, fields.Length);
        fields.CopyTo(copy);
        if (!TryReadLeads(text, copy, out _))
        {
            return false;
        }

        for (var k = 0; k < fields.Length; k++)
        {
            ref readonly var general = ref fields[k];
            ref readonly var shaped = ref copy[k];
            if (BitConverter.DoubleToInt64Bits(general.Value) != BitConverter.DoubleToInt64Bits(shaped.Value)
                || general.HasAverage != shaped.HasAverage
                || (general.HasAverage && BitConverter.DoubleToInt64Bits(general.Average) != BitConverter.DoubleToInt64Bits(shaped.Average)))
            {
                return false;
            }
        }

        return true;
    }
}
