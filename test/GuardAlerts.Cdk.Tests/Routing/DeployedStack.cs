using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace GuardAlerts.Cdk.Tests.Routing;

/// <summary>
/// A synthesized template as if CloudFormation had deployed it in an account and region: every Ref, Fn::GetAtt,
/// Fn::Join and Fn::Sub resolved, with the names the template gives, else generated physical names of the form
/// "stack-LogicalId-SUFFIX" (at most 64 characters), so patterns and policies can be evaluated the way the services will see them.
/// </summary>
public sealed class DeployedStack
{
    public const string Account = "111122223333";

    private readonly JsonObject _resources;

    public DeployedStack(string stackName, string region, JsonNode template, string account = Account)
    {
        ArgumentNullException.ThrowIfNull(template);
        StackName = stackName;
        Region = region;
        AccountId = account;
        Template = template;
        _resources = template["Resources"]!.AsObject();
    }

    public string StackName { get; }

    /// <summary>The stack's ID as CloudFormation gives it (an ARN ending in a fixed id here).</summary>
    public string StackId => $"arn:aws:cloudformation:{Region}:{AccountId}:stack/{StackName}/6a1f2b30-0c4d-11f0-9a5e-0a1b2c3d4e5f";

    public string Region { get; }

    /// <summary>The account the stack is deployed in (<see cref="Account"/> unless another is given).</summary>
    public string AccountId { get; }

    public JsonNode Template { get; }

    /// <summary>(logical id, properties) of every resource of this type.</summary>
    public IEnumerable<(string Id, JsonObject Properties)> Resources(string type) =>
        _resources.Where(r => (string?)r.Value!["Type"] == type).Select(r => (r.Key, r.Value!["Properties"]?.AsObject() ?? []));

    public string TypeOf(string logicalId) => (string)_resources[logicalId]!["Type"]!;

    /// <summary>A deep copy of the node with every intrinsic function replaced by its deployed value.</summary>
    public JsonNode? Resolve(JsonNode? node) => node switch
    {
        JsonObject { Count: 1 } o when o.First().Key is "Ref" or "Fn::GetAtt" or "Fn::Join" or "Fn::Sub" => JsonValue.Create(Intrinsic(o)),
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Resolve(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Resolve).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };

    public string ResolveText(JsonNode? node) =>
        Resolve(node) is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new InvalidOperationException($"{node?.ToJsonString()} does not resolve to a string");

