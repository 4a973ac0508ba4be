using System.Management.Automation;
using Amazon.Runtime;
using KvsReporting.Aws.Athena;
using KvsReporting.Cmdlets;
using KvsReporting.Errors;
using KvsReporting.Queries.Athena;

namespace KvsReporting.Queries;

/// <summary>
/// <para type="synopsis">Stops a running Athena query.</para>
/// <para type="description">Calls StopQueryExecution for each id (from the pipeline too: a KvsQueryExecution binds by its
/// QueryExecutionId). The query's work so far is lost; data it already scanned is still charged. Asks for confirmation
/// according to $ConfirmPreference; -WhatIf shows what would be stopped.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "KvsAthenaQuery", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(KvsQueryExecution))]
public sealed class StopKvsAthenaQueryCommand : KvsAwsCmdlet
{
    /// <summary>
    /// <para type="description">Ids of the queries to stop.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] QueryExecutionId { get; set; } = [];

    /// <summary>
    /// <para type="description">Write the execution as it is after the stop.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
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
