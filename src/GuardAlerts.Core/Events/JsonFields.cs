using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace GuardAlerts.Core.Events;

/// <summary>
/// Property names to read from one JSON object in a single pass. <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/>
/// scans the object once per name, all of it for a name that is absent (errorCode, additionalEventData...); a parser
/// that wants twenty fields of a record reads them here instead, with the same answers.
/// </summary>
internal sealed class JsonFields
{
    private readonly byte[][] _names;
    private readonly int[][] _byLength;

    public JsonFields(params string[] names)
    {
        _names = Array.ConvertAll(names, Encoding.UTF8.GetBytes);
        _byLength = new int[_names.Max(n => n.Length) + 1][];
        for (var length = 0; length < _byLength.Length; length++)
        {
            _byLength[length] = Enumerable.Range(0, _names.Length).Where(i => _names[i].Length == length).ToArray();
        }
    }

    /// <summary>How many names (the length <see cref="Read"/> needs).</summary>
    public int Count => _names.Length;

    /// <summary>
    /// Sets <c>values[i]</c> to the value of the i-th name: the last occurrence, as TryGetProperty finds it (it
    /// searches from the end), or default (<see cref="JsonValueKind.Undefined"/>) when absent or not an object.
    /// </summary>
    public void Read(JsonElement element, Span<JsonElement> values)
    {
        values[.._names.Length].Clear();
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            if (raw.Contains((byte)'\\'))
            {
                // An escaped name ("event\u004eame"): compare unescaped, as TryGetProperty does.
                for (var i = 0; i < _names.Length; i++)
                {
                    if (property.NameEquals(_names[i]))
                    {
                        values[i] = property.Value;
                    }
                }
            }
            else if (raw.Length < _byLength.Length)
            {
                foreach (var i in _byLength[raw.Length])
                {
                    if (raw.SequenceEqual(_names[i]))
                    {
                        values[i] = property.Value;
                        break;
                    }
                }
            }
        }
    }
}
