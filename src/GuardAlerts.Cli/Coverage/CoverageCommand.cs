using System.CommandLine;
using GuardAlerts.Core.Config;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Cli.Coverage;

/// <summary>
/// guard-alerts coverage [--config &lt;dir&gt;] [--catalog &lt;file&gt;] [--check &lt;file&gt;]: writes docs/coverage.md's
/// content to stdout, or with --check says whether the given file is up to date.
/// </summary>
internal static class CoverageCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "Directory with risk-table.json (default: the embedded defaults)" };
        var catalog = new Option<string?>("--catalog") { Description = "The techniques and known gaps, docs/coverage.json (default: the copy embedded at build)" };
        var check = new Option<string?>("--check") { Description = "Compare with this file instead of printing: exit 1 when it is out of date" };
        var command = new Command("coverage", "Write the detection coverage document (rules, MITRE ATT&CK, Stratus Red Team techniques, known gaps) as Markdown") { config, catalog, check };
        command.SetAction(result => Run(result.GetValue(config), result.GetValue(catalog), result.GetValue(check), TimeProvider.System.GetUtcNow(), Console.Out, Console.Error));
        return command;
    }

    internal static int Run(string? directory, string? catalogFile, string? checkFile, DateTimeOffset now, TextWriter stdout, TextWriter stderr)
    {
        RiskTable table;
        byte[] catalogBytes;
        try
        {
            var files = ConfigDirectory.ReadFiles(directory);
            table = RiskTableLoader.Load(files.RiskTable, files.RiskTableName);
            catalogBytes = catalogFile is null ? Embedded() : File.ReadAllBytes(catalogFile);
        }
        catch (Exception ex) when (ex is ConfigException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine(ex.Message);
            return ExitCodes.UsageOrConfig;
        }

        var (catalog, errors) = CoverageCatalogLoader.TryLoad(catalogBytes, catalogFile ?? "(embedded) docs/" + CoverageCatalog.FileName, table);
        foreach (var error in errors)
        {
            stderr.WriteLine(error.ToString());
        }

        if (catalog is null)
        {
            return ExitCodes.UsageOrConfig;
        }

        var document = CoverageDocument.Render(table, catalog);
        if (checkFile is null)
        {
            stdout.Write(document);
            return ExitCodes.Ok;
        }

        if (File.Exists(checkFile) && string.Equals(File.ReadAllText(checkFile).ReplaceLineEndings("\n"), document, StringComparison.Ordinal))
        {
            stdout.WriteLine($"{checkFile} is up to date");
            return ExitCodes.Ok;
        }

        stderr.WriteLine($"{checkFile} is out of date: run {CoverageDocument.RegenerateCommand}");
        return ExitCodes.InputErrors;
    }

    private static byte[] Embedded()
    {
        using var stream = typeof(CoverageCommand).Assembly.GetManifestResourceStream("GuardAlerts.Defaults." + CoverageCatalog.FileName)
            ?? throw new ConfigException("the build embeds no default " + CoverageCatalog.FileName);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
