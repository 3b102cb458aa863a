namespace GuardAlerts.Core.Members;

/// <summary>One member region: an account id (12 digits) and a region name.</summary>
public readonly record struct MemberId(string Account, string Region)
{
    /// <summary>"account:region", as the registry holds it.</summary>
    public override string ToString() => $"{Account}:{Region}";

    /// <summary>Parses "account:region"; null when either part is malformed.</summary>
    public static MemberId? TryParse(string? text)
    {
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon < 0)
        {
            return null;
        }

        var member = new MemberId(text![..colon], text[(colon + 1)..]);
        return IsAccount(member.Account) && IsRegion(member.Region) ? member : null;
    }

    /// <summary>Exactly 12 ASCII digits.</summary>
    public static bool IsAccount(string? value) => value is { Length: 12 } && value.All(char.IsAsciiDigit);

    /// <summary>A region name's shape: lowercase letters, digits and hyphens, starting with a letter (eu-west-1).</summary>
    public static bool IsRegion(string? value) =>
        value is { Length: >= 4 and <= 32 } && char.IsAsciiLetterLower(value[0]) && value.Contains('-', StringComparison.Ordinal)
        && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') && char.IsAsciiDigit(value[^1]);
}
