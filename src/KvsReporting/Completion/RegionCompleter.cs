using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Amazon;

namespace KvsReporting.Completion;

/// <summary>Completes -Region from the AWS SDK's own region list, with each region's display name as tooltip.</summary>
public sealed class RegionCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var regions = RegionEndpoint.EnumerableAllRegions
            .Select(r => new CompletionCandidate(r.SystemName, $"{r.SystemName} ({r.DisplayName})"));
        return CompletionCandidate.ToResults(regions, wordToComplete).ToList();
    }
}
