using System.Management.Automation;
using KvsReporting.Completion;
using KvsReporting.Aws;
using KvsReporting.Aws.Iam;
using KvsReporting.Aws.Lambda;
using KvsReporting.Cmdlets;
using KvsReporting.Errors;

namespace KvsReporting.QuickSight;

/// <summary>
/// <para type="synopsis">Grants QuickSight's service role the inline policies QuickSightLambdaAccess and QuickSightS3Access.</para>
/// <para type="description">By default least privilege: lambda:InvokeFunction on the Athena DynamoDB connector's function only, and the seven S3 actions the seed lists on the stack's spill and query-result buckets only. -Broad writes the seed's wildcard versions instead. A policy that already means the same (same actions and resources, in any order or casing) is left alone, so a second run changes nothing; -WhatIf shows the difference a write would make. Takes a stack object (SpillBucket, QueryResultBucket) or a data-source object (FunctionArn) from the pipeline.</para>
/// </summary>
[Cmdlet(VerbsCommon.Add, "KvsQuickSightPolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(KvsQuickSightPolicy))]
public sealed class AddKvsQuickSightPolicyCommand : KvsQuickSightPolicyCmdlet
{
    /// <summary>
    /// <para type="description">ARN of the connector's Lambda function. Binds from a data-source object. Without it the function named by -FunctionName is looked up.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? FunctionArn { get; set; }

    /// <summary>
    /// <para type="description">Name of the connector's Lambda function when -FunctionArn is not given. Default: kvsworkshop (the data source's lower-cased name).</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string FunctionName { get; set; } = "kvsworkshop";

    /// <summary>
    /// <para type="description">The connector's spill bucket. Binds from a stack object.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? SpillBucket { get; set; }

    /// <summary>
    /// <para type="description">The Athena query-result bucket. Binds from a stack object.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? QueryResultBucket { get; set; }

    /// <summary>
    /// <para type="description">More buckets QuickSight may read and write (bucket names, not ARNs).</para>
    /// </summary>
    [Parameter]
    public string[] Bucket { get; set; } = [];

    /// <summary>
    /// <para type="description">Write the seed's wildcard policies (any function, any bucket) instead of least privilege.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Broad { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var connection = await GetAwsConnectionAsync();
        var store = CreatePolicyStore(connection);
        var region = connection.Region.SystemName;
        var endpoint = connection.EndpointFor(IamClient.Description)?.ToString();

        var role = await Call(() => store.FindRoleAsync(RoleName, cancellationToken), IamClient.GetRoleOperation.Name, RoleName);
        if (role is null)
        {
            throw KvsErrors.Terminating(
                $"The IAM role '{RoleName}' does not exist.",
                "KvsAddQuickSightPolicyRoleNotFound",
                ErrorCategory.ObjectNotFound,
                RoleName,
                "QuickSight creates aws-quicksight-service-role-v0 when Athena access is enabled in its security settings; enable it there or pass -RoleName.");
        }

        var functionArn = Broad ? null : FunctionArn ?? await ResolveFunctionArnAsync(connection, cancellationToken);
        var buckets = new[] { SpillBucket, QueryResultBucket }.Concat(Bucket).Where(b => !string.IsNullOrWhiteSpace(b)).Select(b => b!).ToList();
        if (!Broad && buckets.Count == 0)
        {
            throw KvsErrors.Terminating(
                "No bucket to grant: least privilege needs the stack's spill and query-result buckets.",
                "KvsAddQuickSightPolicyBucketMissing",
                ErrorCategory.InvalidArgument,
                RoleName,
                "Pipe the stack object (Get-KvsReportingStack | Add-KvsQuickSightPolicy), pass -SpillBucket/-QueryResultBucket/-Bucket, or use -Broad.");
        }

        var partition = QuickSightPolicyTemplates.PartitionOf(functionArn ?? role.Arn);
        var desired = new[]
        {
            (QuickSightPolicyTemplates.LambdaPolicyName, QuickSightPolicyTemplates.LambdaPolicy(functionArn, Broad)),
            (QuickSightPolicyTemplates.S3PolicyName, QuickSightPolicyTemplates.S3Policy(buckets, Broad, partition)),
        };

        foreach (var (policyName, document) in desired)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = await Call(() => store.FindPolicyAsync(RoleName, policyName, cancellationToken), IamClient.GetRolePolicyOperation.Name, policyName);
            var plan = new QuickSightPolicyPlan(RoleName, policyName, current, document);
            if (plan.IsEquivalent)
            {
                EmitVerbose($"Inline policy {policyName} on role {RoleName} already grants exactly this; not written.");
                Emit(Describe(policyName, current!, "Unchanged", region, endpoint));
                continue;
            }

            var verb = plan.Exists ? "Update" : "Create";
            var change = string.Join(Environment.NewLine, plan.Difference);
            if (!await ShouldProcessAsync($"IAM role '{RoleName}', inline policy '{policyName}'", $"{verb} inline policy:{Environment.NewLine}{change}{Environment.NewLine}"))
            {
                continue;
            }

            await Call(() => store.PutAsync(RoleName, policyName, document, cancellationToken), IamClient.PutRolePolicyOperation.Name, policyName);
            var written = Describe(policyName, document, plan.Exists ? "Updated" : "Created", region, endpoint);
            written.Difference = plan.Difference;
            Emit(written);
        }
    }

    private async Task<string> ResolveFunctionArnAsync(Aws.Connection.AwsConnection connection, CancellationToken cancellationToken)
    {
        var lambda = GetClient(connection, LambdaClient.Description, ServiceClientFactories.CreateLambda);
        var function = await Call(() => lambda.FindFunctionAsync(FunctionName, cancellationToken), LambdaClient.GetFunctionOperation.Name, FunctionName);
        return function?.Configuration?.FunctionArn ?? throw KvsErrors.Terminating(
            $"The connector function '{FunctionName}' does not exist, so a least-privilege Lambda policy cannot name it.",
            "KvsAddQuickSightPolicyFunctionNotFound",
            ErrorCategory.ObjectNotFound,
            FunctionName,
            "Deploy the connector first (New-KvsAthenaDataSource | Add-KvsQuickSightPolicy), pass -FunctionArn or -FunctionName, or use -Broad.");
    }

    private KvsQuickSightPolicy Describe(string policyName, string document, string status, string region, string? endpoint)
    {
        var policy = QuickSightPolicyInspector.Describe(RoleName, policyName, document, status);
        policy.Region = region;
        policy.EndpointUrl = endpoint;
        return policy;
    }

    private async Task<T> Call<T>(Func<Task<T>> call, string operation, string target)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (AwsFailure.Is(ex))
        {
            throw new KvsErrorException(AwsError(ex, operation, target, $"role '{RoleName}'"));
        }
    }

    private async Task Call(Func<Task> call, string operation, string target) =>
        await Call(async () => { await call(); return true; }, operation, target);
}
