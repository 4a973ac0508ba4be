using System.Management.Automation;
using KvsReporting.Completion;
using KvsReporting.Aws.Connection;
using KvsReporting.Cmdlets;
using KvsReporting.Errors;
using KvsReporting.Local;
using KvsReporting.Queries.Athena;

namespace KvsReporting.Queries;

/// <summary>
/// Base of the cmdlets that run SQL on either engine: Athena (default) or the embedded engine of a local stack
/// (-Local). The names bind from a stack object in the pipeline (WorkGroup, Catalog, Database, LocalPath,
/// Region, EndpointUrl).
/// </summary>
public abstract class KvsQueryCmdlet : KvsAwsCmdlet
{
    private const int ProgressId = 6;

    /// <summary>
    /// <para type="description">The Athena workgroup to run in (its settings may enforce the result location and limits). Bound from a stack object.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(WorkGroupCompleter))]
    public string? WorkGroup { get; set; }

    /// <summary>
    /// <para type="description">The data catalog: AwsDataCatalog (Glue) or a connector catalog such as kvsworkshop. Bound from a stack object.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DataCatalogCompleter))]
    public string? Catalog { get; set; }

    /// <summary>
    /// <para type="description">The database (schema) unqualified table names resolve in. Bound from a stack object.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DatabaseCompleter))]
    public string? Database { get; set; }

    /// <summary>
    /// <para type="description">The S3 URI Athena writes results to, when the workgroup does not enforce one. Bound from a stack object's ResultLocation.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ResultLocation")]
    public string? OutputLocation { get; set; }

    /// <summary>
    /// <para type="description">How long to wait for the query (a TimeSpan, or seconds). When it passes the query is stopped on the service and the command fails with KvsInvokeQueryTimeout.</para>
    /// </summary>
    [Parameter]
    [TimeoutTransformation]
    public TimeSpan? Timeout { get; set; }

    /// <summary>
    /// <para type="description">Folder of a local stack: run on its embedded engine instead of Athena. Bound from a local stack object's LocalPath.</para>
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("LocalPath")]
    public string? Local { get; set; }

    /// <summary>The Athena engine of the current record, when the query runs on Athena.</summary>
    protected AthenaQueryEngine? AthenaEngine { get; private set; }

    /// <summary>The engine for the current record: the local stack's, or Athena with this cmdlet's connection.</summary>
    protected async Task<IQueryEngine> CreateEngineAsync()
    {
        AthenaEngine = null;
        if (!string.IsNullOrEmpty(Local))
        {
            var folder = await InvokeOnPipeline(() => GetUnresolvedProviderPathFromPSPath(Local));
            return new LocalQueryEngine(folder)
            {
                OnStarted = id => EmitVerbose($"Local query {id} started on the embedded engine of {folder}."),
                OnFinished = execution => EmitVerbose(execution.ToSummary()),
            };
        }

        var connection = await GetAwsConnectionAsync();
        var athena = GetAthenaClient(connection);
        AthenaEngine = new AthenaQueryEngine(athena, () => GetClient(connection, "S3", AwsClientFactory.CreateS3))
        {
            OnVerbose = EmitVerbose,
            OnProgress = (execution, elapsed) => EmitProgress(new ProgressRecord(ProgressId, "Athena query " + execution.QueryExecutionId, $"{execution.State}; {elapsed.TotalSeconds:0.0} s; scanned {KvsQueryExecution.FormatBytes(execution.DataScannedInBytes)}")
            {
                RecordType = execution.IsFinished ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            }),
        };
        return AthenaEngine;
    }

    /// <summary>A QueryRequest with this cmdlet's context.</summary>
    protected QueryRequest Request(string sql, IReadOnlyList<object?> parameters, long? maxRows = null, int? reuseMinutes = null) =>
        new(sql)
        {
            Parameters = parameters,
            WorkGroup = NullIfEmpty(WorkGroup),
            Catalog = NullIfEmpty(Catalog),
            Database = NullIfEmpty(Database),
            OutputLocation = NullIfEmpty(OutputLocation),
            Timeout = Timeout,
            MaxRows = maxRows,
            ResultReuseMinutes = reuseMinutes,
        };

    /// <summary>Runs the body and reports AWS failures the module's way (code, request id, fitting category).</summary>
    protected async Task RunQueryAsync(string what, Func<Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            await body();
        }
        catch (Exception ex) when (AthenaEngine is not null && AwsFailure.Is(ex))
        {
            // AWS refused the call or could not be reached (the local engine reports its own errors)
            throw new KvsErrorException(AwsError(ex, null, AthenaEngine.Execution?.QueryExecutionId ?? what));
        }
        catch (Types.AthenaValueException ex)
        {
            throw KvsErrors.Terminating(ex.Message, "KvsInvokeQueryValueUnreadable", ErrorCategory.InvalidData, AthenaEngine?.Execution?.QueryExecutionId ?? what,
                "Cast the column in the query (to varchar or double) to read it as text or as a float.", ex);
        }
    }

    /// <summary>
    /// Runs the request and writes each row as it arrives: as an object with one property per column, or as a
    /// LicensePlateDetection (odd items counted in one warning). Writes the execution summary to verbose and,
    /// with <paramref name="passThru"/>, the execution object after the rows.
    /// </summary>
    protected async Task<long> StreamAsync(IQueryEngine engine, QueryRequest request, QueryOutputKind kind, bool passThru, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(request);
        Results.QueryRowObjectFactory? objects = null;
        Detections.DetectionMapper? detections = null;
        long rows = 0;
        await RunQueryAsync(request.Sql, async () =>
        {
            await foreach (var row in engine.QueryAsync(request, columns =>
            {
                if (kind == QueryOutputKind.Detection)
                {
                    if (!Detections.DetectionMapper.CanMap(columns))
                    {
                        throw KvsErrors.Terminating(
                            "The result has no image_name column, so its rows are not detections (columns: " + string.Join(", ", columns.Select(c => c.Name)) + ").",
                            "KvsInvokeQueryNotDetections",
                            ErrorCategory.InvalidArgument,
                            request.Sql,
                            "Select image_name, license_plate, confidence, bucket_name and timestamp, or use -As Object.");
                    }

                    detections = new Detections.DetectionMapper(columns);
                }
                else
                {
                    objects = new Results.QueryRowObjectFactory(columns);
                }
            }, cancellationToken).ConfigureAwait(false))
            {
                rows++;
                if (detections is not null)
                {
                    if (detections.Map(row) is { } detection)
                    {
                        Emit(detection);
                    }
                }
                else
                {
                    Emit(objects!.Create(row));
                }
            }
        });

        if (detections?.Summary() is { } warning)
        {
            EmitWarning(warning);
        }

        var execution = AthenaEngine?.Execution ?? (engine as LocalQueryEngine)?.Execution;
        if (AthenaEngine is not null)
        {
            EmitVerbose($"{rows} row(s) read from the {AthenaEngine.ResultPath}.");
        }

        if (passThru && execution is not null)
        {
            Emit(execution);
        }

        return rows;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
