using System.Text.Json.Serialization;

namespace GuardAlerts.Cli.Replay;

/// <summary>Source-generated JSON for the CLI's output (no reflection serialization anywhere).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ReplayRecord))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
