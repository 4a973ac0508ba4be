using Amazon.Runtime;
using Amazon.S3;
using KvsReporting.Tests.Aws;

namespace KvsReporting.Tests.Stack;

/// <summary>The shared moto rig as the stack tests use it: cmdlet connection parameters and an S3 client.</summary>
internal static class StackMoto
{
    public static MotoFixture Rig => MotoFixture.Shared;

    /// <summary>Connection parameters for every AWS stack cmdlet (splatted as @c).</summary>
    public static Dictionary<string, object?> Connection => new()
    {
        ["c"] = new System.Collections.Hashtable
        {
            ["EndpointUrl"] = Rig.Endpoint,
            ["Region"] = Rig.Region,
            ["AccessKey"] = Rig.Admin.AccessKeyId,
            ["SecretKey"] = Rig.Admin.SecretAccessKey,
        },
    };

    public static AmazonS3Client S3() => new(
        new BasicAWSCredentials(Rig.Admin.AccessKeyId, Rig.Admin.SecretAccessKey),
        new AmazonS3Config { ServiceURL = Rig.Endpoint, ForcePathStyle = true, AuthenticationRegion = Rig.Region });

    public static string StackName(string prefix) => MotoFixture.UniqueName(prefix);
}
