using System.Reflection;
using System.Text.Json;
using KvsReporting.AwsConformance.Samples;

namespace KvsReporting.AwsConformance;

/// <summary>The result for one operation.</summary>
public sealed record OperationReport(
    string Service,
    string Operation,
    string Protocol,
    int RequestsChecked,
    bool TypesChecked,
    int FixturesChecked,
    IReadOnlyList<string> Problems)
{
    public bool Valid => Problems.Count == 0 && RequestsChecked > 0 && TypesChecked;
}

/// <summary>The result for one service model.</summary>
public sealed record ServiceReport(string ServiceId, string Protocol, string ApiVersion, string ModelPath, IReadOnlyList<string> Problems);

/// <summary>The whole run.</summary>
public sealed record ConformanceReport(string BotocoreVersion, IReadOnlyList<ServiceReport> Services, IReadOnlyList<OperationReport> Operations, IReadOnlyList<string> Problems)
{
    public bool Valid => Problems.Count == 0 && Services.All(s => s.Problems.Count == 0) && Operations.All(o => o.Valid);
}

/// <summary>
/// Checks every operation of every client in the module against botocore's models: sample requests through
/// the real marshallers, request/response types against input/output shapes, response fixtures.
/// </summary>
public static class ConformanceChecker
{
    public static ConformanceReport Run(string botocoreData, string? fixturesDirectory = null, Assembly? moduleAssembly = null, IEnumerable<Sample>? extraSamples = null)
    {
        moduleAssembly ??= typeof(KvsReporting.Aws.Runtime.KvsServiceClient).Assembly;
        var operations = ClientCatalog.Discover(moduleAssembly);
        var samples = SampleProviders().SelectMany(p => p.Samples()).Concat(extraSamples ?? []).ToLookup(s => s.Operation, StringComparer.Ordinal);
        var globalProblems = new List<string>();
        var known = operations.Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        globalProblems.AddRange(samples.Select(g => g.Key).Where(k => !known.Contains(k)).Select(k => $"sample for {k}, which no client sends"));

        var services = new List<ServiceReport>();
        var reports = new List<OperationReport>();
        foreach (var group in operations.GroupBy(o => o.Service))
        {
            var service = group.Key;
            var model = ServiceModel.Load(botocoreData, service.ServiceId, service.ApiVersion);
            if (model is null)
            {
                services.Add(new ServiceReport(service.ServiceId, service.Protocol.ToString(), service.ApiVersion, "(missing)", [$"no botocore model with serviceId {service.ServiceId} and version {service.ApiVersion}"]));
                reports.AddRange(group.Select(o => new OperationReport(service.ServiceId, o.Operation.Name, service.Protocol.ToString(), 0, false, 0, ["no service model"])));
                continue;
            }

            using (model.Document)
            {
                services.Add(new ServiceReport(service.ServiceId, model.Protocol, model.ApiVersion, Relative(botocoreData, model.Path), CheckService(service, model)));
                foreach (var operation in group)
                {
                    reports.Add(CheckOperation(operation, model, samples[operation.Key].ToList(), fixturesDirectory));
                }
            }
        }

        return new ConformanceReport(BotocoreVersion(botocoreData), services, reports, globalProblems);
    }

    private static List<string> CheckService(KvsReporting.Aws.Runtime.KvsServiceDescription service, ServiceModel model)
    {
        var problems = new List<string>();
        var protocol = service.Protocol switch
        {
            KvsReporting.Aws.Runtime.AwsProtocol.Json => "json",
            KvsReporting.Aws.Runtime.AwsProtocol.Query => "query",
            _ => "rest-json",
        };
        void Expect(string what, string? expected, string? actual)
        {
            if (!string.Equals(expected, actual, StringComparison.Ordinal))
            {
                problems.Add($"{what}: client has '{actual}', the model says '{expected}'");
            }
        }

        Expect("protocol", model.Protocol, protocol);
        Expect("signing name", model.SigningName, service.SigningName);
        Expect("endpoint prefix", model.EndpointPrefix, service.EndpointPrefix);
        if (model.Protocol == "json")
        {
            Expect("target prefix", model.TargetPrefix, service.TargetPrefix);
            Expect("JSON version", model.JsonVersion ?? "1.0", service.JsonVersion);
        }

        return problems;
    }

