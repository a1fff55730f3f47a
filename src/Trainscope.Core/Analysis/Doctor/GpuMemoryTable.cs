namespace Trainscope.Analysis.Doctor;

/// <summary>Memory of common training GPUs by name, for when the log names the GPU but not its memory.</summary>
/// <remarks>Sizes from the vendors' data sheets, in MiB as `nvidia-smi` and PyTorch count them.</remarks>
public static class GpuMemoryTable
{
    // Order matters: more specific names first (`A100 80GB` before `A100`, `RTX 4090` before `4090`).
    private static readonly (string Name, double GiB)[] Known =
    [
        ("H200", 141), ("H100 NVL", 94), ("H100", 80), ("GH200", 96), ("B200", 180),
        ("A100-SXM4-80GB", 80), ("A100-PCIE-80GB", 80), ("A100 80GB", 80), ("A100-80G", 80), ("A100-SXM-80GB", 80),
        ("A100", 40), ("A800 80GB", 80), ("A800", 80), ("H800", 80), ("L40S", 48), ("L40", 48), ("A40", 48),
        ("A6000", 48), ("RTX 6000 Ada", 48), ("A10G", 24), ("A10", 24), ("L4", 24), ("A30", 24),
        ("V100-SXM2-32GB", 32), ("V100-PCIE-32GB", 32), ("V100S", 32), ("V100 32GB", 32), ("V100", 16),
        ("T4", 16), ("P100", 16), ("K80", 12), ("RTX 4090", 24), ("RTX 4080", 16), ("RTX 3090", 24), ("RTX 3080 Ti", 12),
        ("RTX 3080", 10), ("RTX 3070", 8), ("RTX 3060", 12), ("RTX 2080 Ti", 11), ("TITAN RTX", 24), ("MI300X", 192), ("MI250X", 128),
    ];

    /// <summary>Memory in MB of a GPU named like `NVIDIA A100-SXM4-80GB` or `Tesla V100-SXM2-16GB`, or null if unknown.</summary>
    public static double? MegabytesOf(string gpuName)
    {
        foreach (var (name, gib) in Known)
        {
            if (gpuName.Contains(name, StringComparison.OrdinalIgnoreCase) && WholeWord(gpuName, name))
            {
                return gib * 1024;
            }
        }

        return null;
    }

    /// <summary>Reads `80GB`, `80 GiB`, `40960MB`, `24g` or a bare number of GB into MB; null when unreadable.</summary>
    public static double? ParseSize(string text)
    {
        var t = text.Trim().ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);
        var scale = 1024.0;
        foreach (var (suffix, mb) in new[] { ("gib", 1024.0), ("gb", 1024.0), ("g", 1024.0), ("mib", 1.0), ("mb", 1.0), ("m", 1.0), ("tb", 1024.0 * 1024) })
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal))
            {
                t = t[..^suffix.Length];
                scale = mb;
                break;
            }
        }

        return double.TryParse(t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value > 0 && double.IsFinite(value) ? value * scale : null;
    }

    private static bool WholeWord(string text, string name)
    {
        var at = text.IndexOf(name, StringComparison.OrdinalIgnoreCase);
        var end = at + name.Length;
        // `A10` must not match `A100`, `L4` not `L40`.
        return end == text.Length || !char.IsAsciiLetterOrDigit(text[end]);
    }
}
