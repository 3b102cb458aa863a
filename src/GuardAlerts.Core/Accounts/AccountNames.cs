using System.Collections.Frozen;
using System.Text;
using GuardAlerts.Core.Config;
using GuardAlerts.Core.Text;

namespace GuardAlerts.Core.Accounts;

/// <summary>
/// Account ids and the names people know them by ("111122223333=prod,444455556666=staging-eu"), validated as AWS
/// Organizations validates an account name: 1 to 50 characters, none of them a control character. A name is only
/// ever shown beside its id; nothing matches on it (an exemption's accounts are ids).
/// </summary>
public sealed class AccountNames : IAccountNameSource
{
    /// <summary>AWS Organizations' longest account name (CreateAccount's AccountName).</summary>
    public const int MaxNameLength = 50;

    private readonly FrozenDictionary<string, string> _names;

    private AccountNames(FrozenDictionary<string, string> names) => _names = names;

    /// <summary>No names.</summary>
    public static AccountNames Empty { get; } = new(FrozenDictionary<string, string>.Empty);

    /// <summary>Every account id and its name.</summary>
    public IReadOnlyDictionary<string, string> Names => _names;

    /// <summary>How many accounts are named.</summary>
    public int Count => _names.Count;

    /// <summary>The account's name, or null when it has none here.</summary>
    public string? NameOf(string? accountId) => accountId is not null && _names.TryGetValue(accountId, out var name) ? name : null;

    /// <inheritdoc />
    public ValueTask<string?> NameOfAsync(string? accountId, CancellationToken cancellationToken) => ValueTask.FromResult(NameOf(accountId));

    /// <summary>These names, and the other's for the accounts these do not name.</summary>
    public AccountNames Over(AccountNames fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        if (fallback.Count == 0 || Count == 0)
        {
            return Count == 0 ? fallback : this;
        }

        var merged = new Dictionary<string, string>(fallback._names, StringComparer.Ordinal);
        foreach (var (id, name) in _names)
        {
            merged[id] = name;
        }

        return new AccountNames(merged.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>
    /// Parses "id=name,id=name". Every problem is added to <paramref name="errors"/>, each naming
    /// <paramref name="setting"/> and the entry; the valid entries are returned. Names may hold spaces and any
    /// punctuation but the comma, which separates entries.
    /// </summary>
    public static AccountNames Parse(string? text, string setting, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                errors.Add($"{setting}: '{DisplayText.Name(entry)}' is not account-id=name (for example 111122223333=prod)");
                continue;
            }

            var id = entry[..equals].Trim();
            var name = entry[(equals + 1)..].Trim();
            if (Problem(id, name) is { } problem)
            {
                errors.Add($"{setting}: '{DisplayText.Name(entry)}': {problem}");
            }
            else if (!names.TryAdd(id, name))
            {
                errors.Add($"{setting}: '{DisplayText.Name(entry)}': account {id} is named twice ('{DisplayText.Name(names[id])}' before)");
            }
        }

        return names.Count == 0 ? Empty : new AccountNames(names.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>Parses "id=name,id=name", or throws a <see cref="ConfigException"/> naming the setting and every bad entry.</summary>
    public static AccountNames Parse(string? text, string setting)
    {
        var errors = new List<string>();
        var names = Parse(text, setting, errors);
        return errors.Count == 0 ? names : throw new ConfigException(string.Join("; ", errors));
    }

    /// <summary>
    /// The valid entries of a directory (AWS Organizations' names as stored): an entry that could not have come from
    /// Organizations (an id that is not 12 digits, an empty, over-long or control-character name) is left out, and
    /// each name is <see cref="Contained"/>.
    /// </summary>
    public static AccountNames From(IEnumerable<KeyValuePair<string, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, name) in entries)
        {
            if (Problem(id, name) is null)
            {
                names[id] = Contained(name);
            }
        }

        return names.Count == 0 ? Empty : new AccountNames(names.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>
    /// An organization's name as alerts show it, between parentheses after the id: a member account's administrators
    /// choose it, so its parentheses become brackets (a name "prod) us-east-1 - root (x" must not close the
    /// parentheses and read as the region and the actor of the alert) and invisible formatting characters (a
    /// right-to-left override reorders the rest of the line) are dropped.
    /// </summary>
    public static string Contained(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var b = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format)
            {
                b.Append(c switch { '(' => '[', ')' => ']', _ => c });
            }
        }

        return b.Length > 0 ? b.ToString() : "?";
    }

    /// <summary>What is wrong with an entry, or null when it is valid.</summary>
    public static string? Problem(string id, string name)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(name);
        if (id.Length != 12 || !id.All(char.IsAsciiDigit))
        {
            return $"the account id '{DisplayText.Name(id)}' is not 12 digits";
        }

        if (name.Length == 0)
        {
            return $"account {id} has an empty name";
        }

        if (name.Any(char.IsControl))
        {
            return $"the name of account {id} holds a control character";
        }

        // Organizations counts characters: an emoji is one, though it takes two UTF-16 code units.
        var length = name.EnumerateRunes().Count();
        return length > MaxNameLength ? $"the name of account {id} has {length} characters, more than {MaxNameLength} (the longest account name AWS allows)" : null;
    }

    /// <summary>"id=name,id=name" in id order: what <see cref="Parse(string?, string)"/> reads back.</summary>
    public override string ToString()
    {
        var b = new StringBuilder();
        foreach (var (id, name) in _names.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            (b.Length > 0 ? b.Append(',') : b).Append(id).Append('=').Append(name);
        }

        return b.ToString();
    }
}
