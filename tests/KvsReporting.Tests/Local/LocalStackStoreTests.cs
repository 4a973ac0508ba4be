using System.Management.Automation;
using KvsReporting.Errors;
using KvsReporting.Local;
using KvsReporting.Stack;
using Xunit;

namespace KvsReporting.Tests.Local;

public sealed class LocalStackStoreTests : IDisposable
{
    private readonly TempStack temp = new(create: false);
    private readonly LocalStackStore store = new();

    [Fact]
    public void Create_lays_out_the_folder_and_returns_a_stack_named_like_the_AWS_one()
    {
        var stack = store.Create(temp.Folder, new LocalStackSettings { StackName = "lab" }, out var created);

        Assert.True(created);
        Assert.True(File.Exists(Path.Combine(temp.Folder, "kvsreporting.duckdb")));
        Assert.True(File.Exists(Path.Combine(temp.Folder, "stack.json")));
        Assert.Equal(KvsStackKind.Local, stack.Kind);
        Assert.Equal("lab", stack.StackName);
        Assert.Equal(temp.Folder, stack.LocalPath);
        Assert.Equal("AwsDataCatalog", stack.Catalog);
        Assert.Equal("kvsworkshop_db", stack.Database);
        Assert.Equal("KVSWorkshopWorkgroup", stack.WorkGroup);
        Assert.Equal("LicensePlateDetectionsCrawler", stack.CrawlerName);
        Assert.Equal("LicensePlateDetections", stack.TableName);
        Assert.NotNull(stack.CreationTime);
    }

    [Fact]
    public void Create_again_with_the_same_settings_returns_the_existing_stack()
    {
        var first = store.Create(temp.Folder, new LocalStackSettings(), out _);
        var second = store.Create(temp.Folder, new LocalStackSettings(), out var created);

        Assert.False(created);
        Assert.Equal(first.CreationTime, second.CreationTime);
    }

    [Fact]
    public void Create_over_a_stack_with_other_settings_is_an_error()
    {
        store.Create(temp.Folder, new LocalStackSettings(), out _);
        var ex = Assert.Throws<KvsErrorException>(() => store.Create(temp.Folder, new LocalStackSettings { TableName = "Other" }, out _));
        Assert.Equal("KvsNewStackAlreadyExists", ex.ErrorRecord.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, ex.ErrorRecord.CategoryInfo.Category);
    }

    [Fact]
    public void Create_in_a_folder_with_other_content_is_refused_and_leaves_it_alone()
    {
        Directory.CreateDirectory(temp.Folder);
        File.WriteAllText(Path.Combine(temp.Folder, "notes.txt"), "mine");

        var ex = Assert.Throws<KvsErrorException>(() => store.Create(temp.Folder, new LocalStackSettings(), out _));

        Assert.Equal("KvsNewStackFolderNotEmpty", ex.ErrorRecord.FullyQualifiedErrorId);
        Assert.Equal(new[] { "notes.txt" }, Directory.GetFileSystemEntries(temp.Folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Open_of_a_missing_stack_is_ObjectNotFound_naming_the_folder()
    {
        var ex = Assert.Throws<KvsErrorException>(() => store.Open(temp.Folder));
        Assert.Equal("KvsGetStackNotFound", ex.ErrorRecord.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, ex.ErrorRecord.CategoryInfo.Category);
        Assert.Equal(temp.Folder, ex.ErrorRecord.TargetObject);
        Assert.Contains("New-KvsReportingStack", ex.ErrorRecord.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void Remove_deletes_only_what_the_stack_owns()
    {
        store.Create(temp.Folder, new LocalStackSettings(), out _);
        var mine = Path.Combine(temp.Folder, "report.html");
        File.WriteAllText(mine, "keep me");

        store.Remove(temp.Folder);

        Assert.True(File.Exists(mine));
        Assert.False(File.Exists(Path.Combine(temp.Folder, "kvsreporting.duckdb")));
        Assert.False(File.Exists(Path.Combine(temp.Folder, "stack.json")));
        Assert.False(LocalStackStore.IsStack(temp.Folder));
    }

    [Fact]
    public void Remove_of_a_stack_alone_in_its_folder_removes_the_folder()
    {
        store.Create(temp.Folder, new LocalStackSettings(), out _);
        temp.CrawlSample(10);

        store.Remove(temp.Folder);

        Assert.False(Directory.Exists(temp.Folder));
    }

    public void Dispose() => temp.Dispose();
}
