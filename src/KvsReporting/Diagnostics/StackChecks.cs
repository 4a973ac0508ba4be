using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using KvsReporting.Aws.Athena;
using KvsReporting.Aws.CloudFormation;
using KvsReporting.Aws.Glue;
using KvsReporting.Aws.Iam;
using KvsReporting.Aws.Lambda;
using KvsReporting.Aws.Waiters;
using KvsReporting.QuickSight;

namespace KvsReporting.Diagnostics;

/// <summary>The clients a diagnosis talks to.</summary>
public sealed record StackCheckClients(
    CloudFormationClient CloudFormation,
    IAmazonS3 S3,
    IamClient Iam,
    GlueClient Glue,
    AthenaClient Athena,
    LambdaClient Lambda);

/// <summary>
/// The checks behind Test-KvsReportingStack: the seed's troubleshooting list turned into one row per check.
/// A check that cannot even ask (access denied, service error) is a Fail row that says so, never an exception.
/// </summary>
public sealed class StackChecks(StackCheckClients clients, StackFacts facts)
{
    private static readonly string[] TableReadActions = ["dynamodb:DescribeTable", "dynamodb:Scan"];

    private string TableArn => $"arn:{facts.Partition}:dynamodb:{facts.Region}:{facts.Account ?? "*"}:table/{facts.TableName}";

    public async Task<KvsDiagnostic> StackStatusAsync(CancellationToken cancellationToken)
    {
        const string Check = DiagnosticCheck.StackStatus;
        return await Guard(Check, facts.StackName, async () =>
        {
            var stack = await clients.CloudFormation.FindStackAsync(facts.StackName, cancellationToken);
            if (stack is null)
            {
                return KvsDiagnostic.Fail(Check, facts.StackName, $"Stack '{facts.StackName}' does not exist in {facts.Region}.", "New-KvsReportingStack -StackName " + facts.StackName, "KvsGetStackNotFound");
            }

            var status = stack.StackStatus;
            return status switch
            {
                "CREATE_COMPLETE" or "UPDATE_COMPLETE" => KvsDiagnostic.Pass(Check, facts.StackName, status),
                _ when status.EndsWith("_IN_PROGRESS", StringComparison.Ordinal) => KvsDiagnostic.Warn(Check, facts.StackName, $"{status}: an operation is still running.", "Wait for it: Get-KvsReportingStack shows the final status."),
                _ => KvsDiagnostic.Fail(Check, facts.StackName, $"{status}: {stack.StackStatusReason}", "Look at the stack events (the first FAILED resource) and fix or re-create the stack."),
            };
        });
    }

