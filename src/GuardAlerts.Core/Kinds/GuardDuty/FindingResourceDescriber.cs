using System.Text;
using System.Text.Json;
using GuardAlerts.Core.Events;

namespace GuardAlerts.Core.Kinds.GuardDuty;

/// <summary>Describes a finding's affected resource in words, whatever its resourceType.</summary>
internal static class FindingResourceDescriber
{
    // A finding may list thousands of buckets or containers; an alert names a few and counts the rest.
    private const int MaxListed = 3;

    public static string Describe(JsonElement resource, AccessKeyDetails? accessKey)
    {
        var type = JsonRead.Str(resource, "resourceType", true) ?? "unknown resource";
        return type switch
        {
            "Instance" => Instance(resource),
            "AccessKey" => AccessKey(accessKey),
            "S3Bucket" => Listed("S3 bucket", JsonRead.Arr(resource, "s3BucketDetails", true), "name") ?? "S3 bucket",
            "KubernetesCluster" or "EKSCluster" => Kubernetes(resource),
            "ECSCluster" => Ecs(resource),
            "Container" => Container(resource),
            "RDSDBInstance" => Rds(resource),
            "Lambda" => Lambda(resource),
            _ => type,
        };
    }

    private static string Instance(JsonElement resource)
    {
        if (JsonRead.Obj(resource, "instanceDetails", true) is not { } d)
        {
            return "EC2 instance";
        }

        var text = new StringBuilder("EC2 instance ").Append(JsonRead.Str(d, "instanceId", true) ?? "(unknown id)");
        var details = new List<string>();
        if (JsonRead.Str(d, "instanceType", true) is { } t)
        {
            details.Add(t);
        }

        if (JsonRead.Arr(d, "tags", true) is { } tags)
        {
            foreach (var tag in tags.EnumerateArray())
            {
                if (JsonRead.Str(tag, "key", true) == "Name" && JsonRead.Str(tag, "value", true) is { } name)
                {
                    details.Add("Name=" + name);
                    break;
                }
            }
        }

        return details.Count > 0 ? text.Append(" (").AppendJoin(", ", details).Append(')').ToString() : text.ToString();
    }

    private static string AccessKey(AccessKeyDetails? key) => key is null
        ? "access key"
        : $"access key {key.AccessKeyId ?? "(unknown)"} of {key.UserType ?? "principal"} {key.UserName ?? key.PrincipalId ?? "(unknown)"}";

    private static string Kubernetes(JsonElement resource)
    {
        var cluster = JsonRead.Obj(resource, "eksClusterDetails", true) is { } e ? JsonRead.Str(e, "name", true) : null;
        var workload = JsonRead.Obj(resource, "kubernetesDetails", true) is { } k
            && JsonRead.Obj(k, "kubernetesWorkloadDetails", true) is { } w
            ? $"{JsonRead.Str(w, "namespace", true)}/{JsonRead.Str(w, "name", true)}"
            : null;
        var text = "EKS cluster " + (cluster ?? "(unknown)");
        return workload is null ? text : $"{text}, workload {workload}";
    }

    private static string Ecs(JsonElement resource)
    {
        var cluster = JsonRead.Obj(resource, "ecsClusterDetails", true);
        var name = cluster is { } c ? JsonRead.Str(c, "name", true) ?? JsonRead.Str(c, "arn", true) : null;
        var task = cluster is { } c2 && JsonRead.Obj(c2, "taskDetails", true) is { } t ? JsonRead.Str(t, "definitionArn", true) : null;
        var text = "ECS cluster " + (name ?? "(unknown)");
        return task is null ? text : $"{text}, task definition {task}";
    }

    private static string Container(JsonElement resource)
    {
        if (JsonRead.Obj(resource, "containerDetails", true) is not { } c)
        {
            return "container";
        }

        var image = JsonRead.Str(c, "image", true);
        var text = "container " + (JsonRead.Str(c, "name", true) ?? JsonRead.Str(c, "id", true) ?? "(unknown)");
        return image is null ? text : $"{text} (image {image})";
    }

    private static string Rds(JsonElement resource)
    {
        if (JsonRead.Obj(resource, "rdsDbInstanceDetails", true) is not { } d)
        {
            return "RDS DB instance";
        }

        var engine = JsonRead.Str(d, "engine", true);
        var text = "RDS DB instance " + (JsonRead.Str(d, "dbInstanceIdentifier", true) ?? "(unknown)");
        return engine is null ? text : $"{text} ({engine})";
    }

    private static string Lambda(JsonElement resource) =>
        JsonRead.Obj(resource, "lambdaDetails", true) is { } l
            ? "Lambda function " + (JsonRead.Str(l, "functionName", true) ?? JsonRead.Str(l, "functionArn", true) ?? "(unknown)")
            : "Lambda function";

    private static string? Listed(string noun, JsonElement? items, string field)
    {
        if (items is not { } array)
        {
            return null;
        }

        var names = new List<string>(MaxListed);
        var total = 0;
        foreach (var item in array.EnumerateArray())
        {
            total++;
            if (names.Count < MaxListed && JsonRead.Str(item, field, true) is { } name)
            {
                names.Add(name);
            }
        }

        if (names.Count == 0)
        {
            return null;
        }

        var text = $"{noun}{(total > 1 ? "s" : "")} {string.Join(", ", names)}";
        return total > names.Count ? $"{text} and {total - names.Count} more" : text;
    }
}
