namespace GuardAlerts.Core.Events;

/// <summary>
/// The paths of the strings <see cref="LoneSurrogates"/> repaired in one event, seen from the object a parser reads
/// (the event, or its detail under an envelope). Each event kind's parser names its own fields: those that may never
/// be repaired and those that identify the actor.
/// </summary>
internal sealed class FieldRepairs
{
    private readonly IReadOnlyList<string> _paths;
    private readonly string _prefix;
    private readonly bool _identity;

    public FieldRepairs(IReadOnlyList<string> paths, string prefix = "", bool identity = false)
    {
        _paths = paths;
        _prefix = prefix;
        _identity = identity;
    }

    public static FieldRepairs None { get; } = new([]);

    /// <summary>The repairs inside the object under <paramref name="name"/> (an envelope's detail); <paramref name="identity"/> carries the envelope's own identity repairs.</summary>
    public FieldRepairs Under(string name, bool identity) => new(_paths, _prefix + name + ".", _identity || identity);

    /// <summary>The first of <paramref name="fields"/> (a name or a dotted path) that holds, or has under it, a repaired string.</summary>
    public string? FirstOf(IReadOnlyList<string> fields, bool ignoreCase = false)
    {
        foreach (var field in fields)
        {
            if (_paths.Any(p => Covers(_prefix + field, p, ignoreCase)))
            {
                return field;
            }
        }

        return null;
    }

    /// <summary>What the event records: null when nothing under this object (or the envelope) was repaired.</summary>
    public RepairedText? Result(IReadOnlyList<string> identityFields, bool ignoreCase = false)
    {
        if (_paths.Count == 0)
        {
            return null;
        }

        return new RepairedText { Fields = _paths, TouchesIdentity = _identity || FirstOf(identityFields, ignoreCase) is not null };
    }

    /// <summary>Why an event is rejected when <paramref name="field"/>, which decides what the event is, held invalid text.</summary>
    public static string NeverRepairedReason(string field) =>
        $"{field} holds invalid text (a lone UTF-16 surrogate escape such as \\uD800): AWS never writes one there, so the event cannot be matched";

    private static bool Covers(string field, string path, bool ignoreCase)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return path.Equals(field, comparison)
            || (path.Length > field.Length && path.StartsWith(field, comparison) && path[field.Length] is '.' or '[');
    }
}
