using System.Globalization;
using System.Text.Json;

namespace Trainscope.Analysis.Doctor;

/// <summary>
/// Reads doctor settings from `trainscope.json`: `{"doctor": {"gpu_memory": "80GB", "disabled": ["plateau"],
/// "loss-spike.mad": 6, "grad-explosion": {"absolute": 50}}}`. Unknown keys are errors, so typos do not pass silently.
/// </summary>
public static class DoctorConfigFile
{
    public const string FileName = "trainscope.json";

    /// <summary>TOML form of the same settings (`[doctor]` table), read by the CLI.</summary>
    public const string TomlFileName = "trainscope.toml";

    /// <summary>The first `trainscope.json` (else `trainscope.toml`) in <paramref name="directories"/> (in order), or null.</summary>
    public static string? Find(IEnumerable<string> directories)
        => directories.SelectMany(d => new[] { Path.Combine(d, FileName), Path.Combine(d, TomlFileName) }).FirstOrDefault(File.Exists);

    /// <summary>Applies the file's `doctor` section to <paramref name="options"/>; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static DoctorOptions Apply(string path, DoctorOptions options) => ApplyJson(File.ReadAllText(path), path, options);

    /// <summary>Applies settings given as JSON text (also what other file formats are translated to); <paramref name="path"/> names it in errors.</summary>
    public static DoctorOptions ApplyJson(string json, string path, DoctorOptions options)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("doctor", out var doctor))
            {
                return options;
            }

            if (doctor.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"{path}: `doctor` must be an object");
            }

            foreach (var property in doctor.EnumerateObject())
            {
                options = ApplyOne(path, options, property);
            }

            return options;
        }
    }

    private static DoctorOptions ApplyOne(string path, DoctorOptions options, JsonProperty property)
    {
        switch (property.Name)
        {
            case "gpu_memory" or "gpu-memory":
                var text = property.Value.ValueKind == JsonValueKind.Number
                    ? property.Value.GetDouble().ToString(CultureInfo.InvariantCulture) : property.Value.GetString() ?? "";
                return options with { GpuMemoryMb = GpuMemoryTable.ParseSize(text) ?? throw new FormatException($"{path}: cannot read gpu_memory '{text}'") };
            case "disabled" or "disable":
                if (property.Value.ValueKind != JsonValueKind.Array)
                {
                    throw new FormatException($"{path}: `disabled` must be an array of rule ids");
                }

                var disabled = new HashSet<string>(options.Disabled, StringComparer.Ordinal);
                foreach (var rule in property.Value.EnumerateArray())
                {
                    var id = rule.GetString() ?? "";
                    disabled.Add(DoctorAnalysis.RuleIds.Contains(id) ? id : throw new FormatException($"{path}: unknown rule '{id}'"));
                }

                return options with { Disabled = disabled };
        }

        if (property.Value.ValueKind == JsonValueKind.Object)
        {
            foreach (var inner in property.Value.EnumerateObject())
            {
                options = Set(path, options, $"{property.Name}.{inner.Name}", inner.Value);
            }

            return options;
        }

        return Set(path, options, property.Name, property.Value);
    }

    private static DoctorOptions Set(string path, DoctorOptions options, string key, JsonElement value)
    {
        if (!Thresholds.IsKnown(key))
        {
            throw new FormatException($"{path}: unknown setting '{key}'");
        }

        if (value.ValueKind != JsonValueKind.Number || !double.IsFinite(value.GetDouble()))
        {
            throw new FormatException($"{path}: '{key}' must be a number");
        }

        return options.With(key, value.GetDouble());
    }
}
