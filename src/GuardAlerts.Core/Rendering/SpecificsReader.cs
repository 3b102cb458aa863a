using System.Globalization;
using System.Text.Json;
using GuardAlerts.Core.Events;
using GuardAlerts.Core.Rules;
using GuardAlerts.Core.Text;

namespace GuardAlerts.Core.Rendering;

/// <summary>Reads a rule's specifics from an event (<see cref="RiskRule.Specifics"/>).</summary>
public static class SpecificsReader
{
    // Bounds what one hostile event can put in an alert: a request with 5,000 CIDR blocks shows the first few and a count.
    private const int MaxValues = 20;
    private const int MaxValueLength = 256;

    /// <summary>Every specific of the rule that the event has a value for, in the rule's order.</summary>
    public static IReadOnlyList<SpecificText> Read(RiskRule rule, SecurityEvent e)
    {
        if (rule.Specifics.Count == 0 || e.Detail.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var result = new List<SpecificText>(rule.Specifics.Count);
        foreach (var specific in rule.Specifics)
        {
            var values = new List<string>();
            var total = 0;
            foreach (var text in Values(specific, e))
            {
                var clean = TextSanitizer.ToSingleLine(text, MaxValueLength);
                if (clean.Length == 0 || values.Contains(clean, StringComparer.Ordinal))
                {
                    continue;
                }

                total++;
                if (values.Count < MaxValues)
                {
                    values.Add(clean);
                }
            }

            if (total > values.Count)
            {
                values.Add(string.Create(CultureInfo.InvariantCulture, $"and {total - values.Count} more"));
            }

            if (values.Count > 0)
            {
                result.Add(new SpecificText(specific.Label, values));
            }
        }

        return result;
    }

    private static IEnumerable<string> Values(Specific specific, SecurityEvent e)
    {
        var items = new List<JsonElement>();
        if (specific.ItemPaths.Count == 0)
        {
            items.Add(e.Detail);
        }

        foreach (var path in specific.ItemPaths)
        {
            path.Collect(e.Detail, items);
        }

        var reached = new List<JsonElement>();
        foreach (var item in items)
        {
            if (specific.Shape == SpecificShape.Ports)
            {
                if (Ports(specific.Paths, item) is { } ports)
                {
                    yield return ports;
                }

                continue;
            }

            reached.Clear();
            foreach (var path in specific.Paths)
            {
                path.Collect(item, reached);
            }

            foreach (var value in reached)
            {
                foreach (var text in Shaped(specific.Shape, value))
                {
                    yield return text;
                }
            }
        }
    }

    private static IEnumerable<string> Shaped(SpecificShape shape, JsonElement value) => shape switch
    {
        SpecificShape.ArnName => JsonRead.ScalarText(value) is { } arn ? [Attribution.ArnParts.LastSegment(arn) ?? arn] : [],
        SpecificShape.PolicyActions => PolicySummary.Actions(value),
        SpecificShape.PolicyPrincipals => PolicySummary.Principals(value),
        _ => JsonRead.ScalarText(value) is { } text ? [text] : [],
    };

    /// <summary>"tcp/22", "tcp/80-443", "udp/all", "all traffic" from [protocol, fromPort, toPort] of one item.</summary>
    private static string? Ports(IReadOnlyList<JsonPath> paths, JsonElement item)
    {
        string? First(int index)
        {
            if (index >= paths.Count)
            {
                return null;
            }

            var values = new List<JsonElement>();
            paths[index].Collect(item, values);
            return values.Count > 0 ? JsonRead.ScalarText(values[0])?.Trim() : null;
        }

        var protocol = First(0);
        if (protocol is null)
        {
            return null;
        }

        // AWS accepts names and IANA numbers; -1 (or "all") is every protocol and every port.
        var name = protocol.ToLowerInvariant() switch
        {
            "-1" or "all" => null,
            "6" => "tcp",
            "17" => "udp",
            "1" => "icmp",
            "58" => "icmpv6",
            var other => other,
        };
        if (name is null)
        {
            return "all traffic";
        }

        var from = First(1);
        var to = First(2) ?? from;
        if (name is "icmp" or "icmpv6" || from is null)
        {
            return name;
        }

        return (from, to) switch
        {
            ("-1", _) or ("0", "65535") => name + "/all",
            _ when from == to => $"{name}/{from}",
            _ => $"{name}/{from}-{to}",
        };
    }
}
