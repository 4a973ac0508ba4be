using System.Management.Automation;
using System.Text.RegularExpressions;

namespace KvsReporting.QuickSight;

/// <summary>
/// -AwsAccountId's check: twelve digits, as [ValidatePattern] says it (same binding error for a bad value), but
/// null or empty passes. A stack object without an account (a local stack, or one whose id is unknown) must
/// reach the cmdlet: a local stack gets its own clear error there, an AWS one has its account asked of STS.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed partial class ValidateAccountIdAttribute : ValidateArgumentsAttribute
{
    private const string Pattern = "^[0-9]{12}$";

    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
        var text = value?.ToString();
        if (string.IsNullOrEmpty(text) || AccountId().IsMatch(text))
        {
            return;
        }

        throw new ValidationMetadataException($"The argument \"{text}\" does not match the \"{Pattern}\" pattern. Supply an argument that matches \"{Pattern}\" and try the command again.");
    }

    [GeneratedRegex(Pattern)]
    private static partial Regex AccountId();
}
