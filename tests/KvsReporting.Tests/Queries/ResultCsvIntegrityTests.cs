using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using KvsReporting.Aws.Connection;
using KvsReporting.Queries;
using KvsReporting.Queries.Athena;
using KvsReporting.Queries.Results;
using Xunit;

namespace KvsReporting.Tests.Queries;

/// <summary>
/// The result CSV's body is checked end to end whichever way it is read: a byte changed in transfer is an error,
/// never rows with a wrong value. Small objects keep the SDK's own ETag check; large single-part objects are
/// checked by the module against the same ETag (docs/queries.md, "Integrity of the result CSV").
/// </summary>
public sealed class ResultCsvIntegrityTests
{
    private static readonly QueryColumn[] Columns = [new("id", "integer"), new("plate", "varchar")];

    private static byte[] Csv(int rows)
    {
        var text = new StringBuilder("\"id\",\"plate\"\n");
        for (var i = 1; i <= rows; i++)
        {
            text.Append('"').Append(i).Append("\",\"PLT").Append(i % 100000).Append("\"\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

#pragma warning disable CA5351 // S3's single-part ETag is the body's MD5
    private static string ETagOf(byte[] body) => "\"" + Convert.ToHexString(MD5.HashData(body)).ToLowerInvariant() + "\"";
#pragma warning restore CA5351

    private static AmazonS3Client S3(string endpoint) => AwsClientFactory.CreateS3(AwsConnectionResolver.Resolve(
        new AwsConnectionParameters { Region = "us-east-1", AccessKey = "AKIATESTTESTTESTTEST", SecretKey = "test-secret-key-test-secret-key-0000000", EndpointUrl = endpoint },
        new AwsSettingsSources { Environment = _ => null }));

    private static async Task<long> ReadRows(S3ObjectDouble server)
    {
        using var s3 = S3(server.Endpoint);
        var (body, _, _) = await ResultCsvOpener.OpenAsync(s3, new S3Location("results", "q.csv"), CancellationToken.None);
        long rows = 0;
        await using (body)
        {
            await foreach (var _ in CsvResultReader.ReadAsync(body, new ResultRowConverter(Columns), null, CancellationToken.None))
            {
                rows++;
            }
        }

        return rows;
    }

    private static byte[] Corrupt(byte[] body)
    {
        var copy = (byte[])body.Clone();
        var at = copy.Length / 2;
        copy[at] = copy[at] == (byte)'7' ? (byte)'8' : (byte)'7'; // a digit changed: still valid CSV, wrong data
        return copy;
    }

    [Fact]
    public async Task A_large_single_part_csv_is_read_as_a_range_pinned_to_its_etag_and_checked()
    {
        var body = Csv(700_000);
        Assert.True(body.Length > ResultCsvOpener.OwnMd5Threshold);
        using var server = new S3ObjectDouble(body, ETagOf(body));
        Assert.Equal(700_000, await ReadRows(server));
        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Null(requests[0].Range);
        Assert.Equal($"bytes=0-{body.Length - 1}", requests[1].Range);
        Assert.Equal(ETagOf(body), requests[1].IfMatch);
    }

    [Fact]
    public async Task A_large_single_part_csv_corrupted_in_transfer_is_an_error()
    {
        var body = Csv(700_000);
        using var server = new S3ObjectDouble(Corrupt(body), ETagOf(body));
        var ex = await Assert.ThrowsAsync<AmazonClientException>(() => ReadRows(server));
        Assert.Contains("does not match its ETag", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_small_csv_corrupted_in_transfer_is_still_caught_by_the_sdk()
    {
        var body = Csv(100);
        using var server = new S3ObjectDouble(Corrupt(body), ETagOf(body));
        await Assert.ThrowsAsync<AmazonClientException>(() => ReadRows(server));
        Assert.Single(server.Requests); // the SDK's own whole-object check, no second request
    }

    [Fact]
    public async Task Stopping_after_a_few_rows_of_a_checked_csv_returns_at_once()
    {
        var body = Csv(700_000);
        using var server = new S3ObjectDouble(body, ETagOf(body));
        using var s3 = S3(server.Endpoint);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (stream, _, check) = await ResultCsvOpener.OpenAsync(s3, new S3Location("results", "q.csv"), CancellationToken.None);
        Assert.Equal("checked against the ETag's MD5", check);
        var taken = 0;
        await using (stream)
        {
            await foreach (var _ in CsvResultReader.ReadAsync(stream, new ResultRowConverter(Columns), null, CancellationToken.None))
            {
                if (++taken == 10)
                {
                    break; // Select-Object -First 10: no checksum error, no hang, the body is not read to its end
                }
            }
        }

        Assert.Equal(10, taken);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task An_object_replaced_between_the_two_requests_is_refused_not_mixed()
    {
        var body = Csv(700_000);
        using var server = new S3ObjectDouble(body, ETagOf(body), replacedETag: "\"ffffffffffffffffffffffffffffffff\"");
        var ex = await Assert.ThrowsAsync<AmazonS3Exception>(() => ReadRows(server));
        Assert.Equal(System.Net.HttpStatusCode.PreconditionFailed, ex.StatusCode); // the engine then reads the pages instead
    }

    [Fact]
    public async Task Against_moto_a_large_single_part_csv_reads_through_the_pinned_range()
    {
        var rig = AthenaMotoRig.Shared;
        var bucket = rig.NewBucket();
        var body = Csv(700_000);
        using var s3 = rig.S3();
        await s3.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = bucket, Key = "r/q.csv", InputStream = new MemoryStream(body), UseChunkEncoding = false });
        var (stream, length, check) = await ResultCsvOpener.OpenAsync(s3, new S3Location(bucket, "r/q.csv"), CancellationToken.None);
        long rows = 0;
        await using (stream)
        {
            await foreach (var _ in CsvResultReader.ReadAsync(stream, new ResultRowConverter(Columns), null, CancellationToken.None))
            {
                rows++;
            }
        }

        Assert.Equal(body.Length, length);
        Assert.Equal("checked against the ETag's MD5", check);
        Assert.Equal(700_000, rows);
    }

    [Fact]
    public async Task A_multipart_etag_is_left_to_the_sdk_whole_object_read()
    {
        var body = Csv(700_000);
        using var server = new S3ObjectDouble(body, "\"0123456789abcdef0123456789abcdef-3\"");
        Assert.Equal(700_000, await ReadRows(server));
        Assert.Single(server.Requests);
    }
}