    /// <summary>Exists, all four public-access blocks, default encryption, versioning.</summary>
    public async IAsyncEnumerable<KvsDiagnostic> BucketAsync(string label, string? bucket, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var check = $"{label} bucket";
        if (string.IsNullOrEmpty(bucket))
        {
            yield return KvsDiagnostic.Fail(check, null, "The stack names no such bucket (no output).", "Pipe the stack from Get-KvsReportingStack, or re-deploy it with New-KvsReportingStack.");
            yield break;
        }

        var exists = await Guard($"{check} exists", bucket, async () =>
        {
            await clients.S3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket }, cancellationToken);
            return KvsDiagnostic.Pass($"{check} exists", bucket, $"s3://{bucket}");
        });
        yield return exists;
        if (exists.Status != KvsDiagnosticStatus.Pass)
        {
            yield break;
        }

        yield return await Guard($"{check} public access", bucket, async () =>
        {
            var block = (await clients.S3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = bucket }, cancellationToken)).PublicAccessBlockConfiguration;
            var all = block is not null && block.BlockPublicAcls == true && block.IgnorePublicAcls == true && block.BlockPublicPolicy == true && block.RestrictPublicBuckets == true;
            return all
                ? KvsDiagnostic.Pass($"{check} public access", bucket, "All four public-access blocks are on.")
                : KvsDiagnostic.Fail($"{check} public access", bucket, "Not all four public-access blocks are on.", $"Turn on BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy and RestrictPublicBuckets for {bucket} (the stack template sets them).");
        }, missing: ("NoSuchPublicAccessBlockConfiguration", KvsDiagnostic.Fail($"{check} public access", bucket, "The bucket has no public-access block.", $"Turn on all four public-access blocks for {bucket}.")));

        yield return await Guard($"{check} encryption", bucket, async () =>
        {
            var rules = (await clients.S3.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = bucket }, cancellationToken)).ServerSideEncryptionConfiguration?.ServerSideEncryptionRules;
            var algorithm = rules?.FirstOrDefault()?.ServerSideEncryptionByDefault?.ServerSideEncryptionAlgorithm?.Value;
            return algorithm is null
                ? KvsDiagnostic.Warn($"{check} encryption", bucket, "No default encryption rule.", $"Set default encryption (SSE-S3 or SSE-KMS) on {bucket}.")
                : KvsDiagnostic.Pass($"{check} encryption", bucket, $"Default encryption {algorithm}.");
        }, missing: ("ServerSideEncryptionConfigurationNotFoundError", KvsDiagnostic.Warn($"{check} encryption", bucket, "No default encryption rule.", $"Set default encryption (SSE-S3 or SSE-KMS) on {bucket}.")));

        yield return await Guard($"{check} versioning", bucket, async () =>
        {
            var status = (await clients.S3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = bucket }, cancellationToken)).VersioningConfig?.Status?.Value;
            return status == "Enabled"
                ? KvsDiagnostic.Pass($"{check} versioning", bucket, "Versioning enabled.")
                : KvsDiagnostic.Warn($"{check} versioning", bucket, $"Versioning is {status ?? "off"}.", $"Enable versioning on {bucket} (the stack template does).");
        });
    }

    /// <summary>Writes and deletes a probe object under the spill prefix, as the connector would.</summary>
    public Task<KvsDiagnostic> SpillWritableAsync(CancellationToken cancellationToken)
    {
        const string Check = "Spill bucket writable";
        if (string.IsNullOrEmpty(facts.SpillBucket))
        {
            return Task.FromResult(KvsDiagnostic.Fail(Check, null, "No spill bucket known.", "Pipe the stack from Get-KvsReportingStack."));
        }

        var key = $"{facts.SpillPrefix}/kvs-diagnostic-{Guid.NewGuid():N}";
        return Guard(Check, facts.SpillBucket, async () =>
        {
            await clients.S3.PutObjectAsync(new PutObjectRequest { BucketName = facts.SpillBucket, Key = key, ContentBody = "probe" }, cancellationToken);
            await clients.S3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = facts.SpillBucket, Key = key }, cancellationToken);
            return KvsDiagnostic.Pass(Check, facts.SpillBucket, $"Wrote and deleted s3://{facts.SpillBucket}/{key}.");
        });
    }

    /// <summary>The crawler's role must allow DescribeTable and Scan on the table (the seed's first trouble).</summary>
    public Task<KvsDiagnostic> CrawlerRoleAsync(CancellationToken cancellationToken)
    {
        const string Check = "Crawler role reads table";
        return Guard(Check, facts.CrawlerName, async () =>
        {
            var crawler = (await clients.Glue.GetCrawlerAsync(new GetCrawlerRequest { Name = facts.CrawlerName }, cancellationToken)).Crawler;
            var role = crawler?.Role;
            if (string.IsNullOrEmpty(role))
            {
                return KvsDiagnostic.Fail(Check, facts.CrawlerName, "The crawler has no role.", "Re-deploy the stack (New-KvsReportingStack) so the crawler gets its Glue role.");
            }

            var roleName = role.Contains('/', StringComparison.Ordinal) ? role[(role.LastIndexOf('/') + 1)..] : role;
            var simulated = await SimulateAsync(role, roleName, cancellationToken);
            if (simulated is { } denied)
            {
                return denied.Count == 0
                    ? KvsDiagnostic.Pass(Check, roleName, $"IAM's policy simulator allows {string.Join(", ", TableReadActions)} on {facts.TableName} for role {roleName}.")
                    : KvsDiagnostic.Fail(Check, roleName, $"IAM's policy simulator denies {string.Join(", ", denied)} on {TableArn} for role {roleName}.", $"Add an inline policy to {roleName} allowing dynamodb:DescribeTable, Scan and GetItem on the table (the stack template does).");
            }

            var documents = new List<string>();
            await foreach (var name in clients.Iam.ListAllRolePolicyNamesAsync(roleName, cancellationToken))
            {
                documents.Add((await clients.Iam.GetRolePolicyAsync(new GetRolePolicyRequest { RoleName = roleName, PolicyName = name }, cancellationToken)).PolicyDocument);
            }

            var missing = TableReadActions.Where(a => !PolicyEvaluator.Allows(documents, a, TableArn)).ToList();
            return missing.Count == 0
                ? KvsDiagnostic.Pass(Check, roleName, $"Role {roleName} allows {string.Join(", ", TableReadActions)} on {facts.TableName}.")
                : KvsDiagnostic.Fail(Check, roleName, $"Role {roleName} does not allow {string.Join(", ", missing)} on {TableArn} in its inline policies.", $"Add an inline policy to {roleName} allowing dynamodb:DescribeTable, Scan and GetItem on the table (the stack template does).");
        });
    }

    /// <summary>
    /// The actions IAM's simulator denies (managed and inline policies, boundaries), or null when the simulator
    /// cannot be asked (no iam:SimulatePrincipalPolicy, or an emulator without it): then inline policies are read.
    /// </summary>
    private async Task<List<string>?> SimulateAsync(string role, string roleName, CancellationToken cancellationToken)
    {
        try
        {
            var roleArn = role.StartsWith("arn:", StringComparison.Ordinal)
                ? role
                : (await clients.Iam.GetRoleAsync(new GetRoleRequest { RoleName = roleName }, cancellationToken)).Role?.Arn;
            if (roleArn is null || facts.Account is null)
            {
                return null;
            }

            var result = await clients.Iam.SimulatePrincipalPolicyAsync(new SimulatePrincipalPolicyRequest
            {
                PolicySourceArn = roleArn,
                ActionNames = TableReadActions,
                ResourceArns = [TableArn],
            }, cancellationToken);
            if (result.EvaluationResults.Count == 0)
            {
                return null;
            }

            return result.EvaluationResults.Where(r => r.EvalDecision != "allowed").Select(r => r.EvalActionName).ToList();
        }
        catch (AmazonServiceException)
        {
            return null;
        }
    }

    public Task<KvsDiagnostic> LastCrawlAsync(CancellationToken cancellationToken)
    {
        const string Check = DiagnosticCheck.LastCrawl;
        return Guard(Check, facts.CrawlerName, async () =>
        {
            var crawler = (await clients.Glue.GetCrawlerAsync(new GetCrawlerRequest { Name = facts.CrawlerName }, cancellationToken)).Crawler;
            if (crawler?.State is "RUNNING" or "STOPPING")
            {
                return KvsDiagnostic.Warn(Check, facts.CrawlerName, $"The crawler is {crawler.State}.", "Wait for it: Start-KvsCrawler -Wait, or Get-KvsCrawlerStatus.");
            }

            var last = crawler?.LastCrawl;
            return last?.Status switch
            {
                "SUCCEEDED" => KvsDiagnostic.Pass(Check, facts.CrawlerName, $"Succeeded {last.StartTime:u}."),
                "FAILED" => KvsDiagnostic.Fail(Check, facts.CrawlerName, $"Failed {last.StartTime:u}: {last.ErrorMessage}", "Fix the cause (often the crawler role's table access) and run Start-KvsCrawler -Wait."),
                "CANCELLED" => KvsDiagnostic.Warn(Check, facts.CrawlerName, $"Cancelled {last.StartTime:u}.", "Start-KvsCrawler -Wait"),
                _ => KvsDiagnostic.Warn(Check, facts.CrawlerName, "The crawler has never run, so the Glue table may not exist yet.", "Start-KvsCrawler -Wait"),
            };
        });
    }

    /// <summary>The Glue database the crawler writes (the stack creates it).</summary>
    public Task<KvsDiagnostic> GlueDatabaseAsync(CancellationToken cancellationToken)
    {
        const string Check = DiagnosticCheck.GlueDatabase;
        var missing = KvsDiagnostic.Fail(Check, facts.GlueDatabase, $"Glue has no database '{facts.GlueDatabase}' in {facts.Region}.", "Re-deploy the stack with New-KvsReportingStack (it creates the database).");
        return Guard(Check, facts.GlueDatabase, async () =>
        {
            var database = (await clients.Glue.GetDatabaseAsync(new GetDatabaseRequest { Name = facts.GlueDatabase }, cancellationToken)).Database;
            return database is null ? missing : KvsDiagnostic.Pass(Check, facts.GlueDatabase, $"AwsDataCatalog.{database.Name ?? facts.GlueDatabase}.");
        }, notFound: missing);
    }

    /// <summary>The crawled table is in the Glue database with the five detection columns and the crawler's types.</summary>
    public Task<KvsDiagnostic> DetectionsTableAsync(CancellationToken cancellationToken)
    {
        const string Check = DiagnosticCheck.DetectionsTable;
        var name = facts.TableName.ToLowerInvariant();
        var qualified = $"AwsDataCatalog.{facts.GlueDatabase}.{name}";
        var missing = KvsDiagnostic.Fail(Check, qualified, $"{qualified} is not in the Glue catalog: the crawler has not created it yet, or it was deleted.", "Start-KvsCrawler -Wait", "KvsInvokeQueryTableNotFound");
        return Guard(Check, qualified, async () =>
        {
            await foreach (var table in clients.Glue.GetAllTablesAsync(facts.GlueDatabase, cancellationToken))
            {
                if (string.Equals(table.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    var columns = (table.StorageDescriptor?.Columns ?? []).Select(c => (c.Name ?? string.Empty, c.Type ?? string.Empty)).ToList();
                    return DetectionTableShape.Evaluate(qualified, columns, rows: null, "Start-KvsCrawler -Wait (the crawler updates the table in place); if a column still differs, the source items drifted: check them.");
                }
            }

            return missing;
        }, notFound: missing);
    }

    public Task<KvsDiagnostic> WorkGroupAsync(CancellationToken cancellationToken)
    {
        const string Check = DiagnosticCheck.WorkGroup;
        return Guard(Check, facts.WorkGroup, async () =>
        {
            var workGroup = (await clients.Athena.GetWorkGroupAsync(new GetWorkGroupRequest { WorkGroup = facts.WorkGroup }, cancellationToken)).WorkGroup;
            var location = workGroup?.Configuration?.ResultConfiguration?.OutputLocation;
            if (string.IsNullOrEmpty(location))
            {
                return KvsDiagnostic.Fail(Check, facts.WorkGroup, "The workgroup has no query result location.", $"Set the workgroup's result location to s3://{facts.QueryResultBucket ?? "<query bucket>"}/athena-results/ (the stack template does).");
            }

            if (workGroup?.State == "DISABLED")
            {
                return KvsDiagnostic.Fail(Check, facts.WorkGroup, "The workgroup is disabled.", "Enable the workgroup in Athena.");
            }

            return facts.QueryResultBucket is { Length: > 0 } bucket && !location.StartsWith($"s3://{bucket}/", StringComparison.Ordinal)
                ? KvsDiagnostic.Warn(Check, facts.WorkGroup, $"Results go to {location}, not the stack's query bucket {bucket}.", "Point the workgroup at the stack's query bucket or re-deploy the stack.")
                : KvsDiagnostic.Pass(Check, facts.WorkGroup, location);
        });
    }

    public Task<KvsDiagnostic> ConnectorFunctionAsync(CancellationToken cancellationToken)
    {
        const string Check = "Connector function";
        return Guard(Check, facts.ConnectorCatalog, async () =>
        {
            var function = await clients.Lambda.FindFunctionAsync(facts.ConnectorCatalog, cancellationToken);
            var state = function?.Configuration?.State;
            return function?.Configuration is null
                ? KvsDiagnostic.Fail(Check, facts.ConnectorCatalog, $"No Lambda function '{facts.ConnectorCatalog}'.", "New-KvsAthenaDataSource")
                : state is null or "Active"
                    ? KvsDiagnostic.Pass(Check, function.Configuration.FunctionArn, $"{function.Configuration.FunctionArn} ({state ?? "state not reported"})")
                    : KvsDiagnostic.Warn(Check, function.Configuration.FunctionArn, $"The function is {state}: {function.Configuration.StateReason}", "Wait until it is Active, or re-deploy with Remove-KvsAthenaDataSource; New-KvsAthenaDataSource.");
        });
    }

    public Task<KvsDiagnostic> ConnectorCatalogAsync(CancellationToken cancellationToken)
    {
        const string Check = DiagnosticCheck.ConnectorCatalog;
        return Guard(Check, facts.ConnectorCatalog, async () =>
        {
            var catalog = (await clients.Athena.GetDataCatalogAsync(new GetDataCatalogRequest { Name = facts.ConnectorCatalog }, cancellationToken)).DataCatalog;
            if (catalog is null)
            {
                return KvsDiagnostic.Fail(Check, facts.ConnectorCatalog, $"No Athena data catalog '{facts.ConnectorCatalog}'.", "New-KvsAthenaDataSource");
            }

            var function = catalog.Parameters?.GetValueOrDefault("function");
            return catalog.Type == "LAMBDA" && !string.IsNullOrEmpty(function)
                ? KvsDiagnostic.Pass(Check, facts.ConnectorCatalog, $"LAMBDA catalog for {function}.")
                : KvsDiagnostic.Fail(Check, facts.ConnectorCatalog, $"Catalog type {catalog.Type} without a function.", "Remove-KvsAthenaDataSource; New-KvsAthenaDataSource");
        }, notFound: KvsDiagnostic.Fail(Check, facts.ConnectorCatalog, $"No Athena data catalog '{facts.ConnectorCatalog}'.", "New-KvsAthenaDataSource"));
    }

    /// <summary>Both inline policies present and covering the connector function and the stack's buckets.</summary>
    public Task<KvsDiagnostic> QuickSightPoliciesAsync(string? functionArn, CancellationToken cancellationToken)
    {
        const string Check = "QuickSight role policies";
        var role = facts.QuickSightRoleName;
        return Guard(Check, role, async () =>
        {
            var store = new QuickSightPolicyStore(clients.Iam);
            if (await store.FindRoleAsync(role, cancellationToken) is null)
            {
                return KvsDiagnostic.Fail(Check, role, $"Role {role} does not exist.", "Enable Athena access in QuickSight's security settings (it creates the role), then Add-KvsQuickSightPolicy.");
            }

            var lambda = await store.FindPolicyAsync(role, QuickSightPolicyTemplates.LambdaPolicyName, cancellationToken);
            var s3 = await store.FindPolicyAsync(role, QuickSightPolicyTemplates.S3PolicyName, cancellationToken);
            var absent = new[] { (QuickSightPolicyTemplates.LambdaPolicyName, lambda), (QuickSightPolicyTemplates.S3PolicyName, s3) }.Where(p => p.Item2 is null).Select(p => p.Item1).ToList();
            if (absent.Count > 0)
            {
                return KvsDiagnostic.Fail(Check, role, $"Missing inline policies: {string.Join(", ", absent)}.", "Get-KvsReportingStack | Add-KvsQuickSightPolicy");
            }

            var gaps = new List<string>();
            var target = functionArn ?? $"arn:{facts.Partition}:lambda:{facts.Region}:{facts.Account ?? "*"}:function:{facts.ConnectorCatalog}";
            if (!PolicyEvaluator.Allows([lambda!], "lambda:InvokeFunction", target))
            {
                gaps.Add($"lambda:InvokeFunction on {target}");
            }

            foreach (var bucket in new[] { facts.SpillBucket, facts.QueryResultBucket }.Where(b => !string.IsNullOrEmpty(b)))
            {
                foreach (var action in QuickSightPolicyTemplates.S3Actions)
                {
                    var resource = action is "s3:ListBucket" or "s3:GetBucketLocation" or "s3:ListBucketMultipartUploads"
                        ? $"arn:{facts.Partition}:s3:::{bucket}"
                        : $"arn:{facts.Partition}:s3:::{bucket}/object";
                    if (!PolicyEvaluator.Allows([s3!], action, resource))
                    {
                        gaps.Add($"{action} on {bucket}");
                    }
                }
            }

            if (gaps.Count > 0)
            {
                return KvsDiagnostic.Fail(Check, role, "Not granted: " + string.Join("; ", gaps.Take(5)) + (gaps.Count > 5 ? $" (+{gaps.Count - 5} more)" : string.Empty), "Get-KvsReportingStack | Add-KvsQuickSightPolicy");
            }

            var scopes = new[] { QuickSightPolicyInspector.Describe(role, QuickSightPolicyTemplates.LambdaPolicyName, lambda!, "Present"), QuickSightPolicyInspector.Describe(role, QuickSightPolicyTemplates.S3PolicyName, s3!, "Present") };
            return scopes.Any(s => s.Scope == "Broad")
                ? KvsDiagnostic.Warn(Check, role, "Sufficient, but wildcard (the seed's broad policies).", "Get-KvsReportingStack | Add-KvsQuickSightPolicy (least privilege replaces them).")
                : KvsDiagnostic.Pass(Check, role, "Both policies present and sufficient.");
        });
    }

    /// <summary>Runs the seed's test query through the connector (or the Glue catalog when no connector exists).</summary>
    public Task<KvsDiagnostic> SmokeQueryAsync(bool connectorPresent, TimeSpan timeout, CancellationToken cancellationToken)
    {
        const string Check = DiagnosticCheck.SmokeQuery;
        var catalog = connectorPresent ? facts.ConnectorCatalog : "AwsDataCatalog";
        var database = connectorPresent ? "default" : facts.GlueDatabase;
        var sql = $"SELECT * FROM \"{database}\".\"{facts.TableName.ToLowerInvariant()}\" LIMIT 10";
        return Guard(Check, facts.WorkGroup, async () =>
        {
            var id = (await clients.Athena.StartQueryExecutionAsync(new StartQueryExecutionRequest
            {
                QueryString = sql,
                WorkGroup = facts.WorkGroup,
                QueryExecutionContext = new AthenaQueryExecutionContext { Catalog = catalog, Database = database },
            }, cancellationToken)).QueryExecutionId!;
            try
            {
                var result = await Waiter.WaitAsync(
                    $"Smoke query {id}",
                    async ct => (await clients.Athena.GetQueryExecutionAsync(new GetQueryExecutionRequest { QueryExecutionId = id }, ct)).QueryExecution,
                    q => q?.Status?.State switch
                    {
                        "SUCCEEDED" => (WaitState.Success, "SUCCEEDED"),
                        "FAILED" or "CANCELLED" => (WaitState.Failure, q.Status.State!),
                        var s => (WaitState.Pending, s ?? "QUEUED"),
                    },
                    new WaitOptions { MinDelay = TimeSpan.FromMilliseconds(500), MaxDelay = TimeSpan.FromSeconds(5), Timeout = timeout },
                    cancellationToken);
                var scanned = result.Last?.Statistics?.DataScannedInBytes;
                return result.State == WaitState.Success
                    ? KvsDiagnostic.Pass(Check, id, $"{sql} on {catalog} succeeded ({scanned ?? 0} bytes scanned).")
                    : KvsDiagnostic.Fail(Check, id, $"{sql} on {catalog} {result.Status}: {result.Last?.Status?.StateChangeReason}", "Read the reason; the rows above usually name the missing piece.");
            }
            catch (WaitTimeoutException)
            {
                await clients.Athena.StopQueryExecutionAsync(new StopQueryExecutionRequest { QueryExecutionId = id }, CancellationToken.None);
                return KvsDiagnostic.Warn(Check, id, $"{sql} did not finish within {timeout.TotalSeconds:0} s and was stopped.", "Run it with Invoke-KvsQuery to see how long it takes.");
            }
        });
    }

    /// <summary>Runs a check; an AWS failure becomes a Fail row naming the error code.</summary>
    private static async Task<KvsDiagnostic> Guard(
        string check,
        string? target,
        Func<Task<KvsDiagnostic>> run,
        (string Code, KvsDiagnostic Row)? missing = null,
        KvsDiagnostic? notFound = null)
    {
        try
        {
            return await run();
        }
        catch (AmazonServiceException ex) when (missing is { } m && ex.ErrorCode == m.Code)
        {
            return m.Row;
        }
        catch (AmazonServiceException ex) when (notFound is not null && (ex.StatusCode == System.Net.HttpStatusCode.NotFound || ex.ErrorCode is "ResourceNotFoundException" or "EntityNotFoundException" or "MetadataException" or "InvalidRequestException"))
        {
            return notFound;
        }
        catch (AmazonServiceException ex)
        {
            var denied = ex.ErrorCode is "AccessDenied" or "AccessDeniedException" || ex.StatusCode == System.Net.HttpStatusCode.Forbidden;
            return KvsDiagnostic.Fail(
                check,
                target,
                $"{(denied ? "Could not check" : "Failed")}: {ex.ErrorCode ?? ((int)ex.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)} {ex.Message}",
                denied ? "Run with credentials allowed to read this resource." : ex.ErrorCode is "NoSuchBucket" or "EntityNotFoundException" or "ResourceNotFoundException"
                    ? "The resource is missing: re-deploy the stack with New-KvsReportingStack."
                    : "See the detail; run with -Verbose for the connection in use.");
        }
        catch (AmazonClientException ex)
        {
            return KvsDiagnostic.Fail(check, target, "Could not reach the service: " + ex.Message, "Check -Region, -EndpointUrl and network access.");
        }
    }
}
