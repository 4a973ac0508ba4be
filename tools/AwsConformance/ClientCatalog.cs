using System.Reflection;
using KvsReporting.Aws.Runtime;

namespace KvsReporting.AwsConformance;

/// <summary>One operation a client can send, with its typed request and response.</summary>
public sealed record ClientOperation(Type Client, KvsServiceDescription Service, AwsOperation Operation, Type? RequestType, Type? ResponseType)
{
    public string Key => $"{Service.ServiceId}.{Operation.Name}";
}

/// <summary>
/// Finds every operation of every KvsServiceClient in an assembly by the layer's convention: a public static
/// KvsServiceDescription <c>Description</c>, public static AwsOperation fields, and a method
/// <c>&lt;Operation&gt;Async(TRequest, CancellationToken)</c> returning <c>Task&lt;TResponse&gt;</c>.
/// </summary>
public static class ClientCatalog
{
    public static IReadOnlyList<ClientOperation> Discover(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var result = new List<ClientOperation>();
        foreach (var client in LoadableTypes(assembly).Where(t => !t.IsAbstract && typeof(KvsServiceClient).IsAssignableFrom(t)))
        {
            if (client.GetField("Description", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is not KvsServiceDescription service)
            {
                continue;
            }

            foreach (var field in client.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(AwsOperation)))
            {
                var operation = (AwsOperation)field.GetValue(null)!;
                var method = client.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                    .FirstOrDefault(m => m.Name == operation.Name + "Async" && m.GetParameters().Length >= 1);
                var response = method?.ReturnType is { IsGenericType: true } task && task.GetGenericTypeDefinition() == typeof(Task<>)
                    ? task.GetGenericArguments()[0]
                    : null;
                result.Add(new ClientOperation(client, service, operation, method?.GetParameters()[0].ParameterType, response));
            }
        }

        return result.OrderBy(o => o.Service.ServiceId, StringComparer.Ordinal).ThenBy(o => o.Operation.Name, StringComparer.Ordinal).ToList();
    }

    // The module's cmdlets need System.Management.Automation, which a plain process does not have; the
    // clients do not, so the types that load are enough.
    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.OfType<Type>();
        }
    }
}
