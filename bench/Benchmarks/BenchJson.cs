using System.Text.Json;
using System.Text.Json.Serialization;

namespace GuardAlerts.Benchmarks;

/// <summary>Source-generated JSON (no reflection anywhere, as in the rest of the repository).</summary>
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class BenchJson : JsonSerializerContext;
