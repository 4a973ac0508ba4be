using Amazon.S3;
using Amazon.S3.Model;
using KvsReporting.Stack;
using Xunit;

namespace KvsReporting.Tests.Stack;

[Collection("Serial")]
public sealed class BucketEmptierTests
{
    [Fact]
    public async Task Every_version_and_delete_marker_goes_in_batches_of_at_most_1000()
    {
        using var s3 = StackMoto.S3();
        var bucket = "kvs-empty-" + Guid.NewGuid().ToString("N")[..12];
        await s3.PutBucketAsync(bucket);
        await s3.PutBucketVersioningAsync(new PutBucketVersioningRequest { BucketName = bucket, VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled } });

        // 400 keys x 2 versions + 400 delete markers = 1200 entries: more than one ListVersions page.
        const int keys = 400;
        await Parallel.ForEachAsync(Enumerable.Range(0, keys), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var key = $"athena-results/{i:D4}.csv";
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = "v1" }, ct);
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = "v2" }, ct);
            await s3.DeleteObjectAsync(bucket, key, ct);
        });

        var seen = new List<long>();
        var result = await new BucketEmptier(s3).EmptyAsync(bucket, seen.Add, CancellationToken.None);

        Assert.Equal(2 * keys, result.ObjectVersionsDeleted);
        Assert.Equal(keys, result.DeleteMarkersDeleted);
        Assert.True(seen.Count >= 2, "expected more than one batch");
        Assert.All(seen.Zip(seen.Skip(1)), p => Assert.InRange(p.Second - p.First, 1, BucketEmptier.BatchSize));
        var left = await s3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket });
        Assert.Empty(left.Versions ?? []);
        await s3.DeleteBucketAsync(bucket); // succeeds only on an empty bucket
    }

    [Fact]
    public async Task A_bucket_that_is_already_gone_is_not_an_error()
    {
        using var s3 = StackMoto.S3();
        var result = await new BucketEmptier(s3).EmptyAsync("kvs-never-created-" + Guid.NewGuid().ToString("N")[..8], null, CancellationToken.None);
        Assert.True(result.BucketMissing);
    }
}
