using System.Management.Automation;
using KvsReporting.Aws.CloudFormation;
using KvsReporting.Errors;
using KvsReporting.Stack.Template;
using KvsReporting.Completion;

namespace KvsReporting.Stack;

/// <summary>The AWS parameter set of Get-KvsReportingStack.</summary>
public sealed partial class GetKvsReportingStackCommand
{
    /// <summary>
    /// The piped object. A local stack (Kind = Local) piped without -Local lands in this parameter set (it is the
    /// default), so it is recognised here and handled by the Local code. Not meant to be typed.
    /// </summary>
    [Parameter(ParameterSetName = NewKvsReportingStackCommand.AwsParameterSet, ValueFromPipeline = true, DontShow = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>
    /// <para type="description">Names of the stacks; wildcards (*, ?) match the module's stacks (those tagged kvsreporting:stack).
    /// An exact name finds any stack of that name. Without a name, every stack of the module in the region is returned.</para>
    /// </summary>
    [Parameter(Position = 0, ParameterSetName = NewKvsReportingStackCommand.AwsParameterSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(StackNameCompleter))]
    public string[]? StackName { get; set; }

    private async Task ProcessAwsAsync(CancellationToken cancellationToken)
    {
        if (StackInput.LocalPathOf(InputObject) is { } folder)
        {
            Local = folder;
            await ProcessLocalAsync();
            return;
        }

        // Plain strings piped in are names; a piped stack object binds StackName by property.
        var names = InputObject?.BaseObject is string piped && !MyInvocation.BoundParameters.ContainsKey(nameof(StackName)) ? [piped] : StackName;
        var connection = await GetAwsConnectionAsync();
        var region = connection.Region.SystemName;
        var endpoint = connection.EndpointFor(CloudFormationClient.Description);
        var cloudFormation = GetClient(connection, CloudFormationClient.Description, StackClients.CreateCloudFormation);

        var exact = names?.Where(n => !WildcardPattern.ContainsWildcardCharacters(n)).ToList() ?? [];
        var patterns = names?.Where(WildcardPattern.ContainsWildcardCharacters).Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList() ?? [];

        foreach (var name in exact)
        {
            CloudFormationStack? stack;
            try
            {
                stack = await cloudFormation.FindStackAsync(name, cancellationToken);
            }
            catch (Exception ex) when (AwsFailure.Is(ex))
            {
                throw new KvsErrorException(AwsError(ex, CloudFormationClient.DescribeStacksOperation.Name, name, $"stack '{name}'"));
            }

            if (stack is null)
            {
                EmitError(KvsErrors.Create(
                    new KvsReportingException($"No stack named '{name}' exists in {region}."),
                    "KvsGetStackNotFound",
                    ErrorCategory.ObjectNotFound,
                    name,
                    "Check -StackName and -Region; Get-KvsReportingStack without a name lists the module's stacks in the region."));
                continue;
            }

            if (!AwsStackMapper.IsModuleStack(stack))
            {
                EmitVerbose($"Stack '{name}' does not carry the {ReportingTemplate.StackTagKey} tag: it was not created by New-KvsReportingStack, so some outputs may be missing.");
            }

            Emit(AwsStackMapper.ToStack(stack, region, endpoint));
        }

        if (names is not null && patterns.Count == 0)
        {
            return;
        }

        var matched = 0;
        try
        {
            await foreach (var stack in cloudFormation.DescribeAllStacksAsync(null, cancellationToken))
            {
                if (AwsStackMapper.IsModuleStack(stack) && stack.StackStatus != "DELETE_COMPLETE"
                    && (patterns.Count == 0 || patterns.Any(p => p.IsMatch(stack.StackName))))
                {
                    matched++;
                    Emit(AwsStackMapper.ToStack(stack, region, endpoint));
                }
            }
        }
        catch (Exception ex) when (AwsFailure.Is(ex))
        {
            throw new KvsErrorException(AwsError(ex, CloudFormationClient.DescribeStacksOperation.Name, region, "the stacks of the region"));
        }

        EmitVerbose($"{matched} reporting stack(s) in {region} carry the {ReportingTemplate.StackTagKey} tag{(patterns.Count > 0 ? " and match " + string.Join(", ", names!.Where(WildcardPattern.ContainsWildcardCharacters)) : string.Empty)}.");
    }
}
