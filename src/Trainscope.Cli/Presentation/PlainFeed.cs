using System.Globalization;
using System.Text;
using Trainscope.Analysis;
using Trainscope.Following;
using Trainscope.Records;

namespace Trainscope.Cli.Presentation;

/// <summary>
/// `watch --plain`: one line per log line that produced metrics (source, rank, epoch/step and every value, numbers as
/// written), one per event, finding and file notice — for CI logs, `nohup` and pipes.
/// </summary>
internal sealed class PlainFeed : IFollowSink
{
    private readonly TextWriter _out;
    private readonly List<MetricSample> _metrics = [];
    private readonly StringBuilder _line = new();

    public PlainFeed(Stream output)
    {
        _out = new StreamWriter(output, new UTF8Encoding(false), 1 << 16) { AutoFlush = false, NewLine = "\n" };
    }

    public void OnMetric(in MetricSample sample) => _metrics.Add(sample);

    public void OnEvent(LogEvent logEvent)
    {
        WriteMetrics([]);
        _line.Clear();
        _line.Append(logEvent.Source.DisplayPath).Append(':').Append(logEvent.Line);
        AppendRank(logEvent.Rank);
        _line.Append(" event=").Append(logEvent.Kind.ToName());
        if (logEvent.Name is { } name)
        {
            _line.Append(" name=").Append(name);
        }

        if (logEvent.Value is double value)
        {
            _line.Append(" value=").Append(value.ToString("R", CultureInfo.InvariantCulture));
        }

        _line.Append(" text=").Append(Quote(logEvent.Text));
        _out.WriteLine(_line);
    }

    public void OnLineRead(SourceInfo source, ReadOnlySpan<byte> raw, long number) => WriteMetrics(raw, number);

    public void OnNotice(FollowNotice notice)
    {
        WriteMetrics([]);
        _out.WriteLine($"notice={notice.Kind.ToString().ToLowerInvariant()} path={notice.Source?.DisplayPath ?? notice.Path} text={Quote(notice.Message)}");
    }

    public void OnFinding(Finding finding)
    {
        WriteMetrics([]);
        _line.Clear();
        _line.Append("finding severity=").Append(finding.Severity.ToString().ToLowerInvariant()).Append(" rule=").Append(finding.Rule);
        AppendRank(finding.Rank);
        if (finding.Metric is { } metric)
        {
            _line.Append(" metric=").Append(metric);
        }

        if (finding.FromStep is long from)
        {
            _line.Append(" step=").Append(from);
        }

        _line.Append(" text=").Append(Quote(finding.Message));
        _out.WriteLine(_line);
    }

    public void OnText(string text)
    {
        WriteMetrics([]);
        _out.WriteLine(text);
    }

    /// <summary>Pushes what was written so far to the stream (once per poll, so a pipe sees lines promptly).</summary>
    public void Flush()
    {
        WriteMetrics([]);
        _out.Flush();
    }

    /// <summary>Writes the pending metrics, one output line per (source, line), looking numbers up in the raw line.</summary>
    private void WriteMetrics(ReadOnlySpan<byte> raw, long number = -1)
    {
        var i = 0;
        while (i < _metrics.Count)
        {
            var first = _metrics[i];
            _line.Clear();
            _line.Append(first.Source.DisplayPath).Append(':').Append(first.Line);
            AppendRank(first.Rank);
            if (first.Position.Epoch is int epoch)
            {
                _line.Append(" epoch=").Append(epoch);
            }

            if (first.Position.Step is long step)
            {
                _line.Append(" step=").Append(step);
            }

            var text = first.Line == number ? raw : [];
            var cursor = 0;
            for (; i < _metrics.Count && _metrics[i].Line == first.Line && ReferenceEquals(_metrics[i].Source, first.Source); i++)
            {
                var m = _metrics[i];
                _line.Append(' ');
                if (m.Phase != Phase.Train)
                {
                    _line.Append(m.Phase.ToName()).Append('/');
                }

                _line.Append(m.Name);
                if (m.Kind != SampleKind.Point)
                {
                    _line.Append('[').Append(KindName(m.Kind)).Append(']');
                }

                _line.Append('=');
                NumberText.Append(_line, text, m.Value, ref cursor);
            }

            _out.WriteLine(_line);
        }

        _metrics.Clear();
    }

    private void AppendRank(int? rank)
    {
        if (rank is int r)
        {
            _line.Append(" rank=").Append(r);
        }
    }

    private static string KindName(SampleKind kind) => kind switch
    {
        SampleKind.EpochMean => "epoch-mean",
        SampleKind.EpochMin => "epoch-min",
        SampleKind.EpochMax => "epoch-max",
        SampleKind.Final => "final",
        _ => "point",
    };

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
