namespace GuardAlerts.Core.Pipeline;

/// <summary>Why a function fails an invocation instead of accepting its decision (<see cref="FunctionAcceptance"/>).</summary>
/// <param name="ErrorType">The Lambda error type (GuardAlerts.RejectedEvent, GuardAlerts.ClaimPending).</param>
/// <param name="Message">The error message, for whoever reads the dead-letter queue.</param>
public sealed record FunctionRefusal(string ErrorType, string Message);
