using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace KvsReporting.Tests.Aws;

/// <summary>An IAM user moto knows, with its access key.</summary>
public sealed record MotoUser(string UserName, string Arn, string AccessKeyId, string SecretAccessKey);

/// <summary>
/// The moto emulator (IAM authentication on) for tests. Reads the JSON that tests/rig/start-moto.sh writes,
/// from $KVS_MOTO_CONFIG when the build started the rig; otherwise starts its own instance through the rig
/// scripts once per test process and stops it at exit. Shared by every collection that uses it.
/// </summary>
public sealed class MotoFixture
{
    private static readonly Lazy<MotoFixture> Instance = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private MotoFixture(string configPath, bool ownsProcess)
    {
        ConfigPath = configPath;
        OwnsProcess = ownsProcess;
        using var doc = JsonDocument.Parse(File.ReadAllText(configPath));
        var root = doc.RootElement;
        Endpoint = root.GetProperty("endpoint").GetString()!;
        Region = root.GetProperty("region").GetString()!;
        AccountId = root.GetProperty("accountId").GetString()!;
        Admin = User(root.GetProperty("admin"));
        Limited = User(root.GetProperty("limited"));
        PythonPath = root.GetProperty("pythonPath").GetString()!;
        Python = root.TryGetProperty("python", out var python) ? python.GetString()! : "/usr/bin/python3";
        BotocoreData = root.GetProperty("botocoreData").GetString()!;
    }

    /// <summary>The process-wide instance (collection fixtures resolve to it).</summary>
    public static MotoFixture Shared => Instance.Value;

    public string ConfigPath { get; }

    public bool OwnsProcess { get; }

    public string Endpoint { get; }

    public string Region { get; }

    public string AccountId { get; }

    public MotoUser Admin { get; }

    public MotoUser Limited { get; }

    public string PythonPath { get; }

    public string Python { get; }

    /// <summary>botocore/data of the rig: AWS's service models (service-2.json).</summary>
    public string BotocoreData { get; }

    /// <summary>A name no other test uses (moto is shared by the whole run).</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>
    /// Runs Python with the rig's boto3 as the admin user against moto, for arranging state the module has no
    /// operation for (CreateCrawler, CreateDatabase...). The script sees ENDPOINT, REGION, boto3 and a
    /// <c>client(name)</c> helper. Returns stdout; throws with stderr when it fails.
    /// </summary>
    public string RunBoto(string script)
    {
        var prelude = string.Join('\n',
            "import boto3, json, os",
            "ENDPOINT = os.environ['KVS_T_ENDPOINT']; REGION = os.environ['KVS_T_REGION']",
            "def client(name):",
            "    return boto3.client(name, endpoint_url=ENDPOINT, region_name=REGION, aws_access_key_id=os.environ['KVS_T_AK'], aws_secret_access_key=os.environ['KVS_T_SK'])",
            string.Empty);
        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-");
        info.Environment["PYTHONPATH"] = PythonPath;
        info.Environment["KVS_T_ENDPOINT"] = Endpoint;
        info.Environment["KVS_T_REGION"] = Region;
        info.Environment["KVS_T_AK"] = Admin.AccessKeyId;
        info.Environment["KVS_T_SK"] = Admin.SecretAccessKey;
        foreach (var name in new[] { "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL" })
        {
            info.Environment.Remove(name);
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Write(prelude + script);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("boto3 setup script did not finish in 60 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"boto3 setup script failed ({process.ExitCode}): {stderr.Result}");
        }

        return stdout.Result;
    }

    /// <summary>Creates a Glue database and a DynamoDB-target crawler like the reporting stack's.</summary>
    public void CreateCrawler(string crawlerName, string database, string table = "LicensePlateDetections", string? schedule = "cron(0 0 * * ? *)") =>
        RunBoto($$"""
            g = client('glue')
            try:
                g.create_database(DatabaseInput={'Name': '{{database}}'})
            except g.exceptions.AlreadyExistsException:
                pass
            args = dict(Name='{{crawlerName}}', Role='arn:aws:iam::{{AccountId}}:role/kvs-glue', DatabaseName='{{database}}',
                        Targets={'DynamoDBTargets': [{'Path': '{{table}}'}]},
                        SchemaChangePolicy={'UpdateBehavior': 'UPDATE_IN_DATABASE', 'DeleteBehavior': 'LOG'})
            if {{(schedule is null ? "None" : "'" + schedule + "'")}}:
                args['Schedule'] = '{{schedule}}'
            g.create_crawler(**args)
            """);

    /// <summary>
    /// Creates an Athena workgroup of the test's own, so its executions never mix with other tests' in
    /// "primary" (moto lists executions oldest first and shares them across the run).
    /// </summary>
    public string CreateWorkGroup(string prefix = "kvs-wg")
    {
        var name = UniqueName(prefix);
        RunBoto($$$"""
            client('athena').create_work_group(Name='{{{name}}}', Configuration={'ResultConfiguration': {'OutputLocation': 's3://kvs-test-results/{{{name}}}/'}})
            """);
        return name;
    }

    private static MotoUser User(JsonElement e) => new(
        e.GetProperty("userName").GetString()!,
        e.GetProperty("arn").GetString()!,
        e.GetProperty("accessKeyId").GetString()!,
        e.GetProperty("secretAccessKey").GetString()!);

    private static MotoFixture Start()
    {
        if (TestEnvironment.MotoConfigPath is { Length: > 0 } configured && File.Exists(configured))
        {
            return new MotoFixture(configured, ownsProcess: false);
        }

        var rig = Path.Combine(TestEnvironment.RepoRoot, "tests", "rig");
        var outDir = Path.Combine(TestEnvironment.RepoRoot, "output", "rig");
        Directory.CreateDirectory(outDir);
        var config = Path.Combine(outDir, $"moto-xunit-{Environment.ProcessId}.json");
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(rig, "start-moto.sh"));
        info.ArgumentList.Add(config);
        using (var process = Process.Start(info)!)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(600_000) || process.ExitCode != 0)
            {
                throw new InvalidOperationException($"tests/rig/start-moto.sh failed: {stderr.Result}");
            }
        }

        var fixture = new MotoFixture(config, ownsProcess: true);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => fixture.Stop();
        return fixture;
    }

    private void Stop()
    {
        if (!OwnsProcess)
        {
            return;
        }

        var info = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(TestEnvironment.RepoRoot, "tests", "rig", "stop-moto.sh"));
        info.ArgumentList.Add(ConfigPath);
        using var process = Process.Start(info);
        process?.WaitForExit(30_000);
    }
}

/// <summary>Tests that use moto and may run in parallel with other collections.</summary>
[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoCollectionFixture>
{
    public const string Name = "Moto";
}

/// <summary>
/// Tests that use moto AND change process-wide state (environment variables, AWS_* settings): run alone,
/// after the parallel collections.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MotoSerialCollection : ICollectionFixture<MotoCollectionFixture>
{
    public const string Name = "MotoSerial";
}

/// <summary>Collection fixture resolving to the one shared moto instance.</summary>
public sealed class MotoCollectionFixture
{
    public MotoFixture Moto { get; } = MotoFixture.Shared;
}
