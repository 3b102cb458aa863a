namespace GuardAlerts.Cli.Replay;

/// <summary>
/// What a file's reader hands the in-order writer: rendered lines of skipped records (a pooled buffer, returned by the
/// writer), or one item the full pipeline must decide in input order (its dedup ledger is order-dependent).
/// </summary>
internal readonly record struct ReplaySegment(byte[]? Rendered, int Length, int Events, Core.Reading.InputItem? Item, bool CannotOpen = false);
