namespace GuardAlerts.Testing;

/// <summary>Starts many callers and releases them at once, so their requests really overlap.</summary>
public static class StartGate
{
    public static async Task<T[]> RunTogetherAsync<T>(int count, Func<Task<T>> action)
    {
        using var gate = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, count).Select(_ => Task.Run(async () =>
        {
            gate.Wait();
            return await action();
        })).ToList();
        gate.Set();
        return await Task.WhenAll(tasks);
    }
}
