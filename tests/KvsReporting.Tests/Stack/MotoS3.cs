using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;

namespace KvsReporting.Tests.Stack;

/// <summary>The test rig's moto (KVS_MOTO_CONFIG) as seen by the official S3 client, with the admin key.</summary>
internal static class MotoS3
{
    public static JsonElement Config
    {
        get
        {
            var path = TestEnvironment.MotoConfigPath
                ?? throw new InvalidOperationException("KVS_MOTO_CONFIG is not set: start the rig (tests/rig/start-moto.sh) or run build.ps1 -Task Test.");
            return JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        }
    }

    public static AmazonS3Client CreateClient()
    {
        var config = Config;
        var admin = config.GetProperty("admin");
        return new AmazonS3Client(
            new BasicAWSCredentials(admin.GetProperty("accessKeyId").GetString(), admin.GetProperty("secretAccessKey").GetString()),
            new AmazonS3Config
            {
                ServiceURL = config.GetProperty("endpoint").GetString(),
                ForcePathStyle = true,
                AuthenticationRegion = config.GetProperty("region").GetString(),
            });
    }
}
