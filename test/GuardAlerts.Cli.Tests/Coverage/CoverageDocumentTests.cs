using GuardAlerts.Cli.Coverage;
using GuardAlerts.Cli.Tests.Support;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Cli.Tests.Coverage;

/// <summary>docs/coverage.md is generated from the risk table and docs/coverage.json, and kept up to date.</summary>
public class CoverageDocumentTests
{
    private static string Repo(params string[] parts) => Path.Combine([CliProcess.RepoRoot, .. parts]);

    private static RiskTable Table() => RiskTableLoader.Load(File.ReadAllBytes(Repo("config", "risk-table.json")), "risk-table.json");

    private static CoverageCatalog Catalog(RiskTable table)
    {
        var (catalog, errors) = CoverageCatalogLoader.TryLoad(File.ReadAllBytes(Repo("docs", "coverage.json")), "coverage.json", table);
        Assert.True(catalog is not null, string.Join(Environment.NewLine, errors));
        return catalog;
    }

    [Fact]
    public void CommittedDocument_ShouldEqualWhatTheTableAndCatalogGenerate()
    {
        var table = Table();

        var generated = CoverageDocument.Render(table, Catalog(table));

        Assert.True(generated == File.ReadAllText(Repo("docs", "coverage.md")).ReplaceLineEndings("\n"),
            "docs/coverage.md is out of date: run " + CoverageDocument.RegenerateCommand);
    }

    [Fact]
    public void Document_ShouldListEveryRuleWithItsTacticsAndEveryStratusTechnique()
    {
        var table = Table();
        var catalog = Catalog(table);

        var document = CoverageDocument.Render(table, catalog);

        Assert.All(table.Rules, r => Assert.Contains($"| `{r.Id}`<br>", document, StringComparison.Ordinal));
        Assert.All(table.Rules, r => Assert.All(r.Mitre!.Tactics, t => Assert.Contains($"{t} {MitreTactics.Name(t)}", document, StringComparison.Ordinal)));
        Assert.All(catalog.Techniques, t => Assert.Contains($"/AWS/{t.Id}/)", document, StringComparison.Ordinal));
        // Stratus Red Team's AWS techniques by tactic: 1 + 5 + 10 + 1 + 9 + 5 + 3 + 2 + 5 + 4.
        Assert.Equal(45, catalog.Techniques.Select(t => t.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("""{"tactic":"Impact","id":"t","name":"n","rules":["no-such-rule"]}""", "entry 't', field 'rules': 'no-such-rule' is not a rule of the risk table")]
    [InlineData("""{"tactic":"Impact","id":"t","name":"n","threshold":"secrets-burst"}""", "entry 't', field 'threshold': 'secrets-burst' does not start with threshold-")]
    [InlineData("""{"tactic":"Impact","id":"t","name":"n"}""", "entry 't', field 'rules': name the rules that alert")]
    [InlineData("""{"tactic":"Impact","id":"t","rules":["root-user-api-call"]}""", "entry 't', field 'name': missing or empty")]
    public void Load_WhenATechniqueIsWrong_ShouldNameItAndTheField(string technique, string message)
    {
        var json = "{\"stratusRedTeam\":[" + technique + "],\"knownGaps\":[{\"what\":\"w\",\"techniques\":[\"T1530\"],\"why\":\"y\"}]}";

        var (catalog, errors) = CoverageCatalogLoader.TryLoad(System.Text.Encoding.UTF8.GetBytes(json), "c.json", Table());

        Assert.Null(catalog);
        Assert.Contains(errors, e => e.ToString().Contains("c.json: error: " + message, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_WhenAGapNamesAMalformedTechnique_ShouldSaySo()
    {
        var json = """{"stratusRedTeam":[],"knownGaps":[{"what":"data events","techniques":["1530"],"why":"y"}]}""";

        var (catalog, errors) = CoverageCatalogLoader.TryLoad(System.Text.Encoding.UTF8.GetBytes(json), "c.json", Table());

        Assert.Null(catalog);
        Assert.Contains(errors, e => e.ToString() == "c.json: error: entry 'data events', field 'techniques': '1530' is not a technique id (T1234 or T1234.567)");
    }

    [Fact]
    public void Run_WhenCheckingAStaleFile_ShouldExit1AndSayHowToRegenerate()
    {
        var stale = Path.Combine(CliProcess.TempDir(), "coverage.md");
        File.WriteAllText(stale, "# Detection coverage\n");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = CoverageCommand.Run(Repo("config"), Repo("docs", "coverage.json"), stale, DateTimeOffset.UnixEpoch, stdout, stderr);

        Assert.Equal(1, exit);
        Assert.Contains("out of date: run " + CoverageDocument.RegenerateCommand, stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, CoverageCommand.Run(Repo("config"), Repo("docs", "coverage.json"), Repo("docs", "coverage.md"), DateTimeOffset.UnixEpoch, stdout, stderr));
    }
}
