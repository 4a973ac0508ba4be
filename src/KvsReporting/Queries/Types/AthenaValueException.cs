using KvsReporting.Errors;

namespace KvsReporting.Queries.Types;

/// <summary>
/// A result value that cannot become its .NET type without changing it (a decimal beyond System.Decimal's
/// 28-29 digits, a date outside DateTime's range, text that is not of the declared type). Raised instead of
/// silently rounding or guessing.
/// </summary>
public sealed class AthenaValueException : KvsReportingException
{
    public AthenaValueException()
    {
    }

    public AthenaValueException(string message)
        : base(message)
    {
    }

    public AthenaValueException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
