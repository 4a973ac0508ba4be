using Amazon.Runtime;
using KvsReporting.Aws.Athena;
using KvsReporting.Aws.CloudFormation;
using KvsReporting.Aws.Lambda;
using KvsReporting.Aws.ServerlessRepo;
using KvsReporting.Aws.Waiters;

namespace KvsReporting.Connector;

/// <summary>The settings of one connector deployment.</summary>
public sealed record ConnectorSettings(
    string Catalog,
    string SpillBucket,
    string SpillPrefix,
    int LambdaMemory,
    int LambdaTimeout,
    string ApplicationId,
    string? SemanticVersion);

/// <summary>
/// The Athena DynamoDB connector's three parts (SAR-created CloudFormation stack, Lambda function, Athena LAMBDA
/// catalog): finding them, deploying the application through a SAR change set executed by CloudFormation,
/// registering the catalog, and removing them.
/// </summary>
public sealed class ConnectorService(AthenaClient athena, LambdaClient lambda, CloudFormationClient cloudFormation, ServerlessRepoClient serverlessRepo)
{
    /// <summary>What exists of the connector, or null when none of its parts do.</summary>
    public async Task<KvsAthenaDataSource?> FindAsync(string catalog, CancellationToken cancellationToken)
    {
        var dataCatalog = await FindCatalogAsync(catalog, cancellationToken);
        var function = await lambda.FindFunctionAsync(catalog, cancellationToken);
        var stack = await cloudFormation.FindStackAsync(DataSourceNames.StackNameFor(catalog), cancellationToken);
        if (dataCatalog is null && function is null && stack is null)
        {
            return null;
        }

        var variables = function?.Configuration?.Environment?.Variables;
        var stackStatus = stack?.StackStatus;
        var status = stackStatus is not null && stackStatus.EndsWith("_IN_PROGRESS", StringComparison.Ordinal) && stackStatus != "REVIEW_IN_PROGRESS"
            ? "Deploying"
            : dataCatalog?.Type == "LAMBDA" && function?.Configuration is not null ? "Existing" : "Incomplete";
        return new KvsAthenaDataSource
        {
            Name = catalog,
            Status = status,
            CatalogType = dataCatalog?.Type,
            FunctionName = catalog,
            FunctionArn = function?.Configuration?.FunctionArn ?? dataCatalog?.Parameters?.GetValueOrDefault("function"),
            FunctionState = function?.Configuration is null ? null : function.Configuration.State ?? "Active",
            SpillBucket = variables?.GetValueOrDefault("spill_bucket"),
            SpillPrefix = variables?.GetValueOrDefault("spill_prefix"),
            ConnectorStackName = DataSourceNames.StackNameFor(catalog),
            ConnectorStackStatus = stackStatus,
            ApplicationId = stack?.Tags?.FirstOrDefault(t => t.Key == "serverlessrepo:applicationId")?.Value,
            SemanticVersion = stack?.Tags?.FirstOrDefault(t => t.Key == "serverlessrepo:semanticVersion")?.Value,
        };
    }

    public async Task<AthenaDataCatalog?> FindCatalogAsync(string catalog, CancellationToken cancellationToken)
    {
        try
        {
            return (await athena.GetDataCatalogAsync(new GetDataCatalogRequest { Name = catalog }, cancellationToken)).DataCatalog;
        }
        catch (AmazonServiceException ex) when (ex.ErrorCode is "InvalidRequestException" or "ResourceNotFoundException" || ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Athena answers an unknown catalog with InvalidRequestException ("... not found").
            return null;
        }
    }

    /// <summary>Asks SAR for a change set of the connector and waits until CloudFormation has it ready.</summary>
    public async Task<(string ChangeSetId, string StackId, string SemanticVersion)> CreateChangeSetAsync(ConnectorSettings settings, WaitOptions wait, CancellationToken cancellationToken)
    {
        var application = await serverlessRepo.GetApplicationAsync(
            new GetApplicationRequest { ApplicationId = settings.ApplicationId, SemanticVersion = settings.SemanticVersion }, cancellationToken);
        var version = application.Version ?? throw new InvalidOperationException($"SAR returned no version for {settings.ApplicationId}.");
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AthenaCatalogName"] = settings.Catalog,
            ["SpillBucket"] = settings.SpillBucket,
            ["SpillPrefix"] = settings.SpillPrefix,
            ["LambdaMemory"] = settings.LambdaMemory.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LambdaTimeout"] = settings.LambdaTimeout.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        // Only what this version of the application declares: SAR rejects unknown parameters.
        var declared = version.ParameterDefinitions.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var created = await serverlessRepo.CreateCloudFormationChangeSetAsync(new CreateCloudFormationChangeSetRequest
        {
            ApplicationId = settings.ApplicationId,
            SemanticVersion = version.SemanticVersion,
            StackName = settings.Catalog,
            Capabilities = version.RequiredCapabilities,
            // Not flagged as an idempotency token in SAR's model, but SAR honours it: set once, reused by SDK retries.
            ClientToken = Guid.NewGuid().ToString(),
            ParameterOverrides = wanted.Where(p => declared.Contains(p.Key)).Select(p => new KvsReporting.Aws.ServerlessRepo.ParameterValue { Name = p.Key, Value = p.Value }).ToList(),
        }, cancellationToken);
        var changeSetId = created.ChangeSetId ?? throw new InvalidOperationException("SAR returned no change set id.");
        var ready = await CloudFormationWaiters.ChangeSetCreateCompleteAsync(cloudFormation, changeSetId, null, wait, cancellationToken);
        if (ready.State != WaitState.Success)
        {
            throw new ConnectorDeploymentException($"CloudFormation could not prepare the connector's change set: {ready.Last.StatusReason}", ready.Last.StatusReason);
        }

        return (changeSetId, created.StackId ?? ready.Last.StackId ?? string.Empty, version.SemanticVersion);
    }

