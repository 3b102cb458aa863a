using System.Text;

namespace GuardAlerts.Core.Rendering;

/// <summary>
/// One <see cref="StringBuilder"/> per thread for alert bodies, so rendering does not allocate and zero a fresh 8 KB
/// buffer per alert. Per thread because the CLI may render on several threads; taken out of the slot while in use,
/// so a nested render (none today) gets its own instead of sharing it.
/// </summary>
internal static class RenderBuffer
{
    // Bodies are a few KB; an oversized one (a huge finding) is not kept for the life of the thread.
    private const int MaxKeptCapacity = 64 * 1024;

    [ThreadStatic]
    private static StringBuilder? t_cached;

    public static StringBuilder Rent()
    {
        var builder = t_cached ?? new StringBuilder(4096);
        t_cached = null;
        return builder;
    }

    public static void Return(StringBuilder builder)
    {
        if (builder.Capacity <= MaxKeptCapacity)
        {
            builder.Clear();
            t_cached = builder;
        }
    }
}
