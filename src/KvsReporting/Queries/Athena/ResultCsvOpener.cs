using Amazon.Runtime.Internal.Util;
using Amazon.S3;
using Amazon.S3.Model;

namespace KvsReporting.Queries.Athena;

/// <summary>
/// Opens a query's result CSV in S3 for streaming, with the body's integrity checked end to end.
/// </summary>
/// <remarks>
/// A whole-object GetObject is checked by the SDK (AWSSDK.S3 4.x): against the ETag's MD5 when the object is a
/// single part without SSE-KMS/SSE-C (its managed MD5Stream), and against S3's full-object flexible checksum
/// (CRC64NVME, CRC32, CRC32C, SHA-1/256) when S3 returns one (ResponseChecksumValidation WHEN_SUPPORTED, the
/// default). The SDK's MD5 is managed code and cost about a third of the whole path, so for a large
/// single-part object the same check is made here with the platform's MD5 instead: the object is asked for again
/// as a range of all its bytes (the SDK wraps no ranged body) pinned to the ETag already seen (If-Match), and
/// <see cref="EtagMd5Stream"/> verifies the body against that ETag. Small objects and every other case keep the
/// SDK's checks unchanged. docs/queries.md, "Integrity of the result CSV", says what each path checks.
/// </remarks>
internal static class ResultCsvOpener
{
    /// <summary>From this size the SDK's MD5 costs more than a second request (tens of ms at 300-400 MB/s).</summary>
    internal const long OwnMd5Threshold = 8L << 20;

    public static async Task<(Stream Body, long Length, string Check)> OpenAsync(IAmazonS3 s3, S3Location location, CancellationToken cancellationToken)
    {
        var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = location.Bucket, Key = location.Key }, cancellationToken).ConfigureAwait(false);
        var md5 = EtagMd5Stream.Md5FromETag(response.ETag);
        if (response.ResponseStream is not MD5Stream || md5 is null || response.ContentLength < OwnMd5Threshold)
        {
            return (response.ResponseStream, response.ContentLength, response.ResponseStream is MD5Stream ? "the SDK checks the ETag's MD5" : "the SDK checks S3's checksum when S3 returns one");
        }

        var length = response.ContentLength;
        var etag = response.ETag;
        response.Dispose(); // only the headers were read: the connection is dropped, not drained

        var ranged = await s3.GetObjectAsync(
            new GetObjectRequest { BucketName = location.Bucket, Key = location.Key, ByteRange = new ByteRange(0, length - 1), EtagToMatch = etag },
            cancellationToken).ConfigureAwait(false);
        return (new EtagMd5Stream(ranged.ResponseStream, md5, length, location.ToString()), length, "checked against the ETag's MD5");
    }
}
