using System.Text;

namespace GuardAlerts.Core.Rendering;

/// <summary>
/// Two <see cref="StringBuilder"/>s per thread for alert bodies, so rendering does not allocate and zero fresh 8 KB
/// buffers per alert. Per thread because the CLI may render on several threads; taken out of their slot while in use,
/// so a nested render (none today) gets its own instead of sharing one.
/// </summary>
internal static class RenderBuffer
{
    // Bodies are a few KB; an oversized one (a huge finding) is not kept for the life of the thread.
    private const int MaxKeptCapacity = 64 * 1024;

    [ThreadStatic]
    private static StringBuilder? t_first;

    [ThreadStatic]
    private static StringBuilder? t_second;

    public static StringBuilder Rent()
    {
        StringBuilder? builder;
        if ((builder = t_first) is not null)
        {
            t_first = null;
        }
        else if ((builder = t_second) is not null)
        {
            t_second = null;
        }

        return builder ?? new StringBuilder(4096);
    }

    public static void Return(StringBuilder builder)
    {
        if (builder.Capacity > MaxKeptCapacity)
        {
            return;
        }

        builder.Clear();
        if (t_first is null)
        {
            t_first = builder;
        }
        else
        {
            t_second ??= builder;
        }
    }
}
