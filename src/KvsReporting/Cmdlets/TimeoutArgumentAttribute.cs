using System.Globalization;
using System.Management.Automation;

namespace KvsReporting.Cmdlets;

/// <summary>
/// Lets a TimeSpan parameter take a plain number as seconds (<c>-Timeout 600</c>), as well as a TimeSpan or
/// a string like <c>00:10:00</c>. Without it PowerShell would read 600 as 600 ticks.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class TimeoutArgumentAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject ps ? ps.BaseObject : inputData;
        return value switch
        {
            null => null,
            TimeSpan span => span,
            int or long or short or byte or uint or ulong or ushort => TimeSpan.FromSeconds(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
            double d => TimeSpan.FromSeconds(d),
            float f => TimeSpan.FromSeconds(f),
            decimal m => TimeSpan.FromSeconds((double)m),
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) => TimeSpan.FromSeconds(seconds),
            string s when TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw new ArgumentTransformationMetadataException(
                $"'{value}' is not a timeout: give seconds (600) or a time span (00:10:00)."),
        };
    }
}
