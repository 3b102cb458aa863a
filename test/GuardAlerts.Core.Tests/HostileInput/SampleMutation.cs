using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GuardAlerts.Core.Tests.HostileInput;

/// <summary>
/// One mutation of a sample in events/: which sample, what to do, where (an index into the sample's JSON nodes or
/// bytes, taken modulo their count) and what to inject. Plain integers, so CsCheck can generate and shrink them.
/// </summary>
internal sealed record SampleMutation(int Sample, MutationKind Kind, int Where, int Inject)
{
    /// <summary>Characters a user could put in any string field: line breaks, NUL, controls, bidi, emoji, quotes.</summary>
    public static readonly string[] Injections =
    [
        "\r\n", "\n" + HostileEvents.Marker + ": forged", "\0", "\u0007\u001b[2J\u007f", "\u0085\u2028\u2029", "\u202Egpj.exe", "\u2066\u200F\u061C",
        "👩‍💻🔥", "\uFEFF\u200B", "\"'\\", "Subject: x\r\nBcc: y", "ـ\u0300\u0301\u0302", "\t\v\f",
    ];

    /// <summary>Raw bytes to splice into the serialized sample: invalid UTF-8, NUL, CR/LF, a BOM, a lone surrogate's encoding.</summary>
    public static readonly byte[][] RawBytes =
    [
        [0xC3, 0x28], [0x00], [0x0D, 0x0A], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xED, 0xA0, 0x80], [0x0A], [0x22],
    ];

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The mutated sample's bytes (one line unless the mutation injects a raw line break).</summary>
    public byte[] Apply(JsonNode sample)
    {
        var root = sample.DeepClone();
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var node = nodes[Where % nodes.Count];
        var text = Injections[Inject % Injections.Length];
        switch (Kind)
        {
            case MutationKind.DropField:
                Drop(node);
                break;
            case MutationKind.SetNull:
                Replace(node, null);
                break;
            case MutationKind.ChangeType:
                Replace(node, Retyped(node));
                break;
            case MutationKind.InjectIntoString:
                var strings = nodes.Where(n => n.GetValueKind() == JsonValueKind.String).ToList();
                if (strings.Count > 0)
                {
                    var target = strings[Where % strings.Count];
                    var value = target.GetValue<string>();
                    var at = value.Length == 0 ? 0 : Where % (value.Length + 1);
                    // Never split a surrogate pair: that would be a lone surrogate, which the writer cannot encode.
                    at = at > 0 && at < value.Length && char.IsLowSurrogate(value[at]) ? at - 1 : at;
                    Replace(target, JsonValue.Create(value.Insert(at, text)));
                }

                break;
            case MutationKind.ReplaceWithLongString:
                Replace(node, JsonValue.Create(string.Concat(Enumerable.Repeat(text, 5_000))));
                break;
        }

        var bytes = Encoding.UTF8.GetBytes(root.ToJsonString(Relaxed));
        return Kind switch
        {
            MutationKind.Truncate => bytes[..(Where % Math.Max(1, bytes.Length))],
            MutationKind.SpliceRawBytes => [.. bytes[..(Where % bytes.Length)], .. RawBytes[Inject % RawBytes.Length], .. bytes[(Where % bytes.Length)..]],
            _ => bytes,
        };
    }

    private static void Collect(JsonNode? node, List<JsonNode> nodes)
    {
        if (node is null)
        {
            return;
        }

        nodes.Add(node);
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o.ToList())
                {
                    Collect(child, nodes);
                }

                break;
            case JsonArray a:
                foreach (var child in a.ToList())
                {
                    Collect(child, nodes);
                }

                break;
        }
    }

    private static JsonNode? Retyped(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => double.TryParse(node.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            ? JsonValue.Create(d)
            : JsonValue.Create(42),
        JsonValueKind.Number => JsonValue.Create(node.ToJsonString()),
        JsonValueKind.True or JsonValueKind.False => JsonValue.Create("yes"),
        JsonValueKind.Object => JsonValue.Create("an object was here"),
        JsonValueKind.Array => new JsonObject { ["0"] = 1 },
        _ => new JsonArray(),
    };

    private static void Drop(JsonNode node)
    {
        switch (node.Parent)
        {
            case JsonObject o:
                o.Remove(node.GetPropertyName());
                break;
            case JsonArray a:
                a.RemoveAt(node.GetElementIndex());
                break;
        }
    }

    private static void Replace(JsonNode node, JsonNode? replacement)
    {
        switch (node.Parent)
        {
            case JsonObject o:
                o[node.GetPropertyName()] = replacement;
                break;
            case JsonArray a:
                a[node.GetElementIndex()] = replacement;
                break;
        }
    }

    public override string ToString() => $"sample #{Sample}, {Kind} at {Where}, injection #{Inject}";
}
