using Amazon.CDK.AWS.Lambda;

namespace GuardAlerts.Cdk.Constructs;

/// <summary>A function of the stack, watched by self-protection and alarmed like every other.</summary>
internal interface IPipelineFunction
{
    /// <summary>Its _HANDLER value: "guardduty", "cloudtrail" or "members".</summary>
    string Kind { get; }

    Function Function { get; }
}
