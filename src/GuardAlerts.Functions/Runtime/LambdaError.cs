namespace GuardAlerts.Functions.Runtime;

/// <summary>An error reported to the Runtime API: errorType is what the dead-letter reader sees first.</summary>
internal sealed record LambdaError(string ErrorType, string ErrorMessage);
