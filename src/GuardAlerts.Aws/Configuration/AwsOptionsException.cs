namespace GuardAlerts.Aws.Configuration;

/// <summary>Missing or invalid AWS adapter settings; the message names each offending variable.</summary>
public sealed class AwsOptionsException : Exception
{
    public AwsOptionsException()
    {
        Errors = [];
    }

    public AwsOptionsException(string message)
        : base(message)
    {
        Errors = [message];
    }

    public AwsOptionsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public AwsOptionsException(IReadOnlyList<string> errors)
        : base("Invalid AWS settings: " + string.Join("; ", errors))
    {
        Errors = errors;
    }

    /// <summary>One message per problem, each naming its variable.</summary>
    public IReadOnlyList<string> Errors { get; }
}
