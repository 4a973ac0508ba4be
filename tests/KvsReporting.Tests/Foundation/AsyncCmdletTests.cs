using System.Management.Automation;
using System.Management.Automation.Runspaces;
using KvsReporting.Cmdlets;
using Xunit;

namespace KvsReporting.Tests.Foundation;

[Cmdlet(VerbsDiagnostic.Test, "KvsSlowWork")]
public sealed class TestKvsSlowWorkCommand : KvsAsyncCmdlet
{
    public static readonly SemaphoreSlim Started = new(0);
    public static volatile bool WasCancelled;
    public static int Produced;
    public static int ProcessThreadId;

    [Parameter]
    public int Count { get; set; } = -1;

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        ProcessThreadId = Environment.CurrentManagedThreadId;
        Started.Release();
        try
        {
            if (Count < 0)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            for (var i = 0; i < Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Interlocked.Increment(ref Produced);
                Emit(i);
            }
        }
        catch (OperationCanceledException)
        {
            WasCancelled = true;
            throw;
        }
    }
}

[Cmdlet(VerbsDiagnostic.Test, "KvsConfirmWork", SupportsShouldProcess = true)]
public sealed class TestKvsConfirmWorkCommand : KvsAsyncCmdlet
{
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var go = await ShouldProcessAsync("target-resource", "change");
        EmitVerbose("worker asked ShouldProcess");
        Emit(go ? "done" : "skipped");
    }
}

[Collection("Serial")]
public sealed class AsyncCmdletTests : IDisposable
{
    private readonly PowerShellSession session = new(importModule: false, configure: iss =>
    {
        iss.Commands.Add(new SessionStateCmdletEntry("Test-KvsSlowWork", typeof(TestKvsSlowWorkCommand), null));
        iss.Commands.Add(new SessionStateCmdletEntry("Test-KvsConfirmWork", typeof(TestKvsConfirmWorkCommand), null));
    });

    public AsyncCmdletTests()
    {
        TestKvsSlowWorkCommand.WasCancelled = false;
        TestKvsSlowWorkCommand.Produced = 0;
        while (TestKvsSlowWorkCommand.Started.CurrentCount > 0)
        {
            TestKvsSlowWorkCommand.Started.Wait();
        }
    }

    [Fact]
    public void Stopping_the_pipeline_cancels_the_call_in_flight()
    {
        using var ps = session.Create();
        ps.AddCommand("Test-KvsSlowWork");
        var async = ps.BeginInvoke();
        Assert.True(TestKvsSlowWorkCommand.Started.Wait(TimeSpan.FromSeconds(10)), "the worker never started");

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        ps.Stop();
        Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(async));
        Assert.True(TestKvsSlowWorkCommand.WasCancelled, "the in-flight call did not observe cancellation");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {stopwatch.Elapsed}");
    }

    [Fact]
    public void A_downstream_First_stops_the_producer_early()
    {
        var (output, errors) = session.Run("Test-KvsSlowWork -Count 1000000 | Select-Object -First 3");
        Assert.Empty(errors);
        Assert.Equal(new object[] { 0, 1, 2 }, output.Select(o => o.BaseObject));
        // The bounded queue gives back-pressure: the producer stops within one queue length.
        Assert.True(TestKvsSlowWorkCommand.Produced < 5000, $"producer ran on to {TestKvsSlowWorkCommand.Produced} items");
    }

    [Fact]
    public void Work_runs_off_the_pipeline_thread_and_output_arrives_in_order()
    {
        var (output, errors) = session.Run("Test-KvsSlowWork -Count 5000 | Measure-Object -Sum | ForEach-Object Sum");
        Assert.Empty(errors);
        Assert.Equal(Enumerable.Range(0, 5000).Sum(), Convert.ToInt32(output.Single().BaseObject));
    }

    [Fact]
    public void ShouldProcess_is_asked_on_the_pipeline_thread_and_honours_WhatIf()
    {
        var (whatIf, _) = session.Run("Test-KvsConfirmWork -WhatIf");
        Assert.Equal("skipped", whatIf.Single().BaseObject);
        var (real, errors) = session.Run("Test-KvsConfirmWork -Confirm:$false");
        Assert.Empty(errors);
        Assert.Equal("done", real.Single().BaseObject);
    }

    public void Dispose() => session.Dispose();
}

[CollectionDefinition("Serial", DisableParallelization = true)]
public sealed class SerialCollection
{
}
