using System.Management.Automation;

namespace KvsReporting.Errors;

/// <summary>Builds ErrorRecords the way the module reports every failure: specific id, category, target, fix.</summary>
public static class KvsErrors
{
    public static ErrorRecord Create(
        Exception exception,
        string errorId,
        ErrorCategory category,
        object? target,
        string? recommendedAction = null)
    {
        var record = new ErrorRecord(exception, errorId, category, target);
        if (!string.IsNullOrEmpty(recommendedAction))
        {
            record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = recommendedAction };
        }

        return record;
    }

    public static KvsErrorException Terminating(
        string message,
        string errorId,
        ErrorCategory category,
        object? target,
        string? recommendedAction = null,
        Exception? inner = null) =>
        new(Create(new KvsReportingException(message, inner), errorId, category, target, recommendedAction));

    /// <summary>
    /// [ValidateNotNullOrEmpty]'s check, made in code for a parameter that must let a null through binding (a
    /// property a local stack object leaves empty): the same ErrorId, category and message as the binding error.
    /// </summary>
    public static string RequireNotNullOrEmpty(string? value, string parameterName, string recommendedAction) =>
        !string.IsNullOrEmpty(value)
            ? value
            : throw Terminating(
                $"Cannot validate argument on parameter '{parameterName}'. The argument is null or empty. Provide an argument that is not null or empty, and then try the command again.",
                "ParameterArgumentValidationError",
                ErrorCategory.InvalidData,
                value,
                recommendedAction);
}

/// <summary>The exception type behind the module's own (non-AWS) errors.</summary>
public class KvsReportingException : Exception
{
    public KvsReportingException()
    {
    }

    public KvsReportingException(string message)
        : base(message)
    {
    }

    public KvsReportingException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
