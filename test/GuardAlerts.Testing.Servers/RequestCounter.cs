using System.Collections.Concurrent;

namespace GuardAlerts.Testing.Servers;

/// <summary>Counts the HTTP requests an AWS client sends, by operation (X-Amz-Target for DynamoDB).</summary>
public sealed class RequestCounter
{
    private readonly ConcurrentQueue<string> _operations = new();

    public int Count => _operations.Count;

    public IReadOnlyList<string> Operations => [.. _operations];

    public void Record(string operation) => _operations.Enqueue(operation);

    public void Reset() => _operations.Clear();
}
