using KvsReporting.Aws.CloudFormation;
using KvsReporting.Aws.Connection;

namespace KvsReporting.Completion;

/// <summary>Completes CloudFormation stack names (-StackName): live stacks, with their status.</summary>
public sealed class StackNameCompleter : AwsResourceCompleter
{
    protected override async IAsyncEnumerable<CompletionCandidate> ListAsync(AwsCompletionContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cloudFormation = context.Client(CloudFormationClient.Description, c => AwsClientFactory.Create(c, CloudFormationClient.Description, static (k, cfg) => new CloudFormationClient(k, cfg)));
        await foreach (var stack in cloudFormation.DescribeAllStacksAsync(null, cancellationToken))
        {
            if (stack.StackName.Length > 0 && stack.StackStatus != "DELETE_COMPLETE")
            {
                yield return new CompletionCandidate(stack.StackName, $"{stack.StackName} ({stack.StackStatus})");
            }
        }
    }
}
