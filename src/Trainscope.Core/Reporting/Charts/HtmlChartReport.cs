using System.Globalization;
using System.Text;
using Trainscope.Analysis;
using Trainscope.Records;

namespace Trainscope.Reporting.Charts;

/// <summary>A standalone HTML page (no scripts, no external files): the chart, the findings and a metrics table.</summary>
public static class HtmlChartReport
{
    public static string Render(AnalysisResult result, string svg)
    {
        var run = result.Run;
        var html = new StringBuilder();
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">")
            .Append(CultureInfo.InvariantCulture, $"<title>{Xml.Escape(run.Name)} — trainscope</title>\n<style>")
            .Append("body{font:14px system-ui,-apple-system,Segoe UI,sans-serif;margin:24px;color:#222;max-width:1040px}")
            .Append("h1{font-size:20px;margin:0 0 4px}.sub{color:#666;margin-bottom:16px}table{border-collapse:collapse;margin-top:16px}")
            .Append("td,th{padding:3px 10px;border-bottom:1px solid #eee;text-align:right}td:first-child,th:first-child{text-align:left}")
            .Append(".error{color:#c62828}.warning{color:#b26a00}.info{color:#1565c0}li{margin:6px 0}.advice{color:#555}")
            .Append("</style></head><body>\n")
            .Append(CultureInfo.InvariantCulture, $"<h1>{Xml.Escape(run.Name)}</h1><div class=\"sub\">{Xml.Escape(Subtitle(result))}</div>\n")
            .Append(svg);
        Findings(html, result.Findings);
        Metrics(html, result);
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static string Subtitle(AnalysisResult result)
    {
        var p = result.Run.Progress;
        var parts = new List<string> { result.Run.Path };
        if (p.Epoch is int e)
        {
            parts.Add(p.Epochs is int n ? $"epoch {e}/{n}" : $"epoch {e}");
        }

        if (p.Step is long s)
        {
            parts.Add(p.Steps is long t ? $"step {s}/{t}" : $"step {s}");
        }

        if (p.Fraction is double f)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{f:P0} done"));
        }

        return string.Join(" · ", parts);
    }

    private static void Findings(StringBuilder html, IReadOnlyList<Finding> findings)
    {
        if (findings.Count == 0)
        {
            return;
        }

        html.Append("<h2>Findings</h2><ul>\n");
        foreach (var f in findings)
        {
            var level = f.Severity.ToString().ToLowerInvariant();
            html.Append(CultureInfo.InvariantCulture, $"<li><b class=\"{level}\">{level}</b> <b>{Xml.Escape(f.Rule)}</b>: {Xml.Escape(f.Message)}")
                .Append(CultureInfo.InvariantCulture, $"<div class=\"advice\">→ {Xml.Escape(f.Advice)}</div>");
            foreach (var e in f.Evidence.Take(3))
            {
                html.Append(CultureInfo.InvariantCulture, $"<div><code>{Xml.Escape(e.Path)}:{e.Line}</code> {Xml.Escape(e.Text)}</div>");
            }

            html.Append("</li>\n");
        }

        html.Append("</ul>\n");
    }

    private static void Metrics(StringBuilder html, AnalysisResult result)
    {
        html.Append("<h2>Metrics</h2><table><tr><th>metric</th><th>phase</th><th>count</th><th>last</th><th>min</th><th>max</th></tr>\n");
        foreach (var s in result.Run.Series.Take(200))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Xml.Escape(s.Name)}{(s.Key.Rank is int r ? $" (rank {r})" : "")}</td><td>{s.Key.Phase.ToName()}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{s.Count}</td><td>{N(s.Last?.Value)}</td><td>{N(s.Min?.Value)}</td><td>{N(s.Max?.Value)}</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static string N(double? value) => value is double v ? Xml.Escape(v.ToString("G6", CultureInfo.InvariantCulture)) : "–";
}
