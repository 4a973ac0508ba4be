using System.Runtime.CompilerServices;
using Amazon.Runtime;
using KvsReporting.Aws.Runtime;

namespace KvsReporting.Aws.QuickSight;

/// <summary>QuickSight (REST-JSON): data sources, data sets, ingestions and principals, all under /accounts/{AwsAccountId}.</summary>
public sealed class QuickSightClient : KvsServiceClient
{
    public static readonly KvsServiceDescription Description =
        new("QuickSight", "quicksight", "quicksight", "2018-04-01", AwsProtocol.RestJson);

    private const string DataSources = "/accounts/{AwsAccountId}/data-sources";
    private const string DataSets = "/accounts/{AwsAccountId}/data-sets";

    public static readonly AwsOperation CreateDataSourceOperation = new("CreateDataSource", "POST", DataSources);
    public static readonly AwsOperation DescribeDataSourceOperation = new("DescribeDataSource", "GET", DataSources + "/{DataSourceId}");
    public static readonly AwsOperation UpdateDataSourceOperation = new("UpdateDataSource", "PUT", DataSources + "/{DataSourceId}");
    public static readonly AwsOperation DeleteDataSourceOperation = new("DeleteDataSource", "DELETE", DataSources + "/{DataSourceId}");
    public static readonly AwsOperation CreateDataSetOperation = new("CreateDataSet", "POST", DataSets);
    public static readonly AwsOperation DescribeDataSetOperation = new("DescribeDataSet", "GET", DataSets + "/{DataSetId}");
    public static readonly AwsOperation UpdateDataSetOperation = new("UpdateDataSet", "PUT", DataSets + "/{DataSetId}");
    public static readonly AwsOperation DeleteDataSetOperation = new("DeleteDataSet", "DELETE", DataSets + "/{DataSetId}");
    public static readonly AwsOperation DescribeDataSetPermissionsOperation = new("DescribeDataSetPermissions", "GET", DataSets + "/{DataSetId}/permissions");
    public static readonly AwsOperation UpdateDataSetPermissionsOperation = new("UpdateDataSetPermissions", "POST", DataSets + "/{DataSetId}/permissions");
    public static readonly AwsOperation CreateIngestionOperation = new("CreateIngestion", "PUT", DataSets + "/{DataSetId}/ingestions/{IngestionId}");
    public static readonly AwsOperation DescribeIngestionOperation = new("DescribeIngestion", "GET", DataSets + "/{DataSetId}/ingestions/{IngestionId}");
    public static readonly AwsOperation ListUsersOperation = new("ListUsers", "GET", "/accounts/{AwsAccountId}/namespaces/{Namespace}/users");
    public static readonly AwsOperation ListGroupsOperation = new("ListGroups", "GET", "/accounts/{AwsAccountId}/namespaces/{Namespace}/groups");

    public QuickSightClient(AWSCredentials credentials, KvsServiceConfig config)
        : base(credentials, config)
    {
    }

    public Task<CreateDataSourceResponse> CreateDataSourceAsync(CreateDataSourceRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<CreateDataSourceResponse>(CreateDataSourceOperation, request, cancellationToken);

    public Task<DescribeDataSourceResponse> DescribeDataSourceAsync(DescribeDataSourceRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<DescribeDataSourceResponse>(DescribeDataSourceOperation, request, cancellationToken);

    public Task<UpdateDataSourceResponse> UpdateDataSourceAsync(UpdateDataSourceRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<UpdateDataSourceResponse>(UpdateDataSourceOperation, request, cancellationToken);

    public Task<DeleteDataSourceResponse> DeleteDataSourceAsync(DeleteDataSourceRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<DeleteDataSourceResponse>(DeleteDataSourceOperation, request, cancellationToken);

    public Task<CreateDataSetResponse> CreateDataSetAsync(CreateDataSetRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<CreateDataSetResponse>(CreateDataSetOperation, request, cancellationToken);

    public Task<DescribeDataSetResponse> DescribeDataSetAsync(DescribeDataSetRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<DescribeDataSetResponse>(DescribeDataSetOperation, request, cancellationToken);

    public Task<UpdateDataSetResponse> UpdateDataSetAsync(UpdateDataSetRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<UpdateDataSetResponse>(UpdateDataSetOperation, request, cancellationToken);

    public Task<DeleteDataSetResponse> DeleteDataSetAsync(DeleteDataSetRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<DeleteDataSetResponse>(DeleteDataSetOperation, request, cancellationToken);

    public Task<DescribeDataSetPermissionsResponse> DescribeDataSetPermissionsAsync(DescribeDataSetPermissionsRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<DescribeDataSetPermissionsResponse>(DescribeDataSetPermissionsOperation, request, cancellationToken);

    public Task<UpdateDataSetPermissionsResponse> UpdateDataSetPermissionsAsync(UpdateDataSetPermissionsRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<UpdateDataSetPermissionsResponse>(UpdateDataSetPermissionsOperation, request, cancellationToken);

    public Task<CreateIngestionResponse> CreateIngestionAsync(CreateIngestionRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<CreateIngestionResponse>(CreateIngestionOperation, request, cancellationToken);

    public Task<DescribeIngestionResponse> DescribeIngestionAsync(DescribeIngestionRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<DescribeIngestionResponse>(DescribeIngestionOperation, request, cancellationToken);

    public Task<ListUsersResponse> ListUsersAsync(ListUsersRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ListUsersResponse>(ListUsersOperation, request, cancellationToken);

    public Task<ListGroupsResponse> ListGroupsAsync(ListGroupsRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ListGroupsResponse>(ListGroupsOperation, request, cancellationToken);

    /// <summary>Every user of a namespace (all pages).</summary>
    public async IAsyncEnumerable<User> ListAllUsersAsync(string awsAccountId, string @namespace = "default", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? token = null;
        do
        {
            var page = await ListUsersAsync(new ListUsersRequest { AwsAccountId = awsAccountId, Namespace = @namespace, NextToken = token }, cancellationToken).ConfigureAwait(false);
            foreach (var user in page.UserList)
            {
                yield return user;
            }

            token = page.NextToken;
        }
        while (!string.IsNullOrEmpty(token));
    }

    /// <summary>Every group of a namespace (all pages).</summary>
    public async IAsyncEnumerable<Group> ListAllGroupsAsync(string awsAccountId, string @namespace = "default", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? token = null;
        do
        {
            var page = await ListGroupsAsync(new ListGroupsRequest { AwsAccountId = awsAccountId, Namespace = @namespace, NextToken = token }, cancellationToken).ConfigureAwait(false);
            foreach (var group in page.GroupList)
            {
                yield return group;
            }

            token = page.NextToken;
        }
        while (!string.IsNullOrEmpty(token));
    }

    /// <summary>True for QuickSight's not-found answer.</summary>
    public static bool IsNotFound(AmazonServiceException exception) =>
        exception is not null && (exception.ErrorCode == "ResourceNotFoundException" || exception.StatusCode == System.Net.HttpStatusCode.NotFound);
}
