using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Web;
using Xunit;

namespace KvsReporting.Tests.Stack;

/// <summary>
/// A creation that fails on AWS: CloudFormation accepts CreateStack, a resource fails, the stack rolls back.
/// moto creates stacks synchronously and never reports CREATE_FAILED or a rollback, so this runs
/// New-KvsReportingStack -Wait over signed HTTP against a scripted CloudFormation endpoint that answers with
/// AWS's documented Query-protocol responses for that sequence.
/// </summary>
[Collection("Serial")]
public sealed class StackFailureTests : IDisposable
{
    private const string Account = "123456789012";
    private const string StackName = "kvs-fails";
    private const string StackId = $"arn:aws:cloudformation:us-east-1:{Account}:stack/{StackName}/0a1b2c3d-0000-4000-8000-000000000001";
    private const string Ns = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

    private readonly HttpListener listener = new();
    private readonly CancellationTokenSource stop = new();
    private readonly List<string> actions = [];
    private readonly PowerShellSession session = new();
    private readonly string endpoint;
    private bool created;
    private bool neverFinishes;
    private int describeAfterCreate;

    public StackFailureTests()
    {
        var port = FreePort();
        endpoint = $"http://127.0.0.1:{port}/";
        listener.Prefixes.Add(endpoint);
        listener.Start();
        _ = Task.Run(ServeAsync);
    }

