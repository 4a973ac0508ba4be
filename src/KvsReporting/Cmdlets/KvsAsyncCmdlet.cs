using System.Collections.Concurrent;
using System.Management.Automation;
using KvsReporting.Errors;

namespace KvsReporting.Cmdlets;

/// <summary>
/// Base for every KvsReporting cmdlet. Work runs as a task off the pipeline thread; everything PowerShell
/// requires on the pipeline thread (output, errors, progress, verbose, ShouldProcess) is posted back through a
/// bounded queue and executed there. StopProcessing (Ctrl+C, or a downstream Select-Object -First) cancels the
/// token the work observes, so an AWS call or a poll loop ends at once.
/// </summary>
public abstract class KvsAsyncCmdlet : PSCmdlet, IDisposable
{
    // Bounded so a fast producer (a million-row result) cannot outrun the pipeline and grow memory.
    private const int QueueCapacity = 1024;

    private readonly CancellationTokenSource cancellation = new();
    private BlockingCollection<Action>? queue;
    private bool disposed;

    /// <summary>Cancelled when the pipeline stops.</summary>
    protected CancellationToken CancelToken => cancellation.Token;

    protected sealed override void BeginProcessing() => Run(BeginProcessingAsync);

    protected sealed override void ProcessRecord()
    {
        if (!TryProcessRecordInline())
        {
            Run(ProcessRecordAsync);
        }
    }

    protected sealed override void EndProcessing() => Run(EndProcessingAsync);

    protected override void StopProcessing() => cancellation.Cancel();

    protected virtual Task BeginProcessingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task ProcessRecordAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Handles the current record on the pipeline thread, without a worker, when that is all it needs (returns
    /// true); otherwise ProcessRecordAsync runs as usual. For cmdlets that take many objects from the pipeline and
    /// only buffer or append them: a worker per record costs two thread hand-offs, which on a busy machine made a
    /// pipeline of 200,000 detections take a minute. Emit* calls made here run inline.
    /// </summary>
    protected virtual bool TryProcessRecordInline() => false;

    protected virtual Task EndProcessingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Writes an object from the worker; blocks (cancellably) while the pipeline catches up.</summary>
    protected void Emit(object? item) => Post(() => WriteObject(item));

    protected void EmitVerbose(string message) => Post(() => WriteVerbose(message));

    protected void EmitDebug(string message) => Post(() => WriteDebug(message));

    protected void EmitWarning(string message) => Post(() => WriteWarning(message));

    protected void EmitProgress(ProgressRecord record) => Post(() => WriteProgress(record));

    protected void EmitError(ErrorRecord record) => Post(() => WriteError(record));

    /// <summary>Asks ShouldProcess on the pipeline thread and waits for the answer.</summary>
    protected Task<bool> ShouldProcessAsync(string target, string action) =>
        InvokeOnPipeline(() => ShouldProcess(target, action));

    protected Task<bool> ShouldProcessAsync(string verboseDescription, string verboseWarning, string caption) =>
        InvokeOnPipeline(() => ShouldProcess(verboseDescription, verboseWarning, caption));

    protected Task<bool> ShouldContinueAsync(string query, string caption) =>
        InvokeOnPipeline(() => ShouldContinue(query, caption));

    /// <summary>Runs a function on the pipeline thread and returns its result to the worker.</summary>
    protected Task<T> InvokeOnPipeline<T>(Func<T> function)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            try
            {
                completion.SetResult(function());
            }
            catch (Exception ex)
            {
                completion.SetException(ex);
                throw;
            }
        });
        return completion.Task;
    }

    /// <summary>Queues an action for the pipeline thread. Runs inline when already on it (outside Run).</summary>
    protected void Post(Action action)
    {
        var current = queue;
        if (current is null)
        {
            action();
            return;
        }

        try
        {
            current.Add(action, cancellation.Token);
        }
        catch (InvalidOperationException) when (current.IsAddingCompleted)
        {
            throw new OperationCanceledException(cancellation.Token);
        }
    }

    private void Run(Func<CancellationToken, Task> work)
    {
        using var pending = new BlockingCollection<Action>(QueueCapacity);
        queue = pending;
        var task = Task.Run(
            async () =>
            {
                try
                {
                    await work(cancellation.Token).ConfigureAwait(false);
                }
                finally
                {
                    pending.CompleteAdding();
                }
            },
            CancellationToken.None);

        Exception? pipelineFault = null;
        try
        {
            foreach (var action in pending.GetConsumingEnumerable())
            {
                if (pipelineFault is not null)
                {
                    continue; // drain so the worker never blocks on a full queue while it unwinds
                }

                try
                {
                    action();
                }
                catch (Exception ex)
                {
                    // PipelineStoppedException (downstream stopped), or a terminating error raised while
                    // writing: stop the worker and rethrow once it has unwound.
                    pipelineFault = ex;
                    cancellation.Cancel();
                }
            }

            task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (pipelineFault is null && cancellation.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception) when (pipelineFault is not null)
        {
            // the worker's own unwinding (usually cancellation) is a consequence of the pipeline fault
        }
        catch (KvsErrorException ex)
        {
            ThrowTerminatingError(ex.ErrorRecord);
        }
        finally
        {
            queue = null;
        }

        if (pipelineFault is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(pipelineFault).Throw();
        }
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposed)
        {
            if (disposing)
            {
                cancellation.Dispose();
            }

            disposed = true;
        }
    }
}
