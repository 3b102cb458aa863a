using System.Diagnostics;
using System.Globalization;

namespace GuardAlerts.Cli.Replay;

/// <summary>
/// A one-line progress display on stderr for long replays, only when stderr is a terminal: bytes read of the total,
/// the percentage and the time left. When stdout is the same terminal, the line is drawn only between whole output
/// lines (stdout flushed first) and erased before the next output is written, so it never lands inside one.
/// </summary>
internal sealed class ProgressTicker(TextWriter stderr, long totalBytes, Action? flushStdout, TimeSpan? interval = null)
{
    // Carriage return, then "erase to the end of the line" (ANSI EL): the terminal shows one progress line, in place.
    private const string EraseLine = "\r\u001b[K";

    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly TimeSpan _interval = interval ?? TimeSpan.FromMilliseconds(500);
    private long _read;
    private TimeSpan _last;
    private bool _shown;

    /// <summary>Adds bytes read from the input files (any reader thread).</summary>
    public void Read(long bytes) => Interlocked.Add(ref _read, bytes);

    /// <summary>Redraws the line when it is due (the writer's thread, between whole output lines).</summary>
    public void Tick(ReplaySummary summary)
    {
        var elapsed = _watch.Elapsed;
        if (elapsed - _last < _interval)
        {
            return;
        }

        _last = elapsed;
        flushStdout?.Invoke();
        stderr.Write(EraseLine + Line(Interlocked.Read(ref _read), totalBytes, elapsed, summary));
        stderr.Flush();
        _shown = true;
    }

    /// <summary>Erases the line before output is written to a terminal it shares.</summary>
    public void Clear()
    {
        if (_shown && flushStdout is not null)
        {
            stderr.Write(EraseLine);
            stderr.Flush();
            _shown = false;
        }
    }

    public void Done()
    {
        if (_shown)
        {
            stderr.Write(EraseLine);
            stderr.Flush();
            _shown = false;
        }
    }

    /// <summary>"12.3 MB of 45.6 MB (27%), 1,234 events, 5 alerts, about 1 min 20 s left".</summary>
    internal static string Line(long read, long total, TimeSpan elapsed, ReplaySummary summary)
    {
        read = Math.Min(read, total);
        var percent = total > 0 ? read * 100 / total : 100;
        var left = read > 0 && total > read ? TimeSpan.FromSeconds(elapsed.TotalSeconds * (total - read) / read) : TimeSpan.Zero;
        return string.Create(CultureInfo.InvariantCulture,
            $"{Size(read)} of {Size(total)} ({percent}%), {summary.Events:N0} events, {summary.Outcomes[Core.Pipeline.Outcome.Alert]:N0} alerts, about {Duration(left)} left");
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.00} GB"),
    };

    private static string Duration(TimeSpan t) => t.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours} h {t.Minutes} min")
        : t.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{t.Minutes} min {t.Seconds} s") : string.Create(CultureInfo.InvariantCulture, $"{t.Seconds} s");
}
