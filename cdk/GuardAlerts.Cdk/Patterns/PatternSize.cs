using System.Collections;
using System.Text;
using System.Text.Json;

namespace GuardAlerts.Cdk.Patterns;

/// <summary>
/// Measures an event pattern as EventBridge stores it (compact JSON), before CloudFormation resolves its tokens:
/// EventBridge rejects patterns over its size quota at deploy time, long after synth said yes.
/// </summary>
internal static class PatternSize
{
    /// <summary>EventBridge's default quota on one rule's event pattern, in characters.</summary>
    public const int QuotaChars = 2048;

    /// <summary>What the generators pack up to: room for serialization differences and resolved names.</summary>
    public const int Budget = 1800;

    /// <summary>The compact JSON length; <paramref name="stringLength"/> sizes each string leaf (tokens resolve later).</summary>
    public static int Of(object pattern, Func<string, int> stringLength) => Measure(pattern, stringLength);

    /// <summary>The compact JSON length of a pattern without tokens.</summary>
    public static int Of(object pattern) => Measure(pattern, EncodedLength);

    /// <summary>A string's length as a JSON string literal, quotes included.</summary>
    public static int EncodedLength(string value) => JsonEncodedText.Encode(value).EncodedUtf8Bytes.Length + 2;

    private static int Measure(object? node, Func<string, int> stringLength) => node switch
    {
        null => 4,
        string s => stringLength(s),
        bool b => b ? 4 : 5,
        double or int or long or decimal => Encoding.UTF8.GetByteCount(Convert.ToString(node, System.Globalization.CultureInfo.InvariantCulture)!),
        IDictionary<string, object> map => 2 + Math.Max(0, map.Count - 1)
            + map.Sum(p => EncodedLength(p.Key) + 1 + Measure(p.Value, stringLength)),
        IEnumerable list => MeasureList(list, stringLength),
        _ => throw new ArgumentException($"unsupported pattern node {node.GetType().Name}", nameof(node)),
    };

    private static int MeasureList(IEnumerable list, Func<string, int> stringLength)
    {
        var items = list.Cast<object?>().ToList();
        return 2 + Math.Max(0, items.Count - 1) + items.Sum(i => Measure(i, stringLength));
    }
}
