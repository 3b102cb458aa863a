namespace GuardAlerts.Bench.CorpusGen;

/// <summary>One member account of the generated organization: its id, what kind of account it is and where most of its workload runs.</summary>
internal sealed record OrgAccount(int Index, string Id, AccountProfile Profile, string HomeRegion);
