using System.Management.Automation;
using Amazon.S3;
using Amazon.S3.Model;
using Xunit;

namespace KvsReporting.Tests.Stack;

/// <summary>New, Get, Update and Remove-KvsReportingStack against moto (signed requests, IAM auth on).</summary>
[Collection("Serial")]
public sealed class StackLifecycleTests : IDisposable
{
    private readonly PowerShellSession session = new();

    private (System.Collections.ObjectModel.Collection<PSObject> Output, IReadOnlyList<ErrorRecord> Errors) Run(string script) =>
        session.Run(script, StackMoto.Connection);

    // The module's types live in its own load context, so the test reads them through PowerShell's adapter.
    private StackView Single(string script)
    {
        var (output, errors) = Run(script);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => e.ToString())));
        var item = Assert.Single(output);
        Assert.Equal("KvsReporting.Stack.KvsReportingStack", item.BaseObject.GetType().FullName);
        return new StackView(item);
    }

    [Fact]
    public async Task Create_get_update_and_remove_round_trip_with_typed_outputs()
    {
        var name = StackMoto.StackName("kvs-rt");
        var account = StackMoto.Rig.AccountId;
        StackMoto.Rig.RunBoto("""
            d = client('dynamodb')
            try:
                d.create_table(TableName='RoundTripDetections', KeySchema=[{'AttributeName': 'id', 'KeyType': 'HASH'}],
                               AttributeDefinitions=[{'AttributeName': 'id', 'AttributeType': 'S'}], BillingMode='PAY_PER_REQUEST')
            except d.exceptions.ResourceInUseException:
                pass
            """);

        var created = Single($"New-KvsReportingStack -StackName {name} -TableName RoundTripDetections -Tag @{{ Team = 'video' }} -Wait @c");
        Assert.Equal("Aws", created.Kind);
        Assert.Equal("CREATE_COMPLETE", created.Status);
        Assert.Equal(account, created.Account);
        Assert.Equal(StackMoto.Rig.Region, created.Region);
        Assert.StartsWith($"arn:aws:cloudformation:{StackMoto.Rig.Region}:{account}:stack/{name}/", created.StackId, StringComparison.Ordinal);
        Assert.NotNull(created.CreationTime);
        Assert.InRange(created.CreationTime!.Value, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal("RoundTripDetections", created.TableName);
        Assert.StartsWith($"{name}-spillbucket-", created.SpillBucket, StringComparison.Ordinal);
        Assert.Equal($"{created.SpillBucket}.s3.amazonaws.com", created.SpillBucketDomainName);
        Assert.StartsWith($"{name}-athenaquerybucket-", created.QueryResultBucket, StringComparison.Ordinal);
        Assert.Equal($"s3://{created.QueryResultBucket}/athena-results/", created.ResultLocation);
        Assert.Equal("kvsworkshop_db", created.GlueDatabase);
        Assert.Equal("kvsworkshop_db", created.Database);
        Assert.Equal("LicensePlateDetectionsCrawler", created.CrawlerName);
        Assert.Equal("KVSWorkshopWorkgroup", created.WorkGroup);
        Assert.StartsWith($"arn:aws:iam::{account}:role/{name}-GlueRole-", created.GlueRoleArn, StringComparison.Ordinal);
        Assert.StartsWith($"arn:aws:iam::{account}:role/{name}-AthenaRole-", created.AthenaRoleArn, StringComparison.Ordinal);
        Assert.StartsWith($"arn:aws:iam::{account}:role/{name}-QuickSightRole-", created.QuickSightRoleArn, StringComparison.Ordinal);
        Assert.Equal(name, created.Tags["kvsreporting:stack"]);
        Assert.Equal("video", created.Tags["Team"]);

        // the buckets really exist, with the template's default encryption
        using var s3 = StackMoto.S3();
        var encryption = await s3.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = created.SpillBucket });
        Assert.Equal(ServerSideEncryptionMethod.AES256, encryption.ServerSideEncryptionConfiguration.ServerSideEncryptionRules[0].ServerSideEncryptionByDefault.ServerSideEncryptionAlgorithm);

        var byName = Single($"Get-KvsReportingStack -StackName {name} @c");
        Assert.Equal(created.StackId, byName.StackId);
        Assert.Equal(created.Outputs, byName.Outputs);
        var (wild, wildErrors) = Run($"Get-KvsReportingStack -StackName '{name[..8]}*' @c");
        Assert.Empty(wildErrors);
        Assert.Contains(wild, o => (string)o.Properties["StackName"].Value == name);
        var (all, allErrors) = Run("Get-KvsReportingStack @c");
        Assert.Empty(allErrors);
        Assert.Contains(all, o => (string)o.Properties["StackName"].Value == name);

        // nothing to change is not an error
        var unchanged = Single($"Update-KvsReportingStack -StackName {name} -Confirm:$false @c");
        Assert.Equal("CREATE_COMPLETE", unchanged.Status);

        // a real change goes through a change set; from the pipeline by StackName
        var updated = Single($"Get-KvsReportingStack -StackName {name} @c | Update-KvsReportingStack -CrawlerSchedule 'cron(0 6 * * ? *)' -Wait -Confirm:$false @c");
        Assert.Equal("UPDATE_COMPLETE", updated.Status);
        Assert.Equal(created.SpillBucket, updated.SpillBucket);

        var (removed, removeErrors) = Run($"Get-KvsReportingStack -StackName {name} @c | Remove-KvsReportingStack -Wait -Confirm:$false @c");
        Assert.True(removeErrors.Count == 0, string.Join("\n", removeErrors));
        Assert.Empty(removed);
        var (_, gone) = Run($"Get-KvsReportingStack -StackName {name} @c");
        Assert.Equal("KvsGetStackNotFound", Assert.Single(gone).FullyQualifiedErrorId.Split(',')[0]);
        var ex = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.ListVersionsAsync(new ListVersionsRequest { BucketName = created.SpillBucket }));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, ex.StatusCode);
        // the source table is not part of the stack and survives it
        Assert.Contains("RoundTripDetections", StackMoto.Rig.RunBoto("print(client('dynamodb').describe_table(TableName='RoundTripDetections')['Table']['TableName'])"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_empties_versioned_buckets_with_old_versions_and_delete_markers_first()
    {
        var name = StackMoto.StackName("kvs-ver");
        var stack = Single($"New-KvsReportingStack -StackName {name} -Wait @c");
        using var s3 = StackMoto.S3();
        foreach (var bucket in new[] { stack.SpillBucket!, stack.QueryResultBucket! })
        {
            // moto's CloudFormation does not apply VersioningConfiguration; AWS does. Switch it on as AWS would have.
            await s3.PutBucketVersioningAsync(new PutBucketVersioningRequest { BucketName = bucket, VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled } });
            for (var i = 0; i < 5; i++)
            {
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = $"athena-results/q{i}.csv", ContentBody = "a" });
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = $"athena-results/q{i}.csv", ContentBody = "b" });
                await s3.DeleteObjectAsync(bucket, $"athena-results/q{i}.csv");
            }

            var versions = await s3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket });
            Assert.Equal(15, versions.Versions.Count);
            Assert.Equal(5, versions.Versions.Count(v => v.IsDeleteMarker == true));
        }

        var (verbose, errors) = Run($"Remove-KvsReportingStack -StackName {name} -Wait -Confirm:$false -Verbose @c 4>&1 | ForEach-Object Message");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var lines = verbose.Select(v => v.ToString()).ToList();
        Assert.Contains($"Emptied bucket {stack.SpillBucket}: 10 object versions and 5 delete markers deleted.", lines);
        Assert.Contains($"Emptied bucket {stack.QueryResultBucket}: 10 object versions and 5 delete markers deleted.", lines);
        Assert.Contains(lines, l => l.Contains($"{name} (AWS::CloudFormation::Stack) DELETE_COMPLETE", StringComparison.Ordinal));
        foreach (var bucket in new[] { stack.SpillBucket!, stack.QueryResultBucket! })
        {
            var ex = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket }));
            Assert.Equal(System.Net.HttpStatusCode.NotFound, ex.StatusCode);
        }
    }

    [Fact]
    public async Task Every_mutation_honours_WhatIf()
    {
        var name = StackMoto.StackName("kvs-wi");
        var (none, newErrors) = Run($"New-KvsReportingStack -StackName {name} -WhatIf @c");
        Assert.Empty(newErrors);
        Assert.Empty(none);
        var (_, notCreated) = Run($"Get-KvsReportingStack -StackName {name} @c");
        Assert.Equal("KvsGetStackNotFound", Assert.Single(notCreated).FullyQualifiedErrorId.Split(',')[0]);

        var stack = Single($"New-KvsReportingStack -StackName {name} -Wait @c");
        using var s3 = StackMoto.S3();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = stack.QueryResultBucket, Key = "athena-results/keep.csv", ContentBody = "x" });

        var (updateOut, updateErrors) = Run($"Update-KvsReportingStack -StackName {name} -TableName SomethingElse -WhatIf @c");
        Assert.Empty(updateErrors);
        Assert.Empty(updateOut);
        var afterUpdate = Single($"Get-KvsReportingStack -StackName {name} @c");
        Assert.Equal("CREATE_COMPLETE", afterUpdate.Status);
        Assert.Equal("LicensePlateDetections", afterUpdate.TableName);
        // the change set made to show the changes was deleted again
        Assert.Equal("0", StackMoto.Rig.RunBoto($"print(len([c for c in client('cloudformation').list_change_sets(StackName='{name}')['Summaries'] if c['StackName'] == '{name}']))").Trim());

        var (_, removeErrors) = Run($"Remove-KvsReportingStack -StackName {name} -WhatIf @c");
        Assert.Empty(removeErrors);
        Assert.Equal("CREATE_COMPLETE", Single($"Get-KvsReportingStack -StackName {name} @c").Status);
        var kept = await s3.GetObjectAsync(stack.QueryResultBucket, "athena-results/keep.csv");
        Assert.Equal("keep.csv", Path.GetFileName(kept.Key));

        Run($"Remove-KvsReportingStack -StackName {name} -Wait -Confirm:$false @c");
    }

    [Fact]
    public void Creating_a_stack_that_exists_names_it_and_says_what_to_do()
    {
        var name = StackMoto.StackName("kvs-dup");
        Single($"New-KvsReportingStack -StackName {name} @c");
        var (output, errors) = Run($"New-KvsReportingStack -StackName {name} @c");
        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.Equal("KvsNewStackAlreadyExists", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Equal(name, error.TargetObject);
        Assert.Contains("Update-KvsReportingStack", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Run($"Remove-KvsReportingStack -StackName {name} -Confirm:$false @c");
    }

    [Theory]
    [InlineData("New-KvsReportingStack -StackName 9-starts-with-a-digit @c", "KvsNewStackInvalidName")]
    [InlineData("New-KvsReportingStack -StackName kvs-tag -Tag @{ 'aws:owner' = 'x' } @c", "KvsNewStackInvalidTag")]
    [InlineData("Remove-KvsReportingStack -StackName kvs-no-such-stack -Confirm:$false @c", "KvsRemoveStackNotFound")]
    [InlineData("Update-KvsReportingStack -StackName kvs-no-such-stack -Confirm:$false @c", "KvsUpdateStackNotFound")]
    public void Bad_requests_fail_before_anything_is_created(string script, string errorId)
    {
        var (_, errors) = Run(script);
        Assert.Equal(errorId, Assert.Single(errors).FullyQualifiedErrorId.Split(',')[0]);
    }

    [Fact]
    public void The_stack_object_pipes_into_the_crawler_cmdlets_with_no_other_names()
    {
        var name = StackMoto.StackName("kvs-pipe");
        var crawler = "Crawler" + name.Replace("-", string.Empty, StringComparison.Ordinal);
        Single($"New-KvsReportingStack -StackName {name} -CrawlerName {crawler} -Wait @c");
        // moto's CloudFormation skips AWS::Glue::Crawler; create the crawler the stack would have made.
        StackMoto.Rig.CreateCrawler(crawler, "kvsworkshop_db");
        // Region and EndpointUrl bind from the stack object too; only the keys are given.
        var (output, errors) = Run($"Get-KvsReportingStack -StackName {name} @c | Get-KvsCrawlerStatus -AccessKey $c.AccessKey -SecretKey $c.SecretKey");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Equal(crawler, Assert.Single(output).Properties["CrawlerName"].Value);
        Run($"Remove-KvsReportingStack -StackName {name} -Confirm:$false @c");
    }

    [Fact]
    public void A_local_stack_piped_to_Get_and_Remove_stays_on_the_embedded_engine()
    {
        var folder = Path.Combine(Path.GetTempPath(), "kvs-local-" + Guid.NewGuid().ToString("N")[..8]);
        Single($"New-KvsReportingStack -Local '{folder}'");
        // no AWS parameters, no credentials: an AWS call would fail
        var again = Single($"Get-KvsReportingStack -Local '{folder}' | Get-KvsReportingStack");
        Assert.Equal("Local", again.Kind);
        var (_, errors) = session.Run($"Get-KvsReportingStack -Local '{folder}' | Remove-KvsReportingStack -Confirm:$false");
        Assert.Empty(errors);
        Assert.False(Directory.Exists(folder));
    }

    public void Dispose() => session.Dispose();

    private sealed class StackView(PSObject item)
    {
        public string Kind => item.Properties[nameof(Kind)].Value.ToString()!;

        public string? Status => S(nameof(Status));

        public string? Account => S(nameof(Account));

        public string? Region => S(nameof(Region));

        public string? StackId => S(nameof(StackId));

        public DateTimeOffset? CreationTime => (DateTimeOffset?)item.Properties[nameof(CreationTime)].Value;

        public string? TableName => S(nameof(TableName));

        public string? SpillBucket => S(nameof(SpillBucket));

        public string? SpillBucketDomainName => S(nameof(SpillBucketDomainName));

        public string? QueryResultBucket => S(nameof(QueryResultBucket));

        public string? ResultLocation => S(nameof(ResultLocation));

        public string? GlueDatabase => S(nameof(GlueDatabase));

        public string? Database => S(nameof(Database));

        public string? CrawlerName => S(nameof(CrawlerName));

        public string? WorkGroup => S(nameof(WorkGroup));

        public string? GlueRoleArn => S(nameof(GlueRoleArn));

        public string? AthenaRoleArn => S(nameof(AthenaRoleArn));

        public string? QuickSightRoleArn => S(nameof(QuickSightRoleArn));

        public IReadOnlyDictionary<string, string> Tags => (IReadOnlyDictionary<string, string>)item.Properties[nameof(Tags)].Value;

        public IReadOnlyDictionary<string, string> Outputs => (IReadOnlyDictionary<string, string>)item.Properties[nameof(Outputs)].Value;

        private string? S(string name) => item.Properties[name].Value as string;
    }
}
