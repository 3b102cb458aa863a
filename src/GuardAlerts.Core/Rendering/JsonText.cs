using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;

namespace GuardAlerts.Core.Rendering;

/// <summary>
/// JSON string content written straight into a <see cref="StringBuilder"/>: exactly the text
/// <see cref="System.Text.Json.Utf8JsonWriter"/> writes with the same encoder, without the round trip through UTF-8 bytes.
/// The encoder escapes each scalar on its own, so the text is cut into runs: ASCII it leaves alone is copied as is,
/// ASCII it escapes gets the escape it produced for that character (asked once, at start-up), and anything else goes
/// to the encoder itself. Every decision comes from the encoder, so the output follows it whatever it escapes.
/// </summary>
internal sealed class JsonText
{
    /// <summary>The SNS message body's escaping: quotes, backslashes and controls escaped, most non-ASCII kept.</summary>
    public static readonly JsonText Relaxed = new(JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

    /// <summary>The default escaping: also HTML-sensitive characters and all non-ASCII (the exemption snippet).</summary>
    public static readonly JsonText Default = new(JavaScriptEncoder.Default);

    private readonly JavaScriptEncoder _encoder;
    private readonly SearchValues<char> _plainAscii;
    private readonly string[] _asciiEscapes = new string[128];

    private JsonText(JavaScriptEncoder encoder)
    {
        _encoder = encoder;
        var plain = new List<char>();
        for (var c = (char)0; c < 128; c++)
        {
            _asciiEscapes[c] = encoder.Encode(c.ToString());
            if (!encoder.WillEncode(c))
            {
                plain.Add(c);
            }
        }

        _plainAscii = SearchValues.Create(plain.ToArray());
    }

    /// <summary>Appends <paramref name="value"/> escaped for a JSON string, without the quotes.</summary>
    public StringBuilder AppendEscaped(StringBuilder builder, ReadOnlySpan<char> value)
    {
        while (!value.IsEmpty)
        {
            var plain = value.IndexOfAnyExcept(_plainAscii);
            if (plain < 0)
            {
                return builder.Append(value);
            }

            builder.Append(value[..plain]);
            value = value[plain..];
            if (value[0] < 128)
            {
                builder.Append(_asciiEscapes[value[0]]);
                value = value[1..];
                continue;
            }

            // Non-ASCII up to the next ASCII character: never splits a surrogate pair, which is two non-ASCII chars.
            var other = value.IndexOfAnyInRange('\0', '\u007F');
            var run = other < 0 ? value : value[..other];
            EncodeSlow(builder, run);
            value = value[run.Length..];
        }

        return builder;
    }

    /// <summary>Appends <c>"value"</c>: the escaped value in quotes.</summary>
    public StringBuilder AppendQuoted(StringBuilder builder, ReadOnlySpan<char> value) =>
        AppendEscaped(builder.Append('"'), value).Append('"');

    private void EncodeSlow(StringBuilder builder, ReadOnlySpan<char> value)
    {
        // One escaped scalar is at most 12 characters ("\uD83D\uDE00"), so every pass consumes something.
        Span<char> buffer = stackalloc char[128];
        while (true)
        {
            var status = _encoder.Encode(value, buffer, out var consumed, out var written, isFinalBlock: true);
            builder.Append(buffer[..written]);
            if (status == OperationStatus.Done)
            {
                return;
            }

            if (status != OperationStatus.DestinationTooSmall)
            {
                // Utf8JsonWriter throws for text its encoder cannot encode; so do we (the built-in encoders replace instead).
                throw new ArgumentException($"cannot encode the text as JSON ({status})", nameof(value));
            }

            value = value[consumed..];
        }
    }
}
