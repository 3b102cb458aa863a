namespace GuardAlerts.Core.Thresholds;

/// <summary>
/// Where counts are kept in time. Each event counts in two tumbling windows of 2M minutes that overlap by M: the one
/// starting at the M-aligned slot the event falls in, and the one starting a slot earlier. Every stretch of M minutes
/// lies wholly inside one of them, so N events within any M minutes reach N in some window whatever their alignment
/// (a single tumbling window of M would split a burst that straddles its edge, and miss it). Events up to 2M apart
/// can count together too: the guarantee is "N within M always alerts", not "only N within M".
/// </summary>
public static class ThresholdWindows
{
    /// <summary>The starts of the two windows an event at <paramref name="time"/> counts in, earlier first.</summary>
    public static (DateTimeOffset Earlier, DateTimeOffset Later) Of(DateTimeOffset time, TimeSpan window)
    {
        var slot = (long)window.TotalSeconds;
        var seconds = time.ToUnixTimeSeconds();
        var start = seconds - (((seconds % slot) + slot) % slot);
        return (DateTimeOffset.FromUnixTimeSeconds(start - slot), DateTimeOffset.FromUnixTimeSeconds(start));
    }

    /// <summary>How long a window lasts: 2M.</summary>
    public static TimeSpan Length(TimeSpan window) => window * 2;
}
