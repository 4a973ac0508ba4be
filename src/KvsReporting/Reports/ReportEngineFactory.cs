using System.Management.Automation;
using KvsReporting.Cmdlets;
using KvsReporting.Errors;
using KvsReporting.Queries;

namespace KvsReporting.Reports;

/// <summary>
/// Picks the query engine for a report cmdlet from its parameters: the embedded engine for <c>-Local</c>, Athena
/// otherwise. The engines live in their own feature folders (Local/, Queries/Athena); each registers how it is
/// opened here, so report code depends only on <see cref="IQueryEngine"/>.
/// </summary>
internal static class ReportEngineFactory
{
    /// <summary>Opens the embedded engine of a local stack folder.</summary>
    public static Func<ReportEngineTarget, KvsAsyncCmdlet, IQueryEngine>? LocalEngine { get; set; } =
        (target, _) => new LocalReportEngine(target.LocalPath!);

    /// <summary>Opens Athena with the cmdlet's connection settings (region, credentials, endpoint).</summary>
    public static Func<ReportEngineTarget, KvsAsyncCmdlet, IQueryEngine>? AthenaEngine { get; set; }

    public static IQueryEngine Create(ReportEngineTarget target, KvsAsyncCmdlet cmdlet, string operation)
    {
        var open = target.IsLocal ? LocalEngine : AthenaEngine;
        if (open is null)
        {
            throw KvsErrors.Terminating(
                $"This build of KvsReporting cannot run reports on {(target.IsLocal ? "a local stack" : "Athena")} yet.",
                $"Kvs{operation}EngineUnavailable",
                ErrorCategory.NotImplemented,
                target.IsLocal ? target.LocalPath : target.WorkGroup,
                target.IsLocal ? "Use a build of KvsReporting that includes the embedded engine." : "Use -Local with a local stack, or a build that includes the Athena engine.");
        }

        return open(target, cmdlet);
    }
}
