using System.Management.Automation;
using KvsReporting.Aws;
using KvsReporting.Aws.CloudFormation;
using KvsReporting.Aws.Connection;
using KvsReporting.Aws.Lambda;
using KvsReporting.Aws.ServerlessRepo;
using KvsReporting.Aws.Waiters;
using KvsReporting.Cmdlets;
using KvsReporting.Errors;

namespace KvsReporting.Connector;

/// <summary>Shared plumbing of the data-source cmdlets: the connector service, progress, and error reporting.</summary>
public abstract class KvsConnectorCmdlet : KvsAwsOnlyCmdlet
{
    protected override string AwsOnlyResource => "the Athena DynamoDB connector: a Lambda function, its CloudFormation stack and an Athena LAMBDA catalog";

    protected ConnectorService CreateService(AwsConnection connection) =>
        new(
            GetAthenaClient(connection),
            GetClient(connection, LambdaClient.Description, ServiceClientFactories.CreateLambda),
            GetClient(connection, CloudFormationClient.Description, ServiceClientFactories.CreateCloudFormation),
            GetClient(connection, ServerlessRepoClient.Description, ServiceClientFactories.CreateServerlessRepo));

    /// <summary>Wait settings whose progress goes to Write-Progress.</summary>
    protected WaitOptions Waiting(int activityId, TimeSpan timeout) => WaitWithProgress(activityId, timeout, TimeSpan.FromSeconds(2));

    protected void CompleteProgress(int activityId, string activity) =>
        EmitProgress(new ProgressRecord(activityId, activity, "Done") { RecordType = ProgressRecordType.Completed });

    private static readonly StepFailureAdvice StepAdvice = new(
        "Run it again with a longer -TimeoutSeconds; the deployment keeps going in CloudFormation, and a re-run picks it up.",
        typeof(ConnectorDeploymentException),
        "DeploymentFailed",
        "Fix the cause CloudFormation names, then Remove-KvsAthenaDataSource and run New-KvsAthenaDataSource again.");

    /// <summary>Runs an AWS step; failures become the module's ErrorRecords, thrown as terminating.</summary>
    protected Task<T> Step<T>(string errorPrefix, string operation, object target, string subject, Func<Task<T>> step) =>
        RunStepAsync(errorPrefix, operation, target, subject, step, StepAdvice);

    protected Task Step(string errorPrefix, string operation, object target, string subject, Func<Task> step) =>
        Step(errorPrefix, operation, target, subject, async () => { await step(); return true; });

    protected KvsAthenaDataSource Stamp(KvsAthenaDataSource source, AwsConnection connection)
    {
        source.Region = connection.Region.SystemName;
        source.EndpointUrl = connection.EndpointFor(Aws.Athena.AthenaClient.Description)?.ToString();
        return source;
    }
}
