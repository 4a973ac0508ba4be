using KvsReporting.Aws.Athena;
using KvsReporting.Aws.Connection;
using KvsReporting.Aws.Glue;

namespace KvsReporting.Completion;

/// <summary>Completes Athena workgroup names (-WorkGroup).</summary>
public sealed class WorkGroupCompleter : AwsResourceCompleter
{
    protected override async IAsyncEnumerable<CompletionCandidate> ListAsync(AwsCompletionContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var athena = context.Client(AthenaClient.Description, AwsClientFactory.CreateAthena);
        await foreach (var workGroup in athena.ListAllWorkGroupsAsync(cancellationToken))
        {
            if (workGroup.Name is { Length: > 0 } name)
            {
                yield return new CompletionCandidate(name, $"{name} ({workGroup.State}){Describe(workGroup.Description)}");
            }
        }
    }

    private static string Describe(string? description) => string.IsNullOrEmpty(description) ? string.Empty : ": " + description;
}

/// <summary>Completes Athena data catalog names (-Catalog): AwsDataCatalog and connector catalogs.</summary>
public sealed class DataCatalogCompleter : AwsResourceCompleter
{
    protected override async IAsyncEnumerable<CompletionCandidate> ListAsync(AwsCompletionContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var athena = context.Client(AthenaClient.Description, AwsClientFactory.CreateAthena);
        await foreach (var catalog in athena.ListAllDataCatalogsAsync(context.Bound["WorkGroup"], cancellationToken))
        {
            if (catalog.CatalogName is { Length: > 0 } name)
            {
                yield return new CompletionCandidate(name, $"{name} ({catalog.Type})");
            }
        }
    }
}

/// <summary>Completes database names (-Database) of the catalog typed in -Catalog (AwsDataCatalog by default).</summary>
public sealed class DatabaseCompleter : AwsResourceCompleter
{
    internal const string DefaultCatalog = "AwsDataCatalog";

    protected override async IAsyncEnumerable<CompletionCandidate> ListAsync(AwsCompletionContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var athena = context.Client(AthenaClient.Description, AwsClientFactory.CreateAthena);
        var catalog = context.Bound.First("Catalog", "CatalogName") ?? DefaultCatalog;
        await foreach (var database in athena.ListAllDatabasesAsync(catalog, context.Bound["WorkGroup"], cancellationToken))
        {
            if (database.Name is { Length: > 0 } name)
            {
                yield return new CompletionCandidate(name, $"{catalog}.{name}");
            }
        }
    }
}

/// <summary>
/// Completes table names (-TableName / -Table) of the catalog and database typed on the command line: from
/// Glue for the Glue catalog (AwsDataCatalog, the default), from Athena for connector catalogs.
/// </summary>
public sealed class TableCompleter : AwsResourceCompleter
{
    protected override async IAsyncEnumerable<CompletionCandidate> ListAsync(AwsCompletionContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var catalog = context.Bound.First("Catalog", "CatalogName") ?? DatabaseCompleter.DefaultCatalog;
        var database = context.Bound.First("Database", "DatabaseName", "GlueDatabase") ?? "default";
        if (string.Equals(catalog, DatabaseCompleter.DefaultCatalog, StringComparison.OrdinalIgnoreCase))
        {
            var glue = context.Client(GlueClient.Description, AwsClientFactory.CreateGlue);
            await foreach (var table in glue.GetAllTablesAsync(database, cancellationToken))
            {
                if (table.Name is { Length: > 0 } name)
                {
                    yield return new CompletionCandidate(name, $"{database}.{name}");
                }
            }

            yield break;
        }

        var athena = context.Client(AthenaClient.Description, AwsClientFactory.CreateAthena);
        await foreach (var table in athena.ListAllTableMetadataAsync(catalog, database, context.Bound["WorkGroup"], cancellationToken))
        {
            if (table.Name is { Length: > 0 } name)
            {
                yield return new CompletionCandidate(name, $"{catalog}.{database}.{name} ({table.TableType})");
            }
        }
    }
}
