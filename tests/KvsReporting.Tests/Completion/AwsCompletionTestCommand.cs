using System.Management.Automation;
using KvsReporting.Completion;

namespace KvsReporting.Tests.Completion;

/// <summary>A cmdlet with the AWS connection parameters and every AWS-backed completer, for TabExpansion2 tests.</summary>
[Cmdlet(VerbsDiagnostic.Test, "KvsAwsCompletion")]
public sealed class TestKvsAwsCompletionCommand : PSCmdlet
{
    [Parameter] public string? Region { get; set; }

    [Parameter] public string? ProfileName { get; set; }

    [Parameter] public string? ProfileLocation { get; set; }

    [Parameter] public string? AccessKey { get; set; }

    [Parameter] public string? SecretKey { get; set; }

    [Parameter] public string? EndpointUrl { get; set; }

    [Parameter] public string? Local { get; set; }

    [Parameter, ArgumentCompleter(typeof(StackNameCompleter))] public string? StackName { get; set; }

    [Parameter, ArgumentCompleter(typeof(CrawlerCompleter))] public string? CrawlerName { get; set; }

    [Parameter, ArgumentCompleter(typeof(WorkGroupCompleter))] public string? WorkGroup { get; set; }

    [Parameter, ArgumentCompleter(typeof(DataCatalogCompleter))] public string? Catalog { get; set; }

    [Parameter, ArgumentCompleter(typeof(DatabaseCompleter))] public string? Database { get; set; }

    [Parameter, ArgumentCompleter(typeof(TableCompleter))] public string? TableName { get; set; }

    [Parameter, ArgumentCompleter(typeof(DynamoDbTableCompleter))] public string? SourceTable { get; set; }

    [Parameter, ArgumentCompleter(typeof(QuickSightRoleCompleter))] public string? RoleName { get; set; }

    [Parameter, ArgumentCompleter(typeof(QuickSightPrincipalCompleter))] public string? Principal { get; set; }
}
