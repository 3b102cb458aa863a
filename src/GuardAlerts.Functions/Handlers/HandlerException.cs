namespace GuardAlerts.Functions.Handlers;

/// <summary>An event this function will not process; the message says why, for whoever reads the dead-letter queue.</summary>
internal sealed class HandlerException : Exception
{
    public HandlerException(string errorType, string message) : base(message) => ErrorType = errorType;

    public HandlerException() : this("GuardAlerts.Error", "error") { }

    public HandlerException(string message) : this("GuardAlerts.Error", message) { }

    public HandlerException(string message, Exception inner) : base(message, inner) => ErrorType = "GuardAlerts.Error";

    /// <summary>GuardAlerts.RejectedEvent, GuardAlerts.WrongEventKind, ...</summary>
    public string ErrorType { get; }
}
