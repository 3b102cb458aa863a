namespace GuardAlerts.Core.ReplayFastPath;

/// <summary>Where <see cref="UnmatchedRecordFilter"/> found a record's fields (default: absent).</summary>
internal struct RecordFields
{
    public Range EventId;
    public Range Name;
    public Range Account;
    public Range Region;
    public Range Time;
    public Range Identity;

    /// <summary>eventTime is in CloudTrail's own form (yyyy-MM-ddTHH:mm:ssZ): its bytes are how the replay prints it.</summary>
    public bool TimeCanonical;
}