    [Fact]
    public void A_failed_creation_names_the_first_failing_resource_its_reason_and_the_rollback_outcome()
    {
        var (output, errors) = session.Run(
            $"New-KvsReportingStack -StackName {StackName} -Wait -EndpointUrl '{endpoint}' -Region us-east-1 -AccessKey AKIAFAKEFAKEFAKE0001 -SecretKey not-a-real-secret-key-000000000000");
        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.Equal("KvsNewStackFailed", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(StackName, error.TargetObject);
        var message = error.Exception.Message;
        // the cause: the first resource that failed, not the one cancelled because of it
        Assert.Contains("resource SpillBucket (AWS::S3::Bucket) CREATE_FAILED: kvs-spill already exists", message, StringComparison.Ordinal);
        Assert.DoesNotContain("AthenaQueryBucket", message, StringComparison.Ordinal);
        // then the outcome
        Assert.Contains("ROLLBACK_COMPLETE", message, StringComparison.Ordinal);
        Assert.Contains("Remove-KvsReportingStack", message, StringComparison.Ordinal);
        Assert.Contains("CreateStack", actions);
        Assert.True(describeAfterCreate >= 2, "the command should have followed the stack until the rollback ended");
        Assert.DoesNotContain("not-a-real-secret-key", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Waiting_stops_at_the_timeout_with_a_clear_error_while_CloudFormation_carries_on()
    {
        neverFinishes = true;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (_, errors) = session.Run(
            $"New-KvsReportingStack -StackName {StackName} -Wait -Timeout 2 -EndpointUrl '{endpoint}' -Region us-east-1 -AccessKey AKIAFAKEFAKEFAKE0001 -SecretKey not-a-real-secret-key-000000000000");
        var error = Assert.Single(errors);
        Assert.Equal("KvsNewStackTimeout", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(System.Management.Automation.ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.Contains("CREATE_IN_PROGRESS", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("-Timeout", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.5, 30);
    }

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var form = HttpUtility.ParseQueryString(await reader.ReadToEndAsync());
            var action = form["Action"] ?? string.Empty;
            lock (actions)
            {
                actions.Add(action);
            }

            var (status, body) = Answer(action, form);
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/xml";
            context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private (int Status, string Body) Answer(string action, System.Collections.Specialized.NameValueCollection form)
    {
        switch (action)
        {
            case "DescribeStacks" when !created:
                return (400, $"""<ErrorResponse xmlns="{Ns}"><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id {form["StackName"]} does not exist</Message></Error><RequestId>r-1</RequestId></ErrorResponse>""");
            case "CreateStack":
                created = true;
                return (200, $"""<CreateStackResponse xmlns="{Ns}"><CreateStackResult><StackId>{StackId}</StackId></CreateStackResult><ResponseMetadata><RequestId>r-2</RequestId></ResponseMetadata></CreateStackResponse>""");
            case "DescribeStacks":
                var status = neverFinishes ? "CREATE_IN_PROGRESS" : Interlocked.Increment(ref describeAfterCreate) == 1 ? "ROLLBACK_IN_PROGRESS" : "ROLLBACK_COMPLETE";
                return (200, $"""
                    <DescribeStacksResponse xmlns="{Ns}"><DescribeStacksResult><Stacks><member>
                      <StackId>{StackId}</StackId><StackName>{StackName}</StackName>
                      <CreationTime>2026-11-25T10:00:00.000Z</CreationTime><StackStatus>{status}</StackStatus>
                      <StackStatusReason>The following resource(s) failed to create: [AthenaQueryBucket, SpillBucket]. Rollback requested by user.</StackStatusReason>
                      <Tags><member><Key>kvsreporting:stack</Key><Value>{StackName}</Value></member></Tags>
                    </member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>r-3</RequestId></ResponseMetadata></DescribeStacksResponse>
                    """);
            case "DescribeStackEvents":
                // newest first, as CloudFormation returns them
                var events = new List<(string Logical, string Type, string Status, string? Reason)>();
                if (describeAfterCreate >= 2)
                {
                    events.Add((StackName, "AWS::CloudFormation::Stack", "ROLLBACK_COMPLETE", null));
                    events.Add(("AthenaQueryBucket", "AWS::S3::Bucket", "DELETE_COMPLETE", null));
                }

                events.Add((StackName, "AWS::CloudFormation::Stack", "ROLLBACK_IN_PROGRESS", "The following resource(s) failed to create: [AthenaQueryBucket, SpillBucket]. Rollback requested by user."));
                events.Add(("AthenaQueryBucket", "AWS::S3::Bucket", "CREATE_FAILED", "Resource creation cancelled"));
                events.Add(("SpillBucket", "AWS::S3::Bucket", "CREATE_FAILED", "kvs-spill already exists"));
                events.Add(("AthenaQueryBucket", "AWS::S3::Bucket", "CREATE_IN_PROGRESS", null));
                events.Add(("SpillBucket", "AWS::S3::Bucket", "CREATE_IN_PROGRESS", null));
                events.Add((StackName, "AWS::CloudFormation::Stack", "CREATE_IN_PROGRESS", "User Initiated"));
                var members = new StringBuilder();
                var time = new DateTime(2026, 11, 25, 10, 0, 30, DateTimeKind.Utc);
                var n = events.Count;
                foreach (var (logical, type, st, reason) in events)
                {
                    members.Append(System.Globalization.CultureInfo.InvariantCulture, $"<member><StackId>{StackId}</StackId><EventId>e-{n--}</EventId><StackName>{StackName}</StackName><LogicalResourceId>{logical}</LogicalResourceId><ResourceType>{type}</ResourceType><Timestamp>{time:yyyy-MM-ddTHH:mm:ss.fffZ}</Timestamp><ResourceStatus>{st}</ResourceStatus>{(reason is null ? string.Empty : $"<ResourceStatusReason>{reason}</ResourceStatusReason>")}</member>");
                    time = time.AddSeconds(-3);
                }

                return (200, $"""<DescribeStackEventsResponse xmlns="{Ns}"><DescribeStackEventsResult><StackEvents>{members}</StackEvents></DescribeStackEventsResult><ResponseMetadata><RequestId>r-4</RequestId></ResponseMetadata></DescribeStackEventsResponse>""");
            default:
                return (400, $"""<ErrorResponse xmlns="{Ns}"><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>{action} is not scripted</Message></Error><RequestId>r-0</RequestId></ErrorResponse>""");
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Close();
        session.Dispose();
        stop.Dispose();
    }
}
