using System.Management.Automation;

namespace KvsReporting.Stack;

/// <summary>Recognises a piped local stack, whichever assembly load context its type came from.</summary>
internal static class StackInput
{
    public static string? LocalPathOf(PSObject? input) =>
        input is not null
        && input.Properties[nameof(KvsReportingStack.Kind)]?.Value?.ToString() == nameof(KvsStackKind.Local)
        && input.Properties[nameof(KvsReportingStack.LocalPath)]?.Value is string { Length: > 0 } path
            ? path
            : null;
}
