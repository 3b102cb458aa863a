using System.Runtime.CompilerServices;
using System.Text.Json;

namespace GuardAlerts.Core.Events;

/// <summary>Room on the stack for the values <see cref="JsonFields.Read"/> finds (at most 24 names).</summary>
[InlineArray(24)]
internal struct JsonValues
{
    private JsonElement _first;
}
