using KvsReporting.AwsConformance;

// usage: AwsConformance --botocore <botocore/data> [--out docs/aws-operations.md] [--fixtures <dir>]
// Exit code 0 when every operation is valid, 1 otherwise, 2 on bad arguments.
string? botocore = null, output = null, fixtures = null;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--botocore": botocore = args[i + 1]; break;
        case "--out": output = args[i + 1]; break;
        case "--fixtures": fixtures = args[i + 1]; break;
        default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
    }
}

if (botocore is null || !Directory.Exists(botocore))
{
    Console.Error.WriteLine("usage: AwsConformance --botocore <botocore/data> [--out FILE] [--fixtures DIR]");
    return 2;
}

var report = ConformanceChecker.Run(botocore, fixtures);
if (output is not null)
{
    File.WriteAllText(output, MarkdownReport.Render(report));
}

foreach (var op in report.Operations.Where(o => !o.Valid))
{
    Console.Error.WriteLine($"{op.Service}.{op.Operation}: {string.Join("; ", op.Problems)}");
}

foreach (var problem in report.Problems.Concat(report.Services.SelectMany(s => s.Problems.Select(p => $"{s.ServiceId}: {p}"))))
{
    Console.Error.WriteLine(problem);
}

Console.WriteLine($"AWS conformance: {report.Operations.Count(o => o.Valid)}/{report.Operations.Count} operations valid (botocore {report.BotocoreVersion}){(output is null ? string.Empty : " -> " + output)}");
return report.Valid ? 0 : 1;
