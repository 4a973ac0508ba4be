using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using KvsReporting.Queries.Types;
using nietras.SeparatedValues;

namespace KvsReporting.Queries.Results;

/// <summary>
/// Streams a query's result CSV (Athena writes <c>&lt;OutputLocation&gt;/&lt;QueryExecutionId&gt;.csv</c>: RFC 4180,
/// a header row, every value quoted, NULL as an unquoted empty field) through Sep, converting each field with
/// the column's type. Memory stays flat whatever the size: a few Sep buffers and a few row batches are held.
/// </summary>
/// <remarks>
/// Sep is used without unescaping so a field's raw text still shows whether it was quoted: an unquoted empty
/// field is NULL, a quoted empty field (<c>""</c>) is an empty string. Quotes are removed here.
/// <para>
/// Reading, tokenising and converting run on a thread of their own, which hands rows in batches through a small
/// bounded channel to the async reader: the caller (creating PowerShell objects, writing them down the pipeline)
/// works on the previous batch meanwhile, and neither side pays an await per row. Sep's <c>ParallelEnumerate</c>
/// (conversion on every core) was measured slower than this on the 2-core build machine (more GC and thread
/// contention than it saves), so conversion stays on the one thread. A row that cannot be converted is carried in
/// its place as its raw fields and converted again with its row number, so the rows before it are returned and
/// the error is exactly the sequential one.
/// </para>
/// </remarks>
public static class CsvResultReader
{
    // Batches start small (the first rows reach the caller at once) and grow to a size where handing them over
    // costs little: each handoff wakes a thread-pool thread, and at 512 rows a batch the waking and spinning
    // showed up as a tenth of the CPU of a million-row read in a trace.
    private const int FirstBatchSize = 64;
    private const int MaxBatchSize = 4096;

    private const int BatchesInFlight = 2;

