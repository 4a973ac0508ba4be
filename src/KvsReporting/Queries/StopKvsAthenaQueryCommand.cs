using System.Management.Automation;
using Amazon.Runtime;
using KvsReporting.Aws.Athena;
using KvsReporting.Cmdlets;
using KvsReporting.Errors;
using KvsReporting.Queries.Athena;

namespace KvsReporting.Queries;

/// <summary>
/// <para type="synopsis">Stops a running Athena query (or a local stack's).</para>
/// <para type="description">Calls StopQueryExecution for each id (from the pipeline too: a KvsQueryExecution binds by its
/// QueryExecutionId). The query's work so far is lost; data it already scanned is still charged. Asks for confirmation
/// according to $ConfirmPreference; -WhatIf shows what would be stopped.</para>
/// <para type="description">With -Local it stops a query that the local stack's embedded engine runs in this PowerShell
/// process (another runspace or a thread job) and records it as CANCELLED. Like Athena, a query that already finished is
/// left as it is, without an error.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "KvsAthenaQuery", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(KvsQueryExecution))]
public sealed partial class StopKvsAthenaQueryCommand : KvsAwsCmdlet
{
    /// <summary>
    /// <para type="description">Ids of the queries to stop. Bound from objects with a QueryExecutionId property (a KvsQueryExecution).</para>
    /// </summary>
    /// <remarks>Not ValueFromPipeline: a piped stack object would be turned into a string and stopped as an id.</remarks>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] QueryExecutionId { get; set; } = [];

    /// <summary>
    /// <para type="description">Write the execution as it is after the stop.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>
    /// <para type="description">Folder of a local stack: stop a query of its embedded engine instead of an Athena query. Bound from a local execution's LocalPath.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("LocalPath")]
    public string? Local { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(Local))
        {
            await ProcessLocalAsync();
            return;
        }

        var athena = GetAthenaClient(await GetAwsConnectionAsync());
        foreach (var id in QueryExecutionId)
        {
            if (!await ShouldProcessAsync($"Athena query {id}", "Stop"))
            {
                continue;
            }

            try
            {
                await athena.StopQueryExecutionAsync(new StopQueryExecutionRequest { QueryExecutionId = id }, cancellationToken);
                EmitVerbose($"Athena query {id}: StopQueryExecution sent.");
                if (PassThru)
                {
                    var response = await athena.GetQueryExecutionAsync(new GetQueryExecutionRequest { QueryExecutionId = id }, cancellationToken);
                    if (response.QueryExecution is { } execution)
                    {
                        Emit(AthenaExecutionMapper.ToKvs(execution));
                    }
                }
            }
            catch (AmazonServiceException ex)
            {
                EmitError(AwsError(ex, "StopQueryExecution", id, $"query execution '{id}'"));
            }
        }
    }
}
