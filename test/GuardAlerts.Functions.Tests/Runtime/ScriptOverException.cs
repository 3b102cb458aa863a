namespace GuardAlerts.Functions.Tests.Runtime;

/// <summary>Thrown by <see cref="ScriptedRuntimeApi"/> when its invocations are used up.</summary>
internal sealed class ScriptOverException : Exception
{
    public ScriptOverException()
        : base("the scripted Runtime API has no more invocations")
    {
    }

    public ScriptOverException(string message)
        : base(message)
    {
    }

    public ScriptOverException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
