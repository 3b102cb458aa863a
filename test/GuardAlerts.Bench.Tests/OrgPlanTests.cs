using GuardAlerts.Bench.CorpusGen;
using GuardAlerts.Core.Policy;
using GuardAlerts.Testing;

namespace GuardAlerts.Bench.Tests;

/// <summary>The organization's day as planned: accounts, kinds of account and the event mix, for a thousand accounts.</summary>
public sealed class OrgPlanTests
{
    private static readonly string[] Regions = ["us-east-1", "eu-west-1", "eu-central-1", "ap-southeast-2"];

    private static readonly IReadOnlyList<OrgAccount> Thousand = OrgPlanner.Accounts(1000, Regions, 6);

    private static readonly IReadOnlyList<AccountDay> ThousandDays = [.. Thousand.Select(a => OrgPlanner.Plan(a, Regions, 6))];

    [Fact]
    public void AccountIdsAreTwelveDigitsAndDistinct()
    {
        Assert.All(Thousand, a => Assert.Matches("^[0-9]{12}$", a.Id));
        Assert.Equal(1000, Thousand.Select(a => a.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Enumerable.Range(0, 1000), Thousand.Select(a => a.Index));
    }

    [Theory]
    [InlineData(1000, 200, 300, 500)]
    [InlineData(100, 20, 30, 50)]
    [InlineData(7, 1, 2, 4)]
    [InlineData(1, 0, 0, 1)]
    public void EachKindOfAccountHasItsShare(int count, int production, int nonProduction, int sandbox)
    {
        var accounts = OrgPlanner.Accounts(count, Regions, 6);
        Assert.Equal(production, accounts.Count(a => a.Profile == AccountProfile.Production));
        Assert.Equal(nonProduction, accounts.Count(a => a.Profile == AccountProfile.NonProduction));
        Assert.Equal(sandbox, accounts.Count(a => a.Profile == AccountProfile.Sandbox));
    }

    [Fact]
    public void HomeRegionsAreTheFirstTwoListedAndEveryRegionHasEvents()
    {
        Assert.All(Thousand, a => Assert.Contains(a.HomeRegion, Regions[..2]));
        var second = Thousand.Count(a => a.HomeRegion == Regions[1]) / 1000.0;
        Assert.InRange(second, OrgPlanner.SecondHomeShare - 0.05, OrgPlanner.SecondHomeShare + 0.05);
        Assert.All(ThousandDays, d => Assert.Equal(Regions, d.RegionalNoise.Keys));
        Assert.All(ThousandDays, d => Assert.All(Regions, r => Assert.True(d.RegionalNoise[r].Sum() > 0, $"{d.Account.Id} has no calls in {r}")));
        // Global-service calls are recorded in us-east-1 only, as CloudTrail records them.
        Assert.All(ThousandDays, d => Assert.All(Regions[1..], r => Assert.Equal(0, d.GlobalNoise[r].Sum())));
        Assert.All(ThousandDays.SelectMany(d => d.Risky), c => Assert.Contains(c.Region, Regions));
        Assert.All(ThousandDays.SelectMany(d => d.Risky).Where(c => c.Spec.Source == "iam.amazonaws.com"), c => Assert.Equal("us-east-1", c.Region));
    }

    [Fact]
    public void EventsPerAccountStayWithinTheStatedBounds()
    {
        foreach (var group in ThousandDays.GroupBy(d => d.Account.Profile))
        {
            var stated = group.Key.EventsPerDay;
            // Each account's noise is 0.85 to 1.15 times its kind's figure; the mean within 3 % of it.
            Assert.All(group, d => Assert.InRange(d.NoiseEvents, (long)(stated * 0.85) - 1, (long)(stated * 1.15) + 1));
            Assert.InRange(group.Average(d => d.NoiseEvents), stated * 0.97, stated * 1.03);
        }
    }

    [Fact]
    public void RiskyCallsAreARealisticSmallShare()
    {
        var events = ThousandDays.Sum(d => d.CloudTrailEvents);
        var risky = ThousandDays.Sum(d => d.Risky.Count);
        // Stated in bench/README.md: 0.02 % to 0.5 % of the organization's events are calls a deployed rule delivers.
        Assert.InRange(risky / (double)events, 0.0002, 0.005);
        foreach (var group in ThousandDays.GroupBy(d => d.Account.Profile))
        {
            var p = group.Key;
            var accounts = group.Count();
            Assert.InRange(group.Sum(d => d.Risky.Count(c => c.Kind == "console-sign-in")) / (double)accounts, p.People * p.SignInsPerPerson * 0.8, p.People * p.SignInsPerPerson * 1.2);
            var ingress = group.SelectMany(d => d.Risky).Where(c => c.Kind.StartsWith("security-group-ingress", StringComparison.Ordinal)).ToList();
            // An apply changes 1 to 6 ingress rules, 3.5 on average.
            Assert.InRange(ingress.Count / (double)accounts, p.AppliesPerDay * 3.5 * 0.8, p.AppliesPerDay * 3.5 * 1.2);
            Assert.InRange(group.Sum(d => d.Risky.Count(c => c.Kind == "iam-change-by-person")) / (double)accounts, p.IamChangesPerDay * 0.5, p.IamChangesPerDay * 1.5);
            Assert.InRange(group.Sum(d => d.Findings.Count) / (double)accounts, p.FindingsPerDay * 0.5, p.FindingsPerDay * 1.5);
        }

        var allIngress = ThousandDays.SelectMany(d => d.Risky).Count(c => c.Kind.StartsWith("security-group-ingress", StringComparison.Ordinal));
        var world = ThousandDays.SelectMany(d => d.Risky).Count(c => c.Kind == "security-group-ingress-world");
        Assert.InRange(world / (double)allIngress, 0.03, 0.07);
        // Applies and sign-ins start in working hours; an apply started just before 19:00 ends a few minutes after.
        Assert.All(ThousandDays.SelectMany(d => d.Risky), c => Assert.InRange(c.Time, OrgPlanner.Day.AddHours(OrgPlanner.WorkStartHour), OrgPlanner.Day.AddHours(OrgPlanner.WorkStartHour + OrgPlanner.WorkHours).AddMinutes(10)));
    }

    [Fact]
    public void TheNoiseNeverReachesADeployedRuleAndTheRiskyCallsAlwaysDo()
    {
        var table = PolicyLoader.Load(File.ReadAllBytes(Path.Combine(RepoPaths.Config, PolicyLoader.RiskTableFile)), PolicyLoader.RiskTableFile,
            "{\"exemptions\":[]}"u8, PolicyLoader.ExemptionsFile, DateTimeOffset.UnixEpoch).RiskTable;
        // What a deployment without countReadOnlyCalls delivers by name: every rule's eventNames but the read-only threshold rules'.
        var delivered = table.Rules.Where(r => r.Threshold is null || !r.ReadOnlyCalls).SelectMany(r => r.EventNames).ToHashSet(StringComparer.Ordinal);
        Assert.All(EventCatalog.ManagementNoise, n => Assert.DoesNotContain(n.Name, delivered));
        Assert.All(ThousandDays.SelectMany(d => d.Risky), c => Assert.Contains(c.Spec.Name, delivered));
    }

    [Fact]
    public void TheSameSeedPlansTheSameDay()
    {
        var again = OrgPlanner.Accounts(1000, Regions, 6);
        Assert.Equal(Thousand, again);
        var day = OrgPlanner.Plan(again[17], Regions, 6);
        Assert.Equal(ThousandDays[17].Risky, day.Risky);
        Assert.Equal(ThousandDays[17].Findings, day.Findings);
        Assert.Equal(ThousandDays[17].RegionalNoise["eu-west-1"], day.RegionalNoise["eu-west-1"]);
        Assert.NotEqual(Thousand.Select(a => a.Id), OrgPlanner.Accounts(1000, Regions, 7).Select(a => a.Id));
    }
}
