namespace GuardAlerts.Core.Tests.HostileInput;

/// <summary>What a <see cref="SampleMutation"/> does to a sample.</summary>
internal enum MutationKind
{
    DropField,
    SetNull,
    ChangeType,
    InjectIntoString,
    ReplaceWithLongString,
    Truncate,
    SpliceRawBytes,
}
