using KvsReporting.Aws.Iam;

namespace KvsReporting.AwsConformance.Samples;

public sealed class IamSamples : ISampleRequests
{
    private const string Role = "aws-quicksight-service-role-v0";
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:us-east-1:123456789012:function:kvsworkshop"}]}""";

    public IEnumerable<Sample> Samples() =>
    [
        new("IAM.GetRole", "QuickSight role", () => new GetRoleRequest { RoleName = Role }),
        new("IAM.ListRoles", "service roles page", () => new ListRolesRequest { PathPrefix = "/service-role/", MaxItems = 100, Marker = "marker-2" }),
        new("IAM.GetRolePolicy", "inline policy", () => new GetRolePolicyRequest { RoleName = Role, PolicyName = "QuickSightLambdaAccess" }),
        new("IAM.PutRolePolicy", "least-privilege Lambda access", () => new PutRolePolicyRequest { RoleName = Role, PolicyName = "QuickSightLambdaAccess", PolicyDocument = Policy }),
        new("IAM.DeleteRolePolicy", "inline policy", () => new DeleteRolePolicyRequest { RoleName = Role, PolicyName = "QuickSightS3Access" }),
        new("IAM.ListRolePolicies", "role", () => new ListRolePoliciesRequest { RoleName = Role, MaxItems = 100 }),
        new("IAM.ListAttachedRolePolicies", "Glue role", () => new ListAttachedRolePoliciesRequest { RoleName = "kvs-license-reporting-GlueRole", MaxItems = 100 }),
        new("IAM.SimulatePrincipalPolicy", "crawler role reads the table", () => new SimulatePrincipalPolicyRequest
        {
            PolicySourceArn = "arn:aws:iam::123456789012:role/kvs-license-reporting-GlueRole",
            ActionNames = ["dynamodb:DescribeTable", "dynamodb:Scan"],
            ResourceArns = ["arn:aws:dynamodb:us-east-1:123456789012:table/LicensePlateDetections"],
            MaxItems = 100,
        }),
    ];
}
