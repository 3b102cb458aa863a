namespace GuardAlerts.Aws.Organizations;

/// <summary>An AWS Organizations call that failed; the message names the call, the error code and AWS's message.</summary>
public sealed class OrganizationsException : Exception
{
    public OrganizationsException()
    {
    }

    public OrganizationsException(string message) : base(message)
    {
    }

    public OrganizationsException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public OrganizationsException(string code, string message, bool isRetryable, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        IsRetryable = isRetryable;
    }

    /// <summary>AccessDeniedException, AWSOrganizationsNotInUseException, TooManyRequestsException, Http500, Network, ...</summary>
    public string Code { get; } = "Error";

    /// <summary>Whether another attempt may succeed (throttling, 5xx, network).</summary>
    public bool IsRetryable { get; }
}
