namespace Trainscope.Formats.TensorBoard;

/// <summary>The fields of one `Summary.Value` message that matter, read from its bytes (spans into the payload).</summary>
internal ref struct ValueFields
{
    // Field numbers from TensorFlow's summary.proto (see tensorboard_event.proto).
    public const int TagField = 1, SimpleValueField = 2, TensorField = 8, MetadataField = 9;
    private const int PluginDataField = 1, PluginNameField = 1;

    public ReadOnlySpan<byte> Tag;

    /// <summary>Which member of the value oneof came last: simple_value (2), histogram/image/histo/audio (3–6), tensor (8); 0 for none.</summary>
    public int Kind;

    public float SimpleValue;
    public ReadOnlySpan<byte> Tensor;

    /// <summary>`metadata.plugin_data.plugin_name`, empty when absent.</summary>
    public ReadOnlySpan<byte> Plugin;

    /// <summary>Reads the fields; false when the bytes are not a well-formed message.</summary>
    public static bool TryRead(ReadOnlySpan<byte> value, out ValueFields fields)
    {
        fields = default;
        ReadOnlySpan<byte> tag = default, tensor = default, plugin = default;
        float simple = 0;
        var kind = 0;
        var reader = new ProtoReader(value);
        while (!reader.AtEnd)
        {
            if (!reader.TryReadKey(out var field, out var wire))
            {
                return false;
            }

            var ok = (field, wire) switch
            {
                (TagField, ProtoReader.LengthDelimited) => reader.TryReadBytes(out tag),
                (SimpleValueField, ProtoReader.Fixed32) => ReadSingle(ref reader, out simple),
                (TensorField, ProtoReader.LengthDelimited) => reader.TryReadBytes(out tensor),
                (MetadataField, ProtoReader.LengthDelimited) => ReadPluginName(ref reader, ref plugin),
                _ => reader.TrySkip(wire),
            };
            if (!ok)
            {
                return false;
            }

            var isOneofMember = (field, wire) is (SimpleValueField, ProtoReader.Fixed32) or (>= 3 and <= 6 or TensorField, ProtoReader.LengthDelimited);
            kind = isOneofMember ? field : kind;
        }

        fields = new ValueFields { Tag = tag, Kind = kind, SimpleValue = simple, Tensor = tensor, Plugin = plugin };
        return true;
    }

    private static bool ReadSingle(ref ProtoReader reader, out float value)
    {
        var ok = reader.TryReadFixed32(out var bits);
        value = BitConverter.UInt32BitsToSingle(bits);
        return ok;
    }

    private static bool ReadPluginName(ref ProtoReader reader, ref ReadOnlySpan<byte> plugin)
    {
        if (!reader.TryReadBytes(out var metadata))
        {
            return false;
        }

        var inMetadata = new ProtoReader(metadata);
        while (!inMetadata.AtEnd)
        {
            if (!inMetadata.TryReadKey(out var field, out var wire))
            {
                return false;
            }

            if ((field, wire) != (PluginDataField, ProtoReader.LengthDelimited))
            {
                if (!inMetadata.TrySkip(wire))
                {
                    return false;
                }

                continue;
            }

            if (!inMetadata.TryReadBytes(out var pluginData))
            {
                return false;
            }

            var inPluginData = new ProtoReader(pluginData);
            while (!inPluginData.AtEnd)
            {
                if (!inPluginData.TryReadKey(out var f, out var w))
                {
                    return false;
                }

                var ok = (f, w) == (PluginNameField, ProtoReader.LengthDelimited) ? inPluginData.TryReadBytes(out plugin) : inPluginData.TrySkip(w);
                if (!ok)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
