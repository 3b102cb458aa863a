using System.Text;

namespace GuardAlerts.Cli.Replay;

/// <summary>Strings derived from short UTF-8 values that repeat (accounts, regions), computed once per distinct value.</summary>
internal sealed class Utf8Cache(int capacity)
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private byte[] _lastKey = [];
    private string _last = "";

    public string Get(ReadOnlySpan<byte> utf8, Func<string, string> derive)
    {
        // Consecutive records mostly share the value: compare with the last one before any lookup.
        if (utf8.SequenceEqual(_lastKey))
        {
            return _last;
        }

        var text = Encoding.UTF8.GetString(utf8);
        if (!_values.TryGetValue(text, out var value))
        {
            value = derive(text);
            if (_values.Count >= capacity)
            {
                _values.Clear();
            }

            _values[text] = value;
        }

        _lastKey = utf8.ToArray();
        _last = value;
        return value;
    }
}
