using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace KvsReporting.Aws.Runtime.Protocols;

/// <summary>
/// AWS REST-JSON: the operation's HTTP method and URI template; members marked [AwsLocation] go to the path,
/// query string or headers, the rest to a JSON body.
/// </summary>
internal sealed class RestJsonMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static readonly RestJsonMarshaller Instance = new();

    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var call = (KvsOperationRequest)input;
        var template = call.Operation.RequestUri;
        var query = string.Empty;
        var q = template.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            query = template[(q + 1)..];
            template = template[..q];
        }

        var request = new DefaultRequest(call, call.Service.ServiceId)
        {
            HttpMethod = call.Operation.HttpMethod,
            ResourcePath = template,
        };

        // Literal query parts of the template ("?versions", "?x=y") are part of the operation.
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            request.Parameters[eq < 0 ? part : part[..eq]] = eq < 0 ? string.Empty : part[(eq + 1)..];
        }

        var bodyMembers = 0;
        var bound = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in call.Input.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var location = property.GetCustomAttribute<AwsLocationAttribute>();
            if (location is null)
            {
                bodyMembers++;
                continue;
            }

            bound.Add(AwsJson.MemberName(property));
            var value = property.GetValue(call.Input);
            if (value is null)
            {
                continue;
            }

            switch (location.Location)
            {
                case AwsMemberLocation.Uri:
                    var greedy = template.Contains("{" + location.Name + "+}", StringComparison.Ordinal);
                    request.AddPathResource(greedy ? "{" + location.Name + "+}" : "{" + location.Name + "}", Text(value));
                    break;
                case AwsMemberLocation.QueryString:
                    if (value is IEnumerable list and not string)
                    {
                        request.ParameterCollection.Add(location.Name, list.Cast<object>().Select(Text).ToList());
                    }
                    else
                    {
                        request.Parameters[location.Name] = Text(value);
                    }

                    break;
                case AwsMemberLocation.Header:
                    request.Headers[location.Name] = Text(value);
                    break;
                default:
                    break;
            }
        }

        if (request.Parameters.Count > 0 || request.ParameterCollection.Count > 0)
        {
            request.UseQueryString = true;
        }

        if (bodyMembers > 0)
        {
            var node = JsonSerializer.SerializeToNode(call.Input, call.Input.GetType(), AwsJson.Options) as JsonObject ?? [];
            foreach (var name in bound)
            {
                node.Remove(name);
            }

            request.Content = JsonSerializer.SerializeToUtf8Bytes(node, AwsJson.Options);
            request.Headers["Content-Type"] = "application/json";
        }

        return request;
    }

    internal static string Text(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}

/// <summary>Reads a REST-JSON answer: JSON body into the typed output, then header and status members.</summary>
internal sealed class RestJsonUnmarshaller<TOutput> : JsonResponseUnmarshaller
    where TOutput : class, new()
{
    public static readonly RestJsonUnmarshaller<TOutput> Instance = new();

    public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context)
    {
        var output = AwsJson.Deserialize<TOutput>(ResponseBodies.ReadAll(context.Stream));
        foreach (var property in typeof(TOutput).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var location = property.GetCustomAttribute<AwsLocationAttribute>();
            if (location is null || !property.CanWrite)
            {
                continue;
            }

            if (location.Location == AwsMemberLocation.Header && ResponseBodies.Header(context, location.Name) is { } header)
            {
                property.SetValue(output, Convert(property.PropertyType, header));
            }
            else if (location.Location == AwsMemberLocation.StatusCode && context.ResponseData is { } data)
            {
                property.SetValue(output, Convert(property.PropertyType, ((int)data.StatusCode).ToString(CultureInfo.InvariantCulture)));
            }
        }

        var response = new KvsOperationResponse<TOutput> { Output = output };
        ResponseBodies.SetRequestId(response, context);
        return response;
    }

    public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode) =>
        ResponseBodies.Error(context, context.Stream, innerException, statusCode);

    private static object? Convert(Type type, string text)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target == typeof(string) ? text : System.Convert.ChangeType(text, target, CultureInfo.InvariantCulture);
    }
}
