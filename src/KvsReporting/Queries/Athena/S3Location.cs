namespace KvsReporting.Queries.Athena;

/// <summary>An <c>s3://bucket/key</c> URI split into its parts.</summary>
public readonly record struct S3Location(string Bucket, string Key)
{
    public static bool TryParse(string? uri, out S3Location location)
    {
        location = default;
        if (uri is null || !uri.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = uri[5..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == rest.Length - 1)
        {
            return false;
        }

        location = new S3Location(rest[..slash], rest[(slash + 1)..]);
        return true;
    }

    public override string ToString() => $"s3://{Bucket}/{Key}";
}