    public static async IAsyncEnumerable<object?[]> ReadAsync(
        Stream csv,
        ResultRowConverter converter,
        long? maxRows,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(converter);
        var channel = Channel.CreateBounded<object?[][]>(new BoundedChannelOptions(BatchesInFlight) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // The stream is read synchronously on a thread of its own; the caller's thread only awaits batches.
        var producer = Task.Factory.StartNew(
            () => Produce(csv, converter, maxRows ?? long.MaxValue, channel.Writer, stop.Token),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        var finished = false;
        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var row in batch)
                {
                    yield return row;
                }
            }

            finished = true;
            await producer.ConfigureAwait(false); // raises the conversion or read error, if any
        }
        finally
        {
            if (!finished)
            {
                // The consumer stopped early (Select -First, Ctrl+C, an error): stop the producer, and release a
                // read blocked on the network by closing the stream (its owner disposes it next anyway).
                await stop.CancelAsync().ConfigureAwait(false);
                if (!producer.IsCompleted)
                {
                    await csv.DisposeAsync().ConfigureAwait(false);
                }

                await producer.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
    }

    private static void Produce(Stream csv, ResultRowConverter converter, long maxRows, ChannelWriter<object?[][]> writer, CancellationToken token)
    {
        try
        {
            using var reader = Sep.Reader(o => o with { HasHeader = false, Sep = new Sep(','), DisableColCountCheck = true }).From(csv, leaveOpen: true);
            var rows = reader.Enumerate(row => ConvertRow(row, converter));
            var batchSize = FirstBatchSize;
            var batch = new List<object?[]>(MaxBatchSize);
            long count = 0;
            var header = true;
            foreach (var row in rows)
            {
                var failure = row.Length == 1 ? row[0] as ConversionFailure : null;
                if (header)
                {
                    // the first row is the header: only its width matters (its names came with the metadata)
                    header = false;
                    CheckHeader(failure?.Fields.Length ?? row.Length, converter);
                    continue;
                }

                if (count >= maxRows || token.IsCancellationRequested)
                {
                    break;
                }

                if (failure is not null)
                {
                    // converting the row again with its number raises the error with the right row number
                    Send(writer, batch.ToArray(), token);
                    batch.Clear();
                    ConvertFields(failure.Fields, converter, count + 1);
                    throw new InvalidOperationException("A row that failed to convert converted the second time.");
                }

                batch.Add(row);
                count++;
                if (batch.Count == batchSize)
                {
                    Send(writer, batch.ToArray(), token);
                    batch.Clear();
                    batchSize = Math.Min(batchSize * 2, MaxBatchSize);
                }
            }

            if (batch.Count > 0)
            {
                Send(writer, batch.ToArray(), token);
            }
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count == 1 && ex.InnerException is { } inner)
        {
            // a wrapped read error (I/O, a checksum mismatch): raise it as itself
            ExceptionDispatchInfo.Throw(inner);
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private static void Send(ChannelWriter<object?[][]> writer, object?[][] batch, CancellationToken token)
    {
        while (!writer.TryWrite(batch))
        {
            if (!writer.WaitToWriteAsync(token).AsTask().GetAwaiter().GetResult())
            {
                throw new OperationCanceledException(token);
            }
        }
    }

    /// <summary>A row that did not convert, carried in its place (its raw fields) so it fails in file order.</summary>
    private sealed record ConversionFailure(string[] Fields);

    // The header row comes here too (its names need not convert to the column types: the producer skips it).
    private static object?[] ConvertRow(SepReader.Row row, ResultRowConverter converter)
    {
        if (row.ColCount == converter.Count)
        {
            try
            {
                var values = new object?[converter.Count];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = ConvertField(converter, i, row[i].Span, 0);
                }

                return values;
            }
            catch (AthenaValueException)
            {
                // numbered and raised again by the producer
            }
        }

        var fields = new string[row.ColCount];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = row[i].ToString();
        }

        return [new ConversionFailure(fields)];
    }

    /// <summary>Converts one row's raw fields; throws the error for the row numbered <paramref name="rowNumber"/>.</summary>
    private static object?[] ConvertFields(string[] fields, ResultRowConverter converter, long rowNumber)
    {
        if (fields.Length != converter.Count)
        {
            throw new AthenaValueException($"Row {rowNumber} of the result CSV has {fields.Length} fields but the result has {converter.Count} columns.");
        }

        var values = new object?[converter.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ConvertField(converter, i, fields[i], rowNumber);
        }

        return values;
    }

    /// <summary>One raw field: unquoted empty is NULL; quotes removed, doubled quotes undone.</summary>
    private static object? ConvertField(ResultRowConverter converter, int column, ReadOnlySpan<char> raw, long rowNumber)
    {
        if (raw.IsEmpty)
        {
            return null; // unquoted empty: NULL
        }

        return raw[0] == '"' ? ConvertQuoted(converter, column, raw, rowNumber) : converter.Convert(column, raw, rowNumber);
    }

    private static object? ConvertQuoted(ResultRowConverter converter, int column, ReadOnlySpan<char> raw, long rowNumber)
    {
        if (raw.Length < 2 || raw[^1] != '"')
        {
            throw new AthenaValueException($"Row {rowNumber}, column '{converter.Columns[column].Name}' of the result CSV has an unterminated quoted field.");
        }

        var inner = raw[1..^1];
        return inner.IndexOf('"') < 0
            ? converter.Convert(column, inner, rowNumber)
            : converter.Convert(column, inner.ToString().Replace("\"\"", "\"", StringComparison.Ordinal), rowNumber);
    }

    /// <summary>Unescaped text of a raw CSV field (quotes removed, doubled quotes undone); null for NULL.</summary>
    public static string? Unquote(ReadOnlySpan<char> raw)
    {
        if (raw.IsEmpty)
        {
            return null;
        }

        if (raw[0] != '"' || raw.Length < 2)
        {
            return raw.ToString();
        }

        return raw[1..^1].ToString().Replace("\"\"", "\"", StringComparison.Ordinal);
    }

    private static void CheckHeader(int columns, ResultRowConverter converter)
    {
        if (columns != converter.Count)
        {
            throw new AthenaValueException($"The result CSV has {columns} columns but the result metadata lists {converter.Count}.");
        }
    }
}
