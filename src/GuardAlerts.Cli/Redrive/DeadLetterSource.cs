namespace GuardAlerts.Cli.Redrive;

/// <summary>Who put a message into the dead-letter queue, which decides where the event and the failure are.</summary>
internal enum DeadLetterSource
{
    /// <summary>A Lambda asynchronous invocation record (on-failure destination): the event is requestPayload.</summary>
    LambdaDestination,

    /// <summary>An EventBridge target DLQ: the event is the body; ERROR_CODE/ERROR_MESSAGE attributes say why.</summary>
    EventBridge,

    /// <summary>A Lambda function DLQ: the event is the body; ErrorCode/ErrorMessage attributes say why.</summary>
    LambdaDeadLetterQueue,

    /// <summary>None of the above: the body is taken as the event.</summary>
    Unknown,
}
