using System.Management.Automation;
using KvsReporting.Completion;

namespace KvsReporting.Tests.Completion;

/// <summary>A cmdlet carrying the module's completers the way the real cmdlets do, for TabExpansion2 tests.</summary>
[Cmdlet(VerbsDiagnostic.Test, "KvsCompletion")]
public sealed class TestKvsCompletionCommand : PSCmdlet
{
    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(ProfileCompleter))]
    public string? ProfileName { get; set; }

    [Parameter]
    public string? ProfileLocation { get; set; }
}
