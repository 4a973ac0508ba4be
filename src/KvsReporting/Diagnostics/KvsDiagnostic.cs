namespace KvsReporting.Diagnostics;

/// <summary>The outcome of one diagnostic check.</summary>
public enum KvsDiagnosticStatus
{
    Pass,
    Warn,
    Fail,
}

/// <summary>One row of Test-KvsReportingStack: what was checked, how it went, and what to do about it.</summary>
public sealed class KvsDiagnostic
{
    public string StackName { get; set; } = string.Empty;

    /// <summary>Short name of the check, e.g. "Spill bucket writable".</summary>
    public string Check { get; set; } = string.Empty;

    public KvsDiagnosticStatus Status { get; set; }

    /// <summary>What was found.</summary>
    public string Detail { get; set; } = string.Empty;

    /// <summary>What to do when the status is not Pass (a command where one exists).</summary>
    public string? Fix { get; set; }

    /// <summary>The resource checked (bucket, role, crawler, function...).</summary>
    public string? Target { get; set; }

    public string? Region { get; set; }

    /// <summary>
    /// The ErrorId the module's other cmdlets raise for the same problem (e.g. KvsGetStackNotFound,
    /// KvsLocalStackInUse, KvsInvokeQueryTableNotFound), so a runbook can branch on it as it would on an error.
    /// </summary>
    public string? ErrorId { get; set; }

    public override string ToString() => $"{Status} {Check}: {Detail}";

    public static KvsDiagnostic Pass(string check, string? target, string detail) =>
        new() { Check = check, Target = target, Status = KvsDiagnosticStatus.Pass, Detail = detail };

    public static KvsDiagnostic Warn(string check, string? target, string detail, string fix) =>
        new() { Check = check, Target = target, Status = KvsDiagnosticStatus.Warn, Detail = detail, Fix = fix };

    public static KvsDiagnostic Fail(string check, string? target, string detail, string fix, string? errorId = null) =>
        new() { Check = check, Target = target, Status = KvsDiagnosticStatus.Fail, Detail = detail, Fix = fix, ErrorId = errorId };
}
