using System.Buffers;
using System.Security.Cryptography;
using System.Threading.Channels;
using Amazon.Runtime;

namespace KvsReporting.Queries.Athena;

/// <summary>
/// Checks a whole S3 object's body against its single-part ETag (the MD5 of the body) as it is read, with the
/// platform's MD5; the last read throws when the bytes or their count differ, as the SDK's own check does.
/// </summary>
/// <remarks>
/// The SDK makes the same check on a whole-object GetObject, but with its managed MD5, which costs about a third
/// of the result-CSV path; the platform's (OpenSSL/CNG) is several times faster. See <see cref="ResultCsvOpener"/>
/// for when it is used. The hashing runs on a thread of its own over copies of the bytes read (a bounded queue of
/// chunks), so on a machine with a spare core it costs the reader only the copy. The exception is the SDK's
/// <see cref="AmazonClientException"/> so callers handle a corrupted body the same way whichever side found it.
/// </remarks>
internal sealed class EtagMd5Stream : Stream
{
    private readonly Stream inner;
    private readonly byte[] expected;
    private readonly long expectedLength;
    private readonly string what;
#pragma warning disable CA5351 // S3's single-part ETag is an MD5 by definition; this checks transfer integrity, not secrecy
    private readonly IncrementalHash md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
#pragma warning restore CA5351
    private readonly Channel<(byte[] Bytes, int Count)> chunks = Channel.CreateBounded<(byte[] Bytes, int Count)>(
        new BoundedChannelOptions(32) { SingleReader = true, SingleWriter = true });
    private readonly Task<byte[]> hashing;
    private long read;
    private bool verified;

    public EtagMd5Stream(Stream inner, byte[] expectedMd5, long expectedLength, string what)
    {
        this.inner = inner;
        expected = expectedMd5;
        this.expectedLength = expectedLength;
        this.what = what;
        hashing = Task.Run(HashChunksAsync);
    }

    private async Task<byte[]> HashChunksAsync()
    {
        try
        {
            await foreach (var (bytes, count) in chunks.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                md5.AppendData(bytes, 0, count);
                ArrayPool<byte>.Shared.Return(bytes);
            }

            return md5.GetHashAndReset();
        }
        finally
        {
            md5.Dispose();
        }
    }

    /// <summary>The ETag's MD5 bytes, or null when the ETag is not a plain MD5 (multipart, SSE-KMS, SSE-C).</summary>
    public static byte[]? Md5FromETag(string? etag)
    {
        var hex = etag?.Trim('"');
        if (hex is not { Length: 32 })
        {
            return null;
        }

        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => expectedLength;

    public override long Position
    {
        get => read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        if (n > 0)
        {
            var chunk = Copy(buffer[..n]);
            while (!chunks.Writer.TryWrite(chunk))
            {
                if (!chunks.Writer.WaitToWriteAsync().AsTask().GetAwaiter().GetResult())
                {
                    ArrayPool<byte>.Shared.Return(chunk.Bytes);
                    throw new ObjectDisposedException(nameof(EtagMd5Stream)); // disposed while a read was under way
                }
            }
        }
        else if (buffer.Length > 0)
        {
            Verify();
        }

        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (n > 0)
        {
            var chunk = Copy(buffer.Span[..n]);
            if (!chunks.Writer.TryWrite(chunk))
            {
                try
                {
                    await chunks.Writer.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
                }
                catch (ChannelClosedException)
                {
                    ArrayPool<byte>.Shared.Return(chunk.Bytes);
                    throw new ObjectDisposedException(nameof(EtagMd5Stream)); // disposed while a read was under way
                }
            }
        }
        else if (buffer.Length > 0)
        {
            Verify();
        }

        return n;
    }

    private (byte[] Bytes, int Count) Copy(ReadOnlySpan<byte> bytes)
    {
        var copy = ArrayPool<byte>.Shared.Rent(bytes.Length);
        bytes.CopyTo(copy);
        read += bytes.Length;
        return (copy, bytes.Length);
    }

    private void Verify()
    {
        if (verified)
        {
            return;
        }

        verified = true;
        chunks.Writer.TryComplete();
        var actual = hashing.GetAwaiter().GetResult();
        if (read != expectedLength || !CryptographicOperations.FixedTimeEquals(actual, expected))
        {
            throw new AmazonClientException(
                $"The body of {what} does not match its ETag: {read:N0} of {expectedLength:N0} bytes read, MD5 {Convert.ToHexString(actual)} instead of {Convert.ToHexString(expected)}. It was corrupted in transfer; run the query again.");
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            chunks.Writer.TryComplete(); // the hashing task drains the queue and disposes the hash
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
