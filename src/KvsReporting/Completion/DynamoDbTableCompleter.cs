using Amazon.DynamoDBv2.Model;
using KvsReporting.Aws.Connection;

namespace KvsReporting.Completion;

/// <summary>Completes DynamoDB table names (-TableName: the detections table a stack or the local crawler reads).</summary>
public sealed class DynamoDbTableCompleter : AwsResourceCompleter
{
    /// <summary>The local crawler reads its source table from DynamoDB (on AWS or an emulator).</summary>
    protected override bool QuietForLocalStack => false;

    protected override async IAsyncEnumerable<CompletionCandidate> ListAsync(AwsCompletionContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var dynamoDb = context.Client("DYNAMODB", AwsClientFactory.CreateDynamoDB);
        string? start = null;
        do
        {
            var page = await dynamoDb.ListTablesAsync(new ListTablesRequest { ExclusiveStartTableName = start }, cancellationToken);
            foreach (var name in page.TableNames ?? [])
            {
                yield return new CompletionCandidate(name, $"DynamoDB table {name}");
            }

            start = page.LastEvaluatedTableName;
        }
        while (!string.IsNullOrEmpty(start));
    }
}
