using System.Management.Automation;

namespace KvsReporting.Errors;

/// <summary>
/// Carries a fully formed ErrorRecord out of worker code; the base cmdlet turns it into a terminating error
/// on the pipeline thread.
/// </summary>
public sealed class KvsErrorException : Exception
{
    public KvsErrorException(ErrorRecord errorRecord)
        : base(errorRecord?.Exception?.Message, errorRecord?.Exception)
    {
        ErrorRecord = errorRecord ?? throw new ArgumentNullException(nameof(errorRecord));
    }

    public KvsErrorException()
        : this(new ErrorRecord(new InvalidOperationException("Unknown KvsReporting error."), "KvsUnknown", ErrorCategory.NotSpecified, null))
    {
    }

    public KvsErrorException(string message)
        : this(new ErrorRecord(new InvalidOperationException(message), "KvsUnknown", ErrorCategory.NotSpecified, null))
    {
    }

    public KvsErrorException(string message, Exception innerException)
        : this(new ErrorRecord(new InvalidOperationException(message, innerException), "KvsUnknown", ErrorCategory.NotSpecified, null))
    {
    }

    public ErrorRecord ErrorRecord { get; }
}
