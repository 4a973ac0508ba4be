using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace KvsReporting.Detections;

/// <summary>What Write-KvsDetection did.</summary>
public sealed record KvsDetectionWriteResult
{
    public required string TableName { get; init; }

    public long Written { get; init; }

    public long Batches { get; init; }

    /// <summary>BatchWriteItem calls repeated for unprocessed items.</summary>
    public long Retries { get; init; }

    public double ConsumedCapacityUnits { get; init; }

    public TimeSpan Elapsed { get; init; }

    /// <summary>For a local stack: its folder (empty for a DynamoDB table).</summary>
    public string? LocalPath { get; init; }

    /// <summary>For a local stack: detections whose image_name was new to the table (empty for DynamoDB, which does not say).</summary>
    public long? Added { get; init; }

    /// <summary>For a local stack: detections that replaced a different row with the same image_name.</summary>
    public long? Updated { get; init; }

    /// <summary>For a local stack: detections identical to the row already stored.</summary>
    public long? Unchanged { get; init; }
}

/// <summary>
/// Writes detections with BatchWriteItem: 25 items per request (the service's limit; a key never twice in one
/// request), several requests in flight, and unprocessed items (throttled partitions) retried with exponential
/// backoff and jitter until written or the attempts run out.
/// </summary>
public sealed class DynamoDbDetectionWriter
{
    public const int BatchSize = 25;

    private readonly IAmazonDynamoDB client;

    public DynamoDbDetectionWriter(IAmazonDynamoDB client)
    {
        this.client = client ?? throw new ArgumentNullException(nameof(client));
    }

    public int Parallelism { get; init; } = 4;

    public int MaxAttempts { get; init; } = 10;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    public async Task<KvsDetectionWriteResult> WriteAsync(string tableName, IEnumerable<LicensePlateDetection> detections, Action<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(detections);
        var started = System.Diagnostics.Stopwatch.StartNew();
        long written = 0, batches = 0, retries = 0;
        double capacity = 0;
        var gate = new object();
        await Parallel.ForEachAsync(
            Batches(detections),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Parallelism), CancellationToken = cancellationToken },
            async (batch, token) =>
            {
                var (attempts, units) = await WriteBatchAsync(tableName, batch, token).ConfigureAwait(false);
                lock (gate)
                {
                    written += batch.Count;
                    batches++;
                    retries += attempts - 1;
                    capacity += units;
                    progress?.Invoke(written);
                }
            }).ConfigureAwait(false);

        return new KvsDetectionWriteResult
        {
            TableName = tableName,
            Written = written,
            Batches = batches,
            Retries = retries,
            ConsumedCapacityUnits = capacity,
            Elapsed = started.Elapsed,
        };
    }

    private async Task<(int Attempts, double Units)> WriteBatchAsync(string tableName, List<WriteRequest> batch, CancellationToken cancellationToken)
    {
        var pending = batch;
        double units = 0;
        for (var attempt = 1; ; attempt++)
        {
            var response = await client.BatchWriteItemAsync(
                new BatchWriteItemRequest
                {
                    RequestItems = new Dictionary<string, List<WriteRequest>> { [tableName] = pending },
                    ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                },
                cancellationToken).ConfigureAwait(false);
            units += response.ConsumedCapacity?.Sum(c => c.CapacityUnits ?? 0) ?? 0;
            if (response.UnprocessedItems is null || !response.UnprocessedItems.TryGetValue(tableName, out var unprocessed) || unprocessed.Count == 0)
            {
                return (attempt, units);
            }

            if (attempt >= MaxAttempts)
            {
                throw new UnprocessedDetectionsException(tableName, unprocessed.Count, attempt);
            }

            pending = unprocessed;
            var backoff = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 7));
            await Task.Delay(TimeSpan.FromMilliseconds(backoff / 2 + Random.Shared.NextDouble() * backoff / 2), cancellationToken).ConfigureAwait(false);
        }
    }

    private static IEnumerable<List<WriteRequest>> Batches(IEnumerable<LicensePlateDetection> detections)
    {
        var batch = new List<WriteRequest>(BatchSize);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var detection in detections)
        {
            if (batch.Count == BatchSize || !keys.Add(detection.ImageName))
            {
                yield return batch;
                batch = new List<WriteRequest>(BatchSize);
                keys.Clear();
                keys.Add(detection.ImageName);
            }

            batch.Add(new WriteRequest { PutRequest = new PutRequest { Item = DetectionItems.ToItem(detection) } });
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }
}

/// <summary>Items DynamoDB kept returning as unprocessed after every retry.</summary>
public sealed class UnprocessedDetectionsException : Exception
{
    public UnprocessedDetectionsException(string tableName, int count, int attempts)
        : base($"{count} detections were still unprocessed by table '{tableName}' after {attempts} attempts.")
    {
        TableName = tableName;
        Count = count;
    }

    public UnprocessedDetectionsException()
    {
        TableName = string.Empty;
    }

    public UnprocessedDetectionsException(string message)
        : base(message)
    {
        TableName = string.Empty;
    }

    public UnprocessedDetectionsException(string message, Exception innerException)
        : base(message, innerException)
    {
        TableName = string.Empty;
    }

    public string TableName { get; }

    public int Count { get; }
}
