using System.Management.Automation.Runspaces;
using KvsReporting.Reports;

namespace KvsReporting.Tests.Reports;

/// <summary>
/// A runspace with the report cmdlets of the assembly under test, the DuckDB test engine registered as the
/// local engine (until the embedded engine of Local/ is wired into the factory), and the module's built assets
/// (Chart.js, fetched by build.ps1) as the report's asset folder.
/// </summary>
internal static class ReportSession
{
    public static PowerShellSession Create()
    {
        ReportEngineFactory.LocalEngine = (target, _) => new DuckDbTestEngine(target.LocalPath!);
        ReportAssets.DirectoryOverride = Path.Combine(TestEnvironment.ModuleDirectory, "assets");
        return new PowerShellSession(importModule: false, configure: iss =>
        {
            iss.Commands.Add(new SessionStateCmdletEntry("Get-KvsDetectionSummary", typeof(GetKvsDetectionSummaryCommand), null));
            iss.Commands.Add(new SessionStateCmdletEntry("Get-KvsPlateHistory", typeof(GetKvsPlateHistoryCommand), null));
            iss.Commands.Add(new SessionStateCmdletEntry("Export-KvsReport", typeof(ExportKvsReportCommand), null));
        });
    }
}
