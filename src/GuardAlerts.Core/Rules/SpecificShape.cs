namespace GuardAlerts.Core.Rules;

/// <summary>How a risk-table specific turns the values it reaches into text for a responder.</summary>
public enum SpecificShape
{
    /// <summary>Each value as it is (an id, a name, a CIDR block).</summary>
    Text,

    /// <summary>
    /// Paths [protocol, fromPort, toPort] of each item read together: "tcp/22", "tcp/80-443", "udp/all", "all traffic"
    /// (protocol -1, or the numbers 6, 17, 1 AWS also accepts).
    /// </summary>
    Ports,

    /// <summary>The last segment of an ARN: the policy or role name of "arn:aws:iam::aws:policy/AdministratorAccess".</summary>
    ArnName,

    /// <summary>A policy document: the actions its Allow statements grant ("NotAction" lists read "all but ...").</summary>
    PolicyActions,

    /// <summary>A policy document: the principals its Allow statements admit (who a trust policy lets in).</summary>
    PolicyPrincipals,
}
