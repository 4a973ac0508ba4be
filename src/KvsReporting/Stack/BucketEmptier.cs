using Amazon.S3;
using Amazon.S3.Model;

namespace KvsReporting.Stack;

/// <summary>What emptying one bucket did.</summary>
/// <param name="BucketName">The bucket.</param>
/// <param name="ObjectVersionsDeleted">Object versions deleted (every version of every key).</param>
/// <param name="DeleteMarkersDeleted">Delete markers deleted.</param>
/// <param name="BucketMissing">The bucket did not exist (already deleted): nothing to do.</param>
public sealed record BucketEmptyResult(string BucketName, long ObjectVersionsDeleted, long DeleteMarkersDeleted, bool BucketMissing);

/// <summary>
/// Deletes every object version and delete marker in a bucket. CloudFormation cannot delete a bucket that is not
/// empty, and in a versioned bucket a plain object delete only adds a delete marker, so the stack's buckets are
/// emptied version by version (ListVersions pages of up to 1000, each deleted with one DeleteObjects call).
/// </summary>
public sealed class BucketEmptier
{
    /// <summary>DeleteObjects accepts at most 1000 keys per request.</summary>
    public const int BatchSize = 1000;

    private readonly IAmazonS3 s3;

    public BucketEmptier(IAmazonS3 s3) => this.s3 = s3 ?? throw new ArgumentNullException(nameof(s3));

    /// <summary>Empties the bucket. <paramref name="progress"/> gets the running count after every batch.</summary>
    /// <exception cref="BucketEmptyException">Some versions could not be deleted (the first failures are named).</exception>
    public async Task<BucketEmptyResult> EmptyAsync(string bucketName, Action<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucketName);
        long versions = 0;
        long markers = 0;
        while (true)
        {
            // Always list from the start: what was deleted is gone, so the first page is what is left. (Paging
            // with key/version markers that point at just-deleted versions is not reliable on every
            // S3-compatible store.) A batch with failures ends the loop, so it cannot spin on them.
            ListVersionsResponse page;
            try
            {
                page = await s3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucketName, MaxKeys = BatchSize }, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonS3Exception ex) when (ex.ErrorCode == "NoSuchBucket" || ex.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return new BucketEmptyResult(bucketName, versions, markers, BucketMissing: versions + markers == 0);
            }

            var batch = page.Versions ?? [];
            if (batch.Count == 0)
            {
                break;
            }

            var response = await s3.DeleteObjectsAsync(
                new DeleteObjectsRequest
                {
                    BucketName = bucketName,
                    Quiet = true,
                    Objects = batch.Select(v => new KeyVersion { Key = v.Key, VersionId = v.VersionId }).ToList(),
                },
                cancellationToken).ConfigureAwait(false);
            var errors = response.DeleteErrors ?? [];
            var failed = errors.Select(e => (e.Key, e.VersionId)).ToHashSet();
            foreach (var version in batch.Where(v => !failed.Contains((v.Key, v.VersionId))))
            {
                if (version.IsDeleteMarker == true)
                {
                    markers++;
                }
                else
                {
                    versions++;
                }
            }

            progress?.Invoke(versions + markers);
            if (errors.Count > 0)
            {
                throw new BucketEmptyException(bucketName, errors);
            }
        }

        return new BucketEmptyResult(bucketName, versions, markers, BucketMissing: false);
    }
}

/// <summary>Some object versions of a bucket could not be deleted.</summary>
public sealed class BucketEmptyException : Exception
{
    public BucketEmptyException()
    {
    }

    public BucketEmptyException(string message)
        : base(message)
    {
    }

    public BucketEmptyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BucketEmptyException(string bucketName, IReadOnlyList<DeleteError> failures)
        : base(Describe(bucketName, failures))
    {
        BucketName = bucketName;
        Failures = failures;
    }

    public string BucketName { get; } = string.Empty;

    public IReadOnlyList<DeleteError> Failures { get; } = [];

    private static string Describe(string bucketName, IReadOnlyList<DeleteError> failures) =>
        $"{failures.Count} object version(s) in bucket '{bucketName}' could not be deleted, e.g. "
        + string.Join("; ", failures.Take(3).Select(f => $"'{f.Key}' ({f.VersionId}): {f.Code} {f.Message}"));
}
