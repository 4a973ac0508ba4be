using KvsReporting.Detections;
using KvsReporting.Local;

namespace KvsReporting.Tests.Local;

/// <summary>A real local stack in a temporary folder, removed afterwards.</summary>
public sealed class TempStack : IDisposable
{
    // Tests open the same stack from this process's copy of the module and from the runspace's (isolated) copy:
    // neither may keep the file open after a command, or two DuckDB instances would hold one file.
    static TempStack() => LocalDatabase.IdleTimeout = TimeSpan.Zero;

    /// <summary>The same setting for the module copy loaded in a runspace.</summary>
    public const string NoIdleScript = "[KvsReporting.Local.LocalDatabase]::IdleTimeout = [TimeSpan]::Zero";

    public TempStack(bool create = true)
    {
        Root = Path.Combine(Path.GetTempPath(), "kvs-local-tests", Guid.NewGuid().ToString("N"));
        Folder = Path.Combine(Root, "stack");
        Directory.CreateDirectory(Root);
        if (create)
        {
            new LocalStackStore().Create(Folder, new LocalStackSettings(), out _);
        }
    }

    public string Root { get; }

    public string Folder { get; }

    public string File(string name) => Path.Combine(Root, name);

    public static LicensePlateDetection[] Sample(int count, int seed = 7) =>
        SampleDetectionGenerator.Generate(new SampleDetectionOptions
        {
            Count = count,
            Seed = seed,
            Start = new DateTimeOffset(2025, 6, 2, 0, 0, 0, TimeSpan.Zero),
            End = new DateTimeOffset(2025, 6, 9, 0, 0, 0, TimeSpan.Zero),
        });

    public LocalCrawlRun CrawlSample(int count, int seed = 7) =>
        new LocalCrawler(Folder).CrawlObjects(Sample(count, seed), CancellationToken.None);

    public (IReadOnlyList<KvsReporting.Queries.QueryColumn> Columns, IReadOnlyList<object?[]> Rows) Query(string sql, params object?[] parameters) =>
        new LocalQueryEngine(Folder).QueryAllAsync(sql, parameters).GetAwaiter().GetResult();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
