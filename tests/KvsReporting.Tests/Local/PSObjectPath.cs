using System.Management.Automation;

namespace KvsReporting.Tests.Local;

/// <summary>Reads properties of module objects by name: the module's types live in its own load context, so
/// tests cannot cast to them.</summary>
internal static class PSObjectPath
{
    public static object? Get(this PSObject obj, string path)
    {
        object? current = obj;
        foreach (var name in path.Split('.'))
        {
            current = current is null ? null : PSObject.AsPSObject(current).Properties[name]?.Value;
        }

        return current is PSObject ps ? ps.BaseObject : current;
    }
}
