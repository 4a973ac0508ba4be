using System.Text;
using System.Text.Json;

namespace KvsReporting.Local;

/// <summary>
/// The query history of a local stack: one JSON line per finished query in <c>queries.jsonl</c> beside the
/// database, like the executions Athena keeps for a workgroup.
/// </summary>
/// <remarks>
/// A plain file, not a table in the database: appending a line costs microseconds where a DuckDB commit to the
/// file costs a write-ahead-log sync, and the history stays readable while another process holds the database.
/// It is bounded by rotation: when the file passes <see cref="RotateBytes"/> it becomes <c>queries.1.jsonl</c>
/// (replacing the older one), so the history holds the newest 4 to 8 MB of executions (a record of a short
/// query is about 450 bytes: some 10,000 to 20,000 queries) and no query ever pays for rewriting it. A history that cannot be written never fails the
/// query that ran.
/// </remarks>
internal static class LocalQueryHistory
{
    public const string FileName = "queries.jsonl";

    public const string PreviousFileName = "queries.1.jsonl";

    private static readonly object Gate = new();
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Size at which the current file is rotated.</summary>
    public static long RotateBytes { get; set; } = 4L * 1024 * 1024;

    public static void Append(string folder, LocalQueryRecord record)
    {
        var line = JsonSerializer.Serialize(record, LocalQueryRecordJson.Default.LocalQueryRecord) + "\n";
        var file = Path.Combine(folder, FileName);
        lock (Gate)
        {
            try
            {
                using (var stream = new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete))
                {
                    // A line a crash cut short must not swallow this one: start on a fresh line.
                    if (stream.Length > 0)
                    {
                        stream.Seek(-1, SeekOrigin.End);
                        if (stream.ReadByte() != '\n')
                        {
                            line = "\n" + line;
                        }
                    }

                    stream.Write(Utf8.GetBytes(line));
                    if (stream.Length < RotateBytes)
                    {
                        return;
                    }
                }

                File.Move(file, Path.Combine(folder, PreviousFileName), overwrite: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // the history is a convenience: the query itself ran and its rows were returned
            }
        }
    }

    /// <summary>The recorded execution with this id, or null.</summary>
    public static LocalQueryRecord? Find(string folder, string queryExecutionId)
    {
        LocalQueryRecord? found = null;
        foreach (var record in Read(folder, queryExecutionId))
        {
            found = record; // a later line wins (there is one per id)
        }

        return found;
    }

    /// <summary>The newest <paramref name="first"/> recorded executions, newest first.</summary>
    public static List<LocalQueryRecord> Recent(string folder, int first)
    {
        var byId = new Dictionary<string, LocalQueryRecord>(StringComparer.Ordinal);
        foreach (var record in Read(folder, null))
        {
            byId[record.QueryExecutionId] = record;
        }

        return byId.Values.OrderByDescending(r => r.SubmissionDateTime).Take(first).ToList();
    }

    /// <summary>The history files a stack owns (for Remove-KvsReportingStack).</summary>
    public static IEnumerable<string> FileNames => [FileName, PreviousFileName];

    private static IEnumerable<LocalQueryRecord> Read(string folder, string? onlyId)
    {
        foreach (var name in new[] { PreviousFileName, FileName })
        {
            var file = Path.Combine(folder, name);
            FileStream stream;
            try
            {
                stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                continue;
            }

            using (stream)
            using (var reader = new StreamReader(stream, Utf8))
            {
                while (reader.ReadLine() is { } line)
                {
                    if (onlyId is not null && !line.Contains(onlyId, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    if (Parse(line) is { } record && (onlyId is null || record.QueryExecutionId == onlyId))
                    {
                        yield return record;
                    }
                }
            }
        }
    }

    private static LocalQueryRecord? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize(line, LocalQueryRecordJson.Default.LocalQueryRecord);
        }
        catch (JsonException)
        {
            return null; // a line cut short by a crash, or written by hand: skipped
        }
    }
}
