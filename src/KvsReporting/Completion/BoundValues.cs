using System.Collections;
using System.Management.Automation;

namespace KvsReporting.Completion;

/// <summary>Reads the values PowerShell has already parsed from the command line being completed.</summary>
internal static class BoundValues
{
    public static string? GetString(IDictionary? fakeBoundParameters, string name)
    {
        if (fakeBoundParameters is null || !fakeBoundParameters.Contains(name))
        {
            return null;
        }

        var value = fakeBoundParameters[name];
        if (value is PSObject wrapped)
        {
            value = wrapped.BaseObject;
        }

        return value switch
        {
            null => null,
            string text => text.Length == 0 ? null : text,
            object[] { Length: > 0 } array => GetStringValue(array[0]),
            _ => GetStringValue(value),
        };
    }

    public static object? Get(IDictionary? fakeBoundParameters, string name)
    {
        if (fakeBoundParameters is null || !fakeBoundParameters.Contains(name))
        {
            return null;
        }

        var value = fakeBoundParameters[name];
        return value is PSObject wrapped ? wrapped.BaseObject : value;
    }

    private static string? GetStringValue(object? value) => value switch
    {
        null => null,
        PSObject wrapped => GetStringValue(wrapped.BaseObject),
        string text => text,
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };
}
