namespace KvsReporting.Aws.Connection;

/// <summary>The connection parameters as the user gave them (AWS Tools for PowerShell's names).</summary>
public sealed class AwsConnectionParameters
{
    public string? Region { get; init; }

    public string? ProfileName { get; init; }

    public string? ProfileLocation { get; init; }

    public string? AccessKey { get; init; }

    public string? SecretKey { get; init; }

    public string? SessionToken { get; init; }

    /// <summary>An AWSCredentials object, possibly from AWS.Tools' own load context (see ForeignCredentials).</summary>
    public object? Credential { get; init; }

    public string? EndpointUrl { get; init; }
}

/// <summary>
/// Where settings outside the parameters come from: the process environment and the caller's PowerShell
/// session ($StoredAWSCredentials / $StoredAWSRegion). Tests substitute both.
/// </summary>
public sealed class AwsSettingsSources
{
    public static AwsSettingsSources Process { get; } = new();

    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    public Func<string, object?> SessionVariable { get; init; } = static _ => null;
}
