using System.CommandLine;
using Spectre.Console;
using Trainscope.Formats;

namespace Trainscope.Cli.Commands;

/// <summary>`trainscope formats`: the formats we read, with an example line each.</summary>
internal static class FormatsCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var command = new Command("formats", "List the log formats Trainscope reads, with an example of each");
        command.SetAction(_ =>
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Format", "Kind", "What", "Example");
            foreach (var format in FormatRegistry.LineFormats)
            {
                table.AddRow(Markup.Escape(format.Name), "lines", Markup.Escape(format.Description), Markup.Escape(format.Example));
            }

            foreach (var format in FormatRegistry.LineObservers)
            {
                table.AddRow(Markup.Escape(format.Name), "every line", Markup.Escape(format.Description), Markup.Escape(format.Example));
            }

            foreach (var format in FormatRegistry.FileFormats)
            {
                table.AddRow(Markup.Escape(format.Name), "whole file", Markup.Escape(format.Description), Markup.Escape(format.Example));
            }

            console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
