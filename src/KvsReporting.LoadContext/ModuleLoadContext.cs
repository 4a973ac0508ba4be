using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace KvsReporting.LoadContext;

/// <summary>
/// Loads KvsReporting.dll and its dependencies from the module's lib folder in isolation. Assemblies the
/// module shares with PowerShell itself (System.Management.Automation and the framework) still come from the
/// default context, so cmdlet base types and pipeline objects stay the same types on both sides.
/// </summary>
public sealed class ModuleLoadContext : AssemblyLoadContext
{
    private const string MainAssemblyName = "KvsReporting";
    private static readonly object Gate = new();
    private static ModuleLoadContext? instance;

    private readonly string libDirectory;
    private readonly string[] nativeDirectories;

    private ModuleLoadContext(string libDirectory)
        : base(name: "KvsReporting", isCollectible: false)
    {
        this.libDirectory = libDirectory;
        nativeDirectories = NativeProbeDirectories(libDirectory).ToArray();
    }

    /// <summary>The lib folder this context loads from.</summary>
    public string LibDirectory => libDirectory;

    /// <summary>Creates the context once per process and returns the module's main assembly.</summary>
    public static Assembly Initialize()
    {
        lock (Gate)
        {
            if (instance is null)
            {
                var shimDirectory = Path.GetDirectoryName(typeof(ModuleLoadContext).Assembly.Location)
                    ?? throw new InvalidOperationException("Cannot locate the KvsReporting load-context assembly.");
                instance = new ModuleLoadContext(Path.Combine(shimDirectory, "lib"));
            }

            return instance.LoadFromAssemblyName(new AssemblyName(MainAssemblyName));
        }
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // PowerShell's own assemblies must be shared, otherwise Cmdlet in the module would not be the Cmdlet
        // PowerShell knows.
        if (assemblyName.Name is null || IsShared(assemblyName.Name))
        {
            return null;
        }

        var candidate = Path.Combine(libDirectory, assemblyName.Name + ".dll");
        return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        foreach (var fileName in NativeFileNames(unmanagedDllName))
        {
            foreach (var directory in nativeDirectories)
            {
                var candidate = Path.Combine(directory, fileName);
                if (File.Exists(candidate))
                {
                    return LoadUnmanagedDllFromPath(candidate);
                }
            }
        }

        return IntPtr.Zero;
    }

    private static bool IsShared(string name) =>
        name.StartsWith("System.Management.Automation", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Microsoft.PowerShell.", StringComparison.OrdinalIgnoreCase)
        || name.Equals("netstandard", StringComparison.OrdinalIgnoreCase)
        || name.Equals("mscorlib", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> NativeProbeDirectories(string libDirectory)
    {
        var runtimes = Path.Combine(libDirectory, "runtimes");
        foreach (var rid in RuntimeIdentifiers())
        {
            yield return Path.Combine(runtimes, rid, "native");
        }

        yield return libDirectory;
    }

    private static IEnumerable<string> RuntimeIdentifiers()
    {
        var arch = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "x64",
            Architecture.Arm64 => "arm64",
            Architecture.X86 => "x86",
            Architecture.Arm => "arm",
            var other => other.ToString().ToLowerInvariant(),
        };

        if (OperatingSystem.IsWindows())
        {
            yield return "win-" + arch;
        }
        else if (OperatingSystem.IsMacOS())
        {
            yield return "osx-" + arch;
            yield return "osx";
        }
        else
        {
            if (IsMusl())
            {
                yield return "linux-musl-" + arch;
            }

            yield return "linux-" + arch;
        }
    }

    private static bool IsMusl() =>
        RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> NativeFileNames(string name)
    {
        yield return name;
        if (Path.HasExtension(name) && !name.EndsWith(".1", StringComparison.Ordinal))
        {
            yield break;
        }

        if (OperatingSystem.IsWindows())
        {
            yield return name + ".dll";
        }
        else if (OperatingSystem.IsMacOS())
        {
            yield return "lib" + name + ".dylib";
            yield return name + ".dylib";
        }
        else
        {
            yield return "lib" + name + ".so";
            yield return name + ".so";
        }
    }
}
