using Trainscope.Aggregation;
using Trainscope.Analysis;
using Trainscope.Analysis.Doctor;
using Trainscope.Records;

namespace Trainscope.Tests.Support;

/// <summary>Builds a run from records fed straight into a <see cref="RunAggregator"/>, for analysis tests without a format.</summary>
public sealed class RunBuilder
{
    private readonly RunAggregator _aggregator = new();
    private readonly SourceInfo _source;
    private long _line;

    public RunBuilder(string path = "doctor-test.log")
    {
        _source = new SourceInfo(0, path, path);
    }

    /// <summary>One logged value; each call is a new line of the log.</summary>
    public RunBuilder Metric(string name, double value, long? step = null, int? epoch = null, Phase phase = Phase.Train,
        long? steps = null, int? epochs = null, int? rank = null)
    {
        var position = new Position { Step = step, Epoch = epoch, Steps = steps, Epochs = epochs };
        _aggregator.OnMetric(new MetricSample
        {
            Source = _source,
            Line = ++_line,
            Offset = _line * 100,
            Phase = phase,
            Position = position,
            Name = name,
            Value = value,
            Rank = rank,
        });
        return this;
    }

    /// <summary>Several metrics on one line (`step=10 loss=0.5 lr=1e-4`).</summary>
    public RunBuilder Line(long? step, int? epoch, params (string Name, double Value)[] metrics)
    {
        foreach (var (name, value) in metrics)
        {
            Metric(name, value, step, epoch);
            _line--;
        }

        _line++;
        return this;
    }

    /// <summary>An epoch mean as a MetricLogger `Averaged stats:` line prints it.</summary>
    public RunBuilder EpochMean(string name, int epoch, double value, Phase phase = Phase.Train)
    {
        _aggregator.OnMetric(new MetricSample
        {
            Source = _source,
            Line = ++_line,
            Phase = phase,
            Position = new Position { Epoch = epoch },
            Name = name,
            Value = value,
            Kind = SampleKind.EpochMean,
        });
        return this;
    }

    public RunBuilder Event(EventKind kind, string name, string text, long? step = null, int? rank = null,
        double? value = null, IReadOnlyDictionary<string, string>? attributes = null)
    {
        _aggregator.OnEvent(new LogEvent
        {
            Kind = kind,
            Source = _source,
            Line = ++_line,
            Text = text,
            Name = name,
            Rank = rank,
            Value = value,
            Position = new Position { Step = step },
            Attributes = attributes,
        });
        return this;
    }

    public RunSummary Build() => _aggregator.Build("test", _source.Path, []);

    public IReadOnlyList<Finding> Findings(DoctorOptions? options = null)
        => RunAnalysis.Analyze(Build(), new AnalysisOptions { Doctor = options ?? DoctorOptions.Default }).Findings;
}
