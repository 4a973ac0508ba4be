using System.Globalization;
using DuckDB.NET.Data;
using KvsReporting.Local;

namespace KvsReporting.Tests.Reports;

/// <summary>One detection as the Lambda writes it (strings as in DynamoDB), for seeding and for expectations
/// computed independently of the SQL under test.</summary>
internal sealed record SeedDetection(string ImageName, string? LicensePlate, double? Confidence, string BucketName, string? Timestamp)
{
    public DateTime? Time => Timestamp is null ? null
        : DateTime.TryParse(Timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    public string Camera => ImageName.Split('/')[0];
}

/// <summary>
/// A real local reporting stack (the embedded engine's folder and database) whose detections table holds the
/// given rows, written as the local crawler writes them (Glue's column names and types) so drifted items can be
/// seeded exactly.
/// </summary>
internal sealed class DetectionFixture : IDisposable
{
    private static readonly string[] Cameras = ["gate-north", "gate-south", "parking-a", "loading-dock"];

    public DetectionFixture(IReadOnlyList<SeedDetection> rows)
    {
        Folder = Path.Combine(Directory.CreateTempSubdirectory("kvs-report-").FullName, "stack");
        Rows = rows;
        new LocalStackStore().Create(Folder, new LocalStackSettings { CreationTime = DateTimeOffset.UtcNow }, out _);
        using var lease = LocalDatabase.Open(Folder);
        var columns = string.Join(", ", GlueSchema.DetectionColumns.Select(c => $"\"{c.Name}\" {c.DuckDbType}"));
        Execute(lease.Connection, $"CREATE TABLE IF NOT EXISTS {Table} ({columns})");
        using var appender = lease.Connection.CreateAppender(LocalCatalog.GlueCatalog, LocalCatalog.GlueDatabase, "licenseplatedetections");
        foreach (var r in rows)
        {
            var row = appender.CreateRow().AppendValue(r.ImageName).AppendValue(r.LicensePlate);
            (r.Confidence is { } c ? row.AppendValue(c) : row.AppendNullValue())
                .AppendValue(r.BucketName).AppendValue(r.Timestamp).EndRow();
        }
    }

    private static string Table => $"\"{LocalCatalog.GlueCatalog}\".\"{LocalCatalog.GlueDatabase}\".licenseplatedetections";

    public string Folder { get; }

    public IReadOnlyList<SeedDetection> Rows { get; }

    /// <summary>Rows a report counts: a plate and a readable timestamp.</summary>
    public IEnumerable<SeedDetection> Counted => Rows.Where(r => r.LicensePlate is not null && r.Time is not null);

    /// <summary>Reproducible detections over <paramref name="days"/> days with repeat visitors and busy hours.</summary>
    public static List<SeedDetection> Generate(int count, int seed = 42, int days = 14, int plates = 300)
    {
        var random = new Random(seed);
        var start = new DateTime(2025, 6, 2, 0, 0, 0, DateTimeKind.Utc); // a Monday
        var rows = new List<SeedDetection>(count);
        for (var i = 0; i < count; i++)
        {
            var day = random.Next(days);
            var hour = random.NextDouble() < 0.7 ? 7 + (int)(12 * (random.NextDouble() + random.NextDouble()) / 2) : random.Next(24);
            var time = start.AddDays(day).AddHours(hour).AddSeconds(random.Next(3600)).AddTicks(random.Next(10_000_000) / 10 * 10);
            var camera = Cameras[random.Next(Cameras.Length)];
            var plate = PlateText((int)(plates * Math.Pow(random.NextDouble(), 2.5)));
            var confidence = Math.Round(80 + (20 * Math.Sqrt(random.NextDouble())), 2);
            rows.Add(new SeedDetection(ImageKey(camera, time, i), plate, Math.Min(confidence, 99.99), "kvs-frames", time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    public static string ImageKey(string camera, DateTime time, int n) =>
        $"{camera}/{time:yyyy}/{time:MM}/{time:dd}/{time:HH}/{camera}-{time.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture)}-{n}.jpg";

    public static string PlateText(int n) =>
        $"{(char)('A' + (n % 26))}{(char)('A' + (n / 26 % 26))}{(char)('K' + (n % 7))}-{1000 + (n * 37 % 9000)}";

    /// <summary>Fills the table with <paramref name="count"/> rows in SQL (fast, for scale tests).</summary>
    public static DetectionFixture GenerateInSql(long count)
    {
        var fixture = new DetectionFixture([]);
        using var lease = LocalDatabase.Open(fixture.Folder);
        Execute(lease.Connection, BulkInsertSql(count).Replace("INSERT INTO licenseplatedetections", "INSERT INTO " + Table, StringComparison.Ordinal));
        return fixture;
    }

    /// <summary>Same shape as <see cref="Generate"/>, computed by DuckDB from hashes of the row number.</summary>
    public static string BulkInsertSql(long count) => $"""
        INSERT INTO licenseplatedetections
        SELECT cam || '/' || strftime(ts, '%Y/%m/%d/%H') || '/' || cam || '-' || strftime(ts, '%Y%m%dT%H%M%S') || '-' || CAST(i AS VARCHAR) || '.jpg',
               chr(65 + CAST(p % 26 AS INTEGER)) || chr(65 + CAST(p // 26 % 26 AS INTEGER)) || chr(75 + CAST(p % 7 AS INTEGER)) || '-' || CAST(1000 + p * 37 % 9000 AS VARCHAR),
               round(least(99.99, 80 + 20 * sqrt((hash(i, 4) % 10000) / 10000.0)), 2),
               'kvs-frames',
               strftime(ts, '%Y-%m-%dT%H:%M:%S.%f')
        FROM (
            SELECT i,
                   ['gate-north', 'gate-south', 'parking-a', 'loading-dock'][CAST(1 + hash(i, 1) % 4 AS INTEGER)] AS cam,
                   CAST(floor(5000 * pow((hash(i, 2) % 100000) / 100000.0, 2.5)) AS BIGINT) AS p,
                   TIMESTAMP '2025-06-02' + to_days(CAST(hash(i, 3) % 28 AS INTEGER))
                     + to_hours(CAST(CASE WHEN hash(i, 5) % 10 < 7 THEN 7 + ((hash(i, 6) % 12) + (hash(i, 7) % 12)) // 2 ELSE hash(i, 6) % 24 END AS INTEGER))
                     + to_microseconds(CAST(hash(i, 8) % 3600000000 AS BIGINT)) AS ts
            FROM range({count}) t(i)
        )
        """;

    public static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(Folder)!, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
