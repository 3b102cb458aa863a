using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using GuardAlerts.Aws.Configuration;
using GuardAlerts.Aws.Ledger;
using GuardAlerts.Aws.Organizations;
using GuardAlerts.Aws.Sns;
using GuardAlerts.Core.Members;

namespace GuardAlerts.Aws.Members;

/// <summary>Builds the member watch on the production adapters (the ledger table, the pager topic, Organizations).</summary>
public sealed class MemberWatchAdapters : IDisposable
{
    private readonly AmazonDynamoDBClient _dynamoDb;

    private MemberWatchAdapters(AmazonDynamoDBClient dynamoDb, MemberWatch watch)
    {
        _dynamoDb = dynamoDb;
        Watch = watch;
    }

    /// <summary>The watch.</summary>
    public MemberWatch Watch { get; }

    /// <summary>
    /// Creates the adapters with the default credential chain. <paramref name="aws"/>'s topic is the pager topic; its
    /// account is the central account, which is never expected.
    /// </summary>
    public static MemberWatchAdapters Create(AwsAdapterOptions aws, MemberWatchOptions members, HttpClient httpClient, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(aws);
        ArgumentNullException.ThrowIfNull(members);
        AWSCredentials credentials = DefaultAWSCredentialsIdentityResolver.GetCredentials();
        var dynamoDb = DynamoDbClientFactory.Create(aws.Region, credentials);
        var store = new DynamoDbMemberStore(dynamoDb, aws.TableName, timeProvider);
        var pager = new SnsAlertPublisher(httpClient, SnsPublisherSettings.From(aws), credentials, timeProvider);
        var directory = members.OrganizationId is null ? null : new OrganizationsClient(httpClient, members.OrganizationsEndpoint, credentials, timeProvider);
        var settings = new MemberWatchSettings(aws.Topic.Account, members.Regions, members.Accounts);
        return new MemberWatchAdapters(dynamoDb, new MemberWatch(settings, store, directory, pager, timeProvider));
    }

    /// <inheritdoc />
    public void Dispose() => _dynamoDb.Dispose();
}
