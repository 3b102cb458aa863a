using System.Net;

namespace GuardAlerts.Aws.Sns;

/// <summary>
/// SNS did not accept the message. <see cref="IsRetryable"/> false (InvalidParameter, AuthorizationError,
/// NotFound, ...) means a retry of the same request will fail the same way: fix the topic, policy or message.
/// </summary>
public sealed class SnsPublishException : Exception
{
    public SnsPublishException()
    {
        ErrorCode = "Unknown";
    }

    public SnsPublishException(string message)
        : base(message)
    {
        ErrorCode = "Unknown";
    }

    public SnsPublishException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = "Unknown";
    }

    public SnsPublishException(
        string errorCode, string message, HttpStatusCode? statusCode, string? requestId, bool isRetryable, int attempts, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
        StatusCode = statusCode;
        RequestId = requestId;
        IsRetryable = isRetryable;
        Attempts = attempts;
    }

    /// <summary>The AWS error code (InvalidParameter, Throttling, ...), or Http{status}/Network when SNS gave none.</summary>
    public string ErrorCode { get; }

    /// <summary>The HTTP status of the last response, if one came.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>SNS's request id, for AWS support.</summary>
    public string? RequestId { get; }

    /// <summary>True for throttling, 5xx and network errors (retried until attempts ran out).</summary>
    public bool IsRetryable { get; }

    /// <summary>How many requests were sent.</summary>
    public int Attempts { get; }
}
