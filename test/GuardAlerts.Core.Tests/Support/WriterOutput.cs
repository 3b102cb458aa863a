using System.Buffers;
using System.Text;
using System.Text.Json;

namespace GuardAlerts.Core.Tests.Support;

/// <summary>What <see cref="Utf8JsonWriter"/> writes with the given options: the reference for hand-built JSON text.</summary>
internal static class WriterOutput
{
    public static string Of(JsonWriterOptions options, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
