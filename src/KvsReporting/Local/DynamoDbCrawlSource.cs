using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace KvsReporting.Local;

/// <summary>
/// Reads a DynamoDB table with a parallel scan (each segment pages on its own) and sums the read capacity
/// the scan consumed, as the Glue crawler's DynamoDB reader does. Items go to the sink one at a time under a
/// lock, so the sink needs no thread safety of its own.
/// </summary>
public static class DynamoDbCrawlSource
{
    public sealed record ScanResult(long Items, double ConsumedCapacityUnits, int Segments);

    public static async Task<ScanResult> ScanAsync(
        IAmazonDynamoDB client,
        string tableName,
        int segments,
        Action<CrawlRecord> sink,
        Action<long>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(sink);
        segments = Math.Clamp(segments, 1, 64);
        var gate = new object();
        long items = 0;
        double capacity = 0;

        async Task ScanSegment(int segment)
        {
            Dictionary<string, AttributeValue>? startKey = null;
            do
            {
                var response = await client.ScanAsync(
                    new ScanRequest
                    {
                        TableName = tableName,
                        Segment = segment,
                        TotalSegments = segments,
                        ExclusiveStartKey = startKey,
                        ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                    },
                    cancellationToken).ConfigureAwait(false);
                lock (gate)
                {
                    capacity += response.ConsumedCapacity?.CapacityUnits ?? 0;
                    foreach (var item in response.Items ?? new List<Dictionary<string, AttributeValue>>())
                    {
                        sink(new CrawlRecord(ToItem(item), null));
                        items++;
                    }

                    progress?.Invoke(items);
                }

                startKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            }
            while (startKey is not null);
        }

        await Task.WhenAll(Enumerable.Range(0, segments).Select(ScanSegment)).ConfigureAwait(false);
        return new ScanResult(items, capacity, segments);
    }

    public static CrawlItem ToItem(Dictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var result = new CrawlItem(item.Count);
        foreach (var (name, value) in item)
        {
            result[name] = ToValue(value);
        }

        return result;
    }

    private static object? ToValue(AttributeValue v)
    {
        if (v.S is not null)
        {
            return v.S;
        }

        if (v.N is not null)
        {
            return new CrawlNumber(v.N);
        }

        if (v.BOOL is { } b)
        {
            return b;
        }

        if (v.NULL == true)
        {
            return null;
        }

        if (v.M is not null)
        {
            return ToItem(v.M);
        }

        if (v.L is not null)
        {
            return v.L.Select(ToValue).ToList();
        }

        if (v.SS is not null)
        {
            return v.SS.Select(s => (object?)s).ToList();
        }

        if (v.NS is not null)
        {
            return v.NS.Select(n => (object?)new CrawlNumber(n)).ToList();
        }

        if (v.B is not null)
        {
            return Convert.ToBase64String(v.B.ToArray());
        }

        return v.BS?.Select(s => (object?)Convert.ToBase64String(s.ToArray())).ToList();
    }
}
