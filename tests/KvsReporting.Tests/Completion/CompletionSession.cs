using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace KvsReporting.Tests.Completion;

/// <summary>Runs TabExpansion2 in a real runspace, exactly as the prompt does on Tab.</summary>
internal static class CompletionSession
{
    public static PowerShellSession WithCommand<T>(string name)
        where T : PSCmdlet =>
        new(importModule: false, configure: iss => iss.Commands.Add(new SessionStateCmdletEntry(name, typeof(T), null)));

    public static (IReadOnlyList<CompletionResult> Matches, IReadOnlyList<ErrorRecord> Errors) Complete(this PowerShellSession session, string input)
    {
        using var ps = session.Create();
        ps.AddCommand("TabExpansion2").AddParameter("inputScript", input).AddParameter("cursorColumn", input.Length);
        var result = ps.Invoke<CommandCompletion>().Single();
        return (result.CompletionMatches.ToList(), ps.Streams.Error.ToList());
    }

    public static List<string> Texts(this IReadOnlyList<CompletionResult> matches) => matches.Select(m => m.CompletionText).ToList();
}
