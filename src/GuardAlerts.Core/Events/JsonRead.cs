using System.Globalization;
using System.Text.Json;

namespace GuardAlerts.Core.Events;

/// <summary>
/// Tolerant accessors over <see cref="JsonElement"/>. Real events omit fields and vary their types (numbers as
/// strings, booleans as "true"), so every accessor answers null for a missing or unusable value instead of throwing.
/// </summary>
public static class JsonRead
{
    /// <summary>The property's value, or null when <paramref name="element"/> is not an object or lacks it.</summary>
    public static JsonElement? Prop(JsonElement element, string name)
    {
        return element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? Present(value) : null;
    }

    /// <summary>Like <see cref="Prop"/>, falling back to a case-insensitive name (GetFindings output via boto3 is PascalCase).</summary>
    public static JsonElement? PropAnyCase(JsonElement element, string name)
    {
        if (Prop(element, name) is { } exact)
        {
            return exact;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)
                && property.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
            {
                return property.Value;
            }
        }

        return null;
    }

    /// <summary>An object-valued property, or null.</summary>
    public static JsonElement? Obj(JsonElement element, string name, bool anyCase = false) =>
        (anyCase ? PropAnyCase(element, name) : Prop(element, name)) is { ValueKind: JsonValueKind.Object } value ? value : null;

    /// <summary>An array-valued property, or null.</summary>
    public static JsonElement? Arr(JsonElement element, string name, bool anyCase = false) =>
        (anyCase ? PropAnyCase(element, name) : Prop(element, name)) is { ValueKind: JsonValueKind.Array } value ? value : null;

    /// <summary>A scalar property as text: strings as they are, numbers and booleans as their JSON text.</summary>
    public static string? Str(JsonElement element, string name, bool anyCase = false) =>
        (anyCase ? PropAnyCase(element, name) : Prop(element, name)) is { } value ? ScalarText(value) : null;

    /// <summary>A scalar's text (strings unquoted), or null for objects and arrays.</summary>
    public static string? ScalarText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    /// <summary>A number, accepting numeric strings ("5.0") as AWS sometimes sends them.</summary>
    public static double? Num(JsonElement element, string name, bool anyCase = false)
    {
        var value = anyCase ? PropAnyCase(element, name) : Prop(element, name);
        return value switch
        {
            { ValueKind: JsonValueKind.Number } n when n.TryGetDouble(out var d) => d,
            { ValueKind: JsonValueKind.String } s when double.TryParse(s.GetString(), NumberStyles.Float,
                CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }

    /// <summary>A boolean, accepting "true"/"false"/"yes"/"no" in any case.</summary>
    public static bool? Bool(JsonElement element, string name, bool anyCase = false) =>
        Bool((anyCase ? PropAnyCase(element, name) : Prop(element, name)) ?? default);

    /// <summary>A timestamp: ISO-8601 text, GuardDuty's "yyyy-MM-dd HH:mm:ss.fff" or epoch seconds/milliseconds.</summary>
    public static DateTimeOffset? Time(JsonElement element, string name, bool anyCase = false) =>
        Time((anyCase ? PropAnyCase(element, name) : Prop(element, name)) ?? default);

    // The same readings of a value already found (by JsonFields): Undefined (absent) and null answer null.

    /// <summary>The value, or null when absent (Undefined) or JSON null: what <see cref="Prop"/> answers.</summary>
    internal static JsonElement? Present(JsonElement value) =>
        value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : value;

    /// <summary>An object value, or null.</summary>
    internal static JsonElement? Obj(JsonElement value) => value.ValueKind == JsonValueKind.Object ? value : null;

    /// <summary>A scalar value as text, or null (see <see cref="ScalarText"/>).</summary>
    internal static string? Str(JsonElement value) => ScalarText(value);

    /// <summary>A boolean value, accepting "true"/"false"/"yes"/"no" in any case.</summary>
    internal static bool? Bool(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => ParseFlag(value.GetString()),
        _ => null,
    };

    /// <summary>A timestamp value (see <see cref="Time(JsonElement, string, bool)"/>).</summary>
    internal static DateTimeOffset? Time(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var epoch))
        {
            return FromEpoch(epoch);
        }

        return value.ValueKind == JsonValueKind.String ? ParseTime(value.GetString()) : null;
    }

    /// <summary>Parses the timestamp forms AWS uses; null when it is none of them.</summary>
    public static DateTimeOffset? ParseTime(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed;
        }

        // GuardDuty's service.eventFirstSeen carries nanoseconds, more digits than .NET parses.
        var trimmed = text.Length > 23 && text[10] == ' ' ? text[..23] : text;
        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out parsed) ? parsed : null;
    }

    private static DateTimeOffset? FromEpoch(double epoch)
    {
        // Values above 1e11 are milliseconds (1e11 seconds is the year 5138).
        var millis = epoch > 1e11 ? epoch : epoch * 1000;
        return millis is > -62_135_596_800_000d and < 253_402_300_799_000d
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)millis)
            : null;
    }

    private static bool? ParseFlag(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "TRUE" or "YES" => true,
        "FALSE" or "NO" => false,
        _ => null,
    };
}