    private static OperationReport CheckOperation(ClientOperation operation, ServiceModel model, List<Sample> samples, string? fixturesDirectory)
    {
        var problems = new List<string>();
        var service = operation.Service.ServiceId;
        if (!model.TryGetOperation(operation.Operation.Name, out var modelOperation))
        {
            return new OperationReport(service, operation.Operation.Name, model.Protocol, 0, false, 0, [$"the model has no operation {operation.Operation.Name}"]);
        }

        if (model.Protocol == "rest-json")
        {
            var http = modelOperation.GetProperty("http");
            if (!string.Equals(http.GetProperty("method").GetString(), operation.Operation.HttpMethod, StringComparison.Ordinal)
                || !string.Equals(http.GetProperty("requestUri").GetString(), operation.Operation.RequestUri, StringComparison.Ordinal))
            {
                problems.Add($"http binding: client has {operation.Operation.HttpMethod} {operation.Operation.RequestUri}, the model says {http.GetProperty("method")} {http.GetProperty("requestUri")}");
            }
        }

        var typesChecked = false;
        if (operation.RequestType is null || operation.ResponseType is null)
        {
            problems.Add($"client has no method {operation.Operation.Name}Async(TRequest, CancellationToken) returning Task<TResponse>");
        }
        else
        {
            var checker = new TypeShapeChecker(model);
            if (modelOperation.TryGetProperty("input", out var input))
            {
                checker.Check(operation.RequestType, ServiceModel.ShapeName(input), "request ", problems, topLevel: true);
            }

            if (modelOperation.TryGetProperty("output", out var output))
            {
                checker.Check(operation.ResponseType, ServiceModel.ShapeName(output), "response ", problems, topLevel: true);
            }

            typesChecked = true;
        }

        if (samples.Count == 0)
        {
            problems.Add("no sample request (add one to tools/AwsConformance/Samples)");
        }

        var requestChecker = new RequestChecker(model);
        foreach (var sample in samples)
        {
            var sampleProblems = new List<string>();
            requestChecker.Check(operation, sample.Create(), modelOperation, sampleProblems);
            problems.AddRange(sampleProblems.Select(p => $"sample '{sample.Description}': {p}"));
        }

        var fixtures = 0;
        if (fixturesDirectory is not null && modelOperation.TryGetProperty("output", out var outputShape))
        {
            var folder = Path.Combine(fixturesDirectory, service);
            foreach (var file in Directory.Exists(folder) ? Directory.EnumerateFiles(folder, operation.Operation.Name + "*.json") : [])
            {
                var name = Path.GetFileNameWithoutExtension(file);
                if (name != operation.Operation.Name && !name.StartsWith(operation.Operation.Name + ".", StringComparison.Ordinal))
                {
                    continue;
                }

                fixtures++;
                using var doc = JsonDocument.Parse(File.ReadAllText(file));
                var fixtureProblems = new List<string>();
                new JsonShapeValidator(model).Validate(doc.RootElement, ServiceModel.ShapeName(outputShape), string.Empty, fixtureProblems, checkRequired: true);
                problems.AddRange(fixtureProblems.Select(p => $"fixture {Path.GetFileName(file)}: {p}"));
            }
        }

        return new OperationReport(service, operation.Operation.Name, model.Protocol, samples.Count, typesChecked, fixtures, problems);
    }

    private static IEnumerable<ISampleRequests> SampleProviders() =>
        typeof(ConformanceChecker).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(ISampleRequests).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (ISampleRequests)Activator.CreateInstance(t)!);

    private static string BotocoreVersion(string botocoreData)
    {
        var init = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(botocoreData).TrimEnd('/'))!, "__init__.py");
        if (File.Exists(init))
        {
            var match = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(init), "__version__ = '([^']+)'");
            if (match.Success)
            {
                return match.Groups[1].Value;
            }
        }

        return "unknown";
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(root).TrimEnd('/'))!, path);
}