    /// <summary>The resource's name: the one the template gives it, or the one CloudFormation generates.</summary>
    public string PhysicalName(string logicalId)
    {
        if (NameProperties.TryGetValue(TypeOf(logicalId), out var property) && _resources[logicalId]!["Properties"]?[property] is { } explicitName)
        {
            return ResolveText(explicitName);
        }

        var suffix = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(StackName + "/" + logicalId)))[..12];
        var room = 64 - StackName.Length - suffix.Length - 2;
        return $"{StackName}-{logicalId[..Math.Min(logicalId.Length, Math.Max(room, 1))]}-{suffix}";
    }

    public string Ref(string name) => name switch
    {
        "AWS::AccountId" => AccountId,
        "AWS::Region" => Region,
        "AWS::Partition" => "aws",
        "AWS::URLSuffix" => "amazonaws.com",
        "AWS::StackName" => StackName,
        "AWS::StackId" => StackId,
        "AWS::NoValue" => "",
        _ => TypeOf(name) switch
        {
            "AWS::SNS::Topic" => Arn("sns", PhysicalName(name)),
            "AWS::SQS::Queue" => $"https://sqs.{Region}.amazonaws.com/{AccountId}/{PhysicalName(name)}",
            "AWS::KMS::Key" => KeyId(name),
            "AWS::S3::Bucket" => PhysicalName(name).ToLowerInvariant(),
            _ => PhysicalName(name),
        },
    };

    public string GetAtt(string logicalId, string attribute)
    {
        var name = PhysicalName(logicalId);
        return (TypeOf(logicalId), attribute) switch
        {
            ("AWS::Lambda::Function", "Arn") => Arn("lambda", "function:" + name),
            ("AWS::IAM::Role", "Arn") => $"arn:aws:iam::{AccountId}:role/{name}",
            ("AWS::Events::EventBus", "Arn") => Arn("events", "event-bus/" + name),
            ("AWS::DynamoDB::Table", "Arn") => Arn("dynamodb", "table/" + name),
            ("AWS::SNS::Topic", "TopicName") => name,
            ("AWS::SNS::Topic", "TopicArn") => Arn("sns", name),
            ("AWS::KMS::Key", "Arn") => Arn("kms", "key/" + KeyId(logicalId)),
            ("AWS::SQS::Queue", "Arn") => Arn("sqs", name),
            ("AWS::SQS::Queue", "QueueName") => name,
            ("AWS::Events::Rule", "Arn") => Arn("events", "rule/" + name),
            ("AWS::CloudWatch::Alarm", "Arn") => Arn("cloudwatch", "alarm:" + name),
            ("AWS::Logs::LogGroup", "Arn") => Arn("logs", "log-group:" + name + ":*"),
            ("AWS::S3::Bucket", "Arn") => "arn:aws:s3:::" + name.ToLowerInvariant(),
            ("AWS::CloudTrail::Trail", "Arn") => Arn("cloudtrail", "trail/" + name),
            var (type, attr) => throw new NotSupportedException($"Fn::GetAtt {logicalId}.{attr} ({type})"),
        };
    }

    // The property that names a resource of each type, where the template may set it.
    private static readonly Dictionary<string, string> NameProperties = new(StringComparer.Ordinal)
    {
        ["AWS::Events::Rule"] = "Name",
        ["AWS::Events::EventBus"] = "Name",
        ["AWS::IAM::Role"] = "RoleName",
        ["AWS::CloudWatch::Alarm"] = "AlarmName",
        ["AWS::Lambda::Function"] = "FunctionName",
        ["AWS::DynamoDB::Table"] = "TableName",
        ["AWS::SNS::Topic"] = "TopicName",
        ["AWS::SQS::Queue"] = "QueueName",
        ["AWS::CloudTrail::Trail"] = "TrailName",
        ["AWS::Logs::LogGroup"] = "LogGroupName",
        ["AWS::S3::Bucket"] = "BucketName",
    };

    private string Arn(string service, string resource) => $"arn:aws:{service}:{Region}:{AccountId}:{resource}";

    private string KeyId(string logicalId) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(StackName + "/" + logicalId))[..16]).ToString();

    private string Intrinsic(JsonObject o)
    {
        var (name, argument) = o.First();
        return name switch
        {
            "Ref" => Ref((string)argument!),
            "Fn::GetAtt" => GetAtt((string)argument![0]!, (string)argument[1]!),
            "Fn::Join" => string.Join((string)argument![0]!, argument[1]!.AsArray().Select(ResolveText)),
            "Fn::Sub" => Sub(argument is JsonArray a ? (string)a[0]! : (string)argument!, argument is JsonArray b ? b[1]!.AsObject() : null),
            _ => throw new NotSupportedException(name),
        };
    }

    private string Sub(string text, JsonObject? variables)
    {
        var result = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var end = text.IndexOf('}', i);
                var variable = text[(i + 2)..end];
                result.Append(variables?[variable] is { } v ? ResolveText(v)
                    : variable.Contains('.', StringComparison.Ordinal) && !variable.StartsWith("AWS::", StringComparison.Ordinal)
                        ? GetAtt(variable[..variable.IndexOf('.', StringComparison.Ordinal)], variable[(variable.IndexOf('.', StringComparison.Ordinal) + 1)..])
                        : Ref(variable));
                i = end;
            }
            else
            {
                result.Append(text[i]);
            }
        }

        return result.ToString();
    }
}
