namespace GuardAlerts.Cli.Tests.Faults;

/// <summary>What a fault scenario measured: the figures issue 7 asks every fault test to report.</summary>
public sealed record FaultCounts(string Scenario, int FaultsInjected, int AlertsExpected, int AlertsPublished, int Duplicates, int Losses)
{
    public override string ToString() =>
        $"{Scenario}: faults injected {FaultsInjected}, alerts expected {AlertsExpected}, alerts published {AlertsPublished}, "
        + $"duplicates {Duplicates}, losses {Losses}";
}
