namespace KvsReporting.Aws.Runtime;

/// <summary>Where a REST member travels instead of the JSON body (the model's <c>location</c>).</summary>
public enum AwsMemberLocation
{
    Uri,
    QueryString,
    Header,
    StatusCode,
}

/// <summary>
/// Binds a REST-JSON request/response member to the URI path, the query string or a header (the model's
/// <c>location</c> and <c>locationName</c>). Members without it go in the JSON body.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class AwsLocationAttribute : Attribute
{
    public AwsLocationAttribute(AwsMemberLocation location, string name)
    {
        Location = location;
        Name = name;
    }

    public AwsMemberLocation Location { get; }

    public string Name { get; }
}

/// <summary>
/// Marks a string member the model flags <c>idempotencyToken</c> (ClientRequestToken): when the caller leaves
/// it empty the client fills it once per logical call, so the SDK's retries of that call reuse it and the
/// service never applies the request twice.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class AwsIdempotencyTokenAttribute : Attribute
{
}

/// <summary>Query protocol: a list or map serialised flattened (no <c>member</c>/<c>entry</c> level).</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class AwsFlattenedAttribute : Attribute
{
}
