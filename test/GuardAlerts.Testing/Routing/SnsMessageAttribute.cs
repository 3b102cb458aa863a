namespace GuardAlerts.Testing.Routing;

/// <summary>One SNS message attribute as a publisher sends it: DataType String, String.Array, Number or Binary.</summary>
public sealed record SnsMessageAttribute(string DataType, string Value)
{
    public static SnsMessageAttribute String(string value) => new("String", value);
}
