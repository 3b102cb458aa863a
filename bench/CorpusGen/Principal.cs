namespace GuardAlerts.Bench.CorpusGen;

/// <summary>One caller in the corpus: its userIdentity is written the same way for every event it makes.</summary>
internal sealed record Principal(
    string Type,
    string Account,
    string? PrincipalId,
    string? Arn,
    string? UserName,
    string? AccessKeyId,
    string? IssuerArn,
    string? IssuerName,
    string? InvokedBy,
    string? IdentityProvider,
    string? OnBehalfOf,
    bool? Mfa,
    string? CreationDate,
    string UserAgent,
    string SourceIp);
