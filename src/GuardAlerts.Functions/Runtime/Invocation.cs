namespace GuardAlerts.Functions.Runtime;

/// <summary>One event handed out by the Lambda Runtime API.</summary>
/// <param name="RequestId">Lambda-Runtime-Aws-Request-Id.</param>
/// <param name="Deadline">Lambda-Runtime-Deadline-Ms: when Lambda stops the invocation.</param>
/// <param name="TraceId">Lambda-Runtime-Trace-Id, passed on in _X_AMZN_TRACE_ID.</param>
/// <param name="FunctionArn">Lambda-Runtime-Invoked-Function-Arn.</param>
/// <param name="Payload">The event bytes.</param>
internal sealed record Invocation(string RequestId, DateTimeOffset? Deadline, string? TraceId, string? FunctionArn, byte[] Payload);