    public Task ExecuteAsync(string changeSetId, CancellationToken cancellationToken) =>
        cloudFormation.ExecuteChangeSetAsync(new ExecuteChangeSetRequest { ChangeSetName = changeSetId, ClientRequestToken = "kvs-connector-" + Guid.NewGuid().ToString("N") }, cancellationToken);

    /// <summary>Waits for the connector stack; a failed deployment is reported with CloudFormation's first failure reason.</summary>
    public async Task WaitForStackAsync(string catalog, WaitOptions wait, CancellationToken cancellationToken)
    {
        var stackName = DataSourceNames.StackNameFor(catalog);
        var done = await CloudFormationWaiters.StackCreateCompleteAsync(cloudFormation, stackName, wait, cancellationToken);
        if (done.State == WaitState.Success)
        {
            return;
        }

        string? reason = done.Last?.StackStatusReason;
        await foreach (var stackEvent in cloudFormation.DescribeAllStackEventsAsync(stackName, cancellationToken))
        {
            if (stackEvent.ResourceStatus?.EndsWith("_FAILED", StringComparison.Ordinal) == true && stackEvent.ResourceStatusReason is { Length: > 0 } why)
            {
                reason = $"{stackEvent.LogicalResourceId}: {why}";
            }
        }

        throw new ConnectorDeploymentException($"The connector stack {stackName} ended {done.Status}: {reason}", reason);
    }

    /// <summary>
    /// Registers the LAMBDA catalog. CreateDataCatalog has no idempotency token: when a retry of an applied
    /// create answers "already exists", the catalog is read back and accepted if it points at the same function.
    /// </summary>
    public async Task RegisterCatalogAsync(string catalog, string functionArn, CancellationToken cancellationToken)
    {
        try
        {
            await athena.CreateDataCatalogAsync(new CreateDataCatalogRequest
            {
                Name = catalog,
                Type = "LAMBDA",
                Description = "Athena DynamoDB connector (KvsReporting)",
                Parameters = new Dictionary<string, string> { ["function"] = functionArn },
            }, cancellationToken);
        }
        catch (AmazonServiceException ex) when (ex.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase))
        {
            var existing = await FindCatalogAsync(catalog, cancellationToken);
            if (existing?.Type != "LAMBDA" || existing.Parameters?.GetValueOrDefault("function") != functionArn)
            {
                throw;
            }
        }
    }

    /// <summary>Deletes the catalog and the connector stack; returns what was deleted.</summary>
    public async Task<(bool Catalog, bool Stack)> RemoveAsync(string catalog, bool wait, WaitOptions waitOptions, CancellationToken cancellationToken)
    {
        var catalogDeleted = false;
        if (await FindCatalogAsync(catalog, cancellationToken) is not null)
        {
            await athena.DeleteDataCatalogAsync(new DeleteDataCatalogRequest { Name = catalog }, cancellationToken);
            catalogDeleted = true;
        }

        var stackName = DataSourceNames.StackNameFor(catalog);
        var stack = await cloudFormation.FindStackAsync(stackName, cancellationToken);
        if (stack is null || stack.StackStatus == "DELETE_COMPLETE")
        {
            return (catalogDeleted, false);
        }

        await cloudFormation.DeleteStackAsync(new DeleteStackRequest { StackName = stackName }, cancellationToken);
        if (wait)
        {
            var done = await CloudFormationWaiters.StackDeleteCompleteAsync(cloudFormation, stackName, waitOptions, cancellationToken);
            if (done.State != WaitState.Success)
            {
                throw new ConnectorDeploymentException($"Deleting {stackName} ended {done.Status}: {done.Last?.StackStatusReason}", done.Last?.StackStatusReason);
            }
        }

        return (catalogDeleted, true);
    }

    /// <summary>The function ARN from the stack id's partition, region and account (known before the stack exists).</summary>
    public static string FunctionArnFor(string stackId, string catalog, string region)
    {
        var parts = stackId.Split(':');
        return parts.Length >= 6
            ? $"arn:{parts[1]}:lambda:{parts[3]}:{parts[4]}:function:{catalog}"
            : $"arn:aws:lambda:{region}:*:function:{catalog}";
    }
}

/// <summary>A deployment step CloudFormation reported as failed.</summary>
public sealed class ConnectorDeploymentException : Exception
{
    public ConnectorDeploymentException()
    {
    }

    public ConnectorDeploymentException(string message)
        : base(message)
    {
    }

    public ConnectorDeploymentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConnectorDeploymentException(string message, string? reason)
        : base(message)
    {
        Reason = reason;
    }

    public string? Reason { get; }
}
