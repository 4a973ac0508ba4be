using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using KvsReporting.Aws.Runtime;

namespace KvsReporting.AwsConformance;

/// <summary>
/// Marshals a request through the module's real marshaller (nothing is sent) and validates the HTTP request
/// against the model: protocol framing (target, action, version, method, URI) and every member.
/// </summary>
internal sealed class RequestChecker(ServiceModel model)
{
    public void Check(ClientOperation operation, object sample, JsonElement modelOperation, List<string> problems)
    {
        IRequest request;
        try
        {
            request = KvsServiceClient.Marshall(operation.Service, operation.Operation, sample);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or NotSupportedException or JsonException)
        {
            problems.Add($"marshalling failed: {ex.Message}");
            return;
        }

        var inputShape = modelOperation.TryGetProperty("input", out var input) ? ServiceModel.ShapeName(input) : null;
        switch (model.Protocol)
        {
            case "json":
                Json(operation, request, inputShape, problems);
                break;
            case "query":
                Query(operation, request, inputShape, problems);
                break;
            case "rest-json":
                RestJson(request, modelOperation, inputShape, problems);
                break;
            default:
                problems.Add($"protocol {model.Protocol} is not checked");
                break;
        }
    }

    private void Json(ClientOperation operation, IRequest request, string? inputShape, List<string> problems)
    {
        Expect("HTTP method", "POST", request.HttpMethod, problems);
        Expect("URI", "/", request.ResourcePath, problems);
        Expect("X-Amz-Target", $"{model.TargetPrefix}.{operation.Operation.Name}", Header(request, "X-Amz-Target"), problems);
        Expect("Content-Type", $"application/x-amz-json-{model.JsonVersion ?? "1.0"}", Header(request, "Content-Type"), problems);
        using var body = JsonDocument.Parse(request.Content ?? "{}"u8.ToArray());
        if (inputShape is null)
        {
            if (body.RootElement.EnumerateObject().Any())
            {
                problems.Add("the operation has no input, but members were sent");
            }

            return;
        }

        new JsonShapeValidator(model).Validate(body.RootElement, inputShape, string.Empty, problems);
    }

    private void Query(ClientOperation operation, IRequest request, string? inputShape, List<string> problems)
    {
        Expect("HTTP method", "POST", request.HttpMethod, problems);
        Expect("Content-Type", "application/x-www-form-urlencoded; charset=utf-8", Header(request, "Content-Type"), problems);
        var pairs = Encoding.UTF8.GetString(request.Content ?? []).Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => new KeyValuePair<string, string>(WebUtility.UrlDecode(p[0]), p.Length > 1 ? Uri.UnescapeDataString(p[1]) : string.Empty))
            .ToList();
        Expect("Action", operation.Operation.Name, pairs.FirstOrDefault(p => p.Key == "Action").Value, problems);
        Expect("Version", model.ApiVersion, pairs.FirstOrDefault(p => p.Key == "Version").Value, problems);
        var members = pairs.Where(p => p.Key is not ("Action" or "Version")).ToList();
        if (inputShape is null)
        {
            if (members.Count > 0)
            {
                problems.Add("the operation has no input, but members were sent");
            }

            return;
        }

        new QueryShapeValidator(model).Validate(members, inputShape, problems);
    }

    private void RestJson(IRequest request, JsonElement modelOperation, string? inputShape, List<string> problems)
    {
        var http = modelOperation.GetProperty("http");
        Expect("HTTP method", http.GetProperty("method").GetString(), request.HttpMethod, problems);
        var template = http.GetProperty("requestUri").GetString()!;
        var q = template.IndexOf('?', StringComparison.Ordinal);
        var pathTemplate = q >= 0 ? template[..q] : template;
        Expect("URI template", pathTemplate, request.ResourcePath, problems);

        var parameters = request.ParameterCollection.ToDictionary(p => p.Key, p => p.Value switch
        {
            StringParameterValue s => new List<string> { s.Value },
            StringListParameterValue l => l.Value,
            _ => [],
        });
        if (q >= 0)
        {
            foreach (var literal in template[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var name = literal.Split('=')[0];
                if (!parameters.Remove(name))
                {
                    problems.Add($"query: the URI's literal '{literal}' is missing");
                }
            }
        }

        if (inputShape is null)
        {
            return;
        }

        var shape = model.Shape(inputShape);
        var required = ServiceModel.Required(shape).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, member) in ServiceModel.Members(shape))
        {
            var location = ServiceModel.Str(member, "location");
            var locationName = ServiceModel.Str(member, "locationName") ?? name;
            var memberShape = model.Shape(ServiceModel.ShapeName(member));
            switch (location)
            {
                case "uri":
                    var value = request.PathResources.TryGetValue("{" + locationName + "}", out var v) ? v
                        : request.PathResources.TryGetValue("{" + locationName + "+}", out var greedy) ? greedy : null;
                    if (value is null)
                    {
                        problems.Add($"uri {{{locationName}}}: required label is missing");
                    }
                    else
                    {
                        ValueChecks.Text(memberShape, value, $"uri {{{locationName}}}", problems);
                    }

                    break;
                case "querystring":
                    if (parameters.Remove(locationName, out var values))
                    {
                        foreach (var item in values)
                        {
                            var itemShape = ServiceModel.Type(memberShape) == "list" ? model.Shape(ServiceModel.ShapeName(memberShape.GetProperty("member"))) : memberShape;
                            ValueChecks.Text(itemShape, item, $"query {locationName}", problems);
                        }
                    }
                    else if (required.Contains(name))
                    {
                        problems.Add($"query {locationName}: required member is missing");
                    }

                    break;
                case "header":
                    var header = Header(request, locationName);
                    if (header is not null)
                    {
                        ValueChecks.Text(memberShape, header, $"header {locationName}", problems);
                    }
                    else if (required.Contains(name))
                    {
                        problems.Add($"header {locationName}: required member is missing");
                    }

                    break;
                default:
                    break;
            }
        }

        foreach (var extra in parameters.Keys)
        {
            problems.Add($"query {extra}: not a querystring member of {inputShape}");
        }

        var hasBodyMembers = ServiceModel.Members(shape).Any(m => ServiceModel.Str(m.Member, "location") is null);
        if (request.Content is { Length: > 0 } content)
        {
            Expect("Content-Type", "application/json", Header(request, "Content-Type"), problems);
            using var body = JsonDocument.Parse(content);
            new JsonShapeValidator(model).Validate(body.RootElement, inputShape, string.Empty, problems, skipLocated: true);
        }
        else if (hasBodyMembers && ServiceModel.Required(shape).Any(r => ServiceModel.Members(shape).Any(m => m.Name == r && ServiceModel.Str(m.Member, "location") is null)))
        {
            problems.Add("the input has required body members but no body was sent");
        }
    }

    private static string? Header(IRequest request, string name) =>
        request.Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static void Expect(string what, string? expected, string? actual, List<string> problems)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            problems.Add($"{what}: sent '{actual}', the model says '{expected}'");
        }
    }
}
