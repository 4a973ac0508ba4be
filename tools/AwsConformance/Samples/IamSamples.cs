using KvsReporting.Aws.Iam;

namespace KvsReporting.AwsConformance.Samples;

public sealed class IamSamples : ISampleRequests
{
    private const string Role = "aws-quicksight-service-role-v0";
    private const string LambdaPolicy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":["arn:aws:lambda:us-east-1:123456789012:function:kvsworkshop","arn:aws:lambda:us-east-1:123456789012:function:kvsworkshop:*"]}]}""";

    public IEnumerable<Sample> Samples() =>
    [
        new("IAM.GetRole", "QuickSight's role", () => new GetRoleRequest { RoleName = Role }),
        new("IAM.ListRoles", "service roles page", () => new ListRolesRequest { PathPrefix = "/service-role/", MaxItems = 100, Marker = "marker-2" }),
        new("IAM.GetRolePolicy", "lambda policy", () => new GetRolePolicyRequest { RoleName = Role, PolicyName = "QuickSightLambdaAccess" }),
        new("IAM.PutRolePolicy", "least privilege", () => new PutRolePolicyRequest { RoleName = Role, PolicyName = "QuickSightLambdaAccess", PolicyDocument = LambdaPolicy }),
        new("IAM.DeleteRolePolicy", "s3 policy", () => new DeleteRolePolicyRequest { RoleName = Role, PolicyName = "QuickSightS3Access" }),
        new("IAM.ListRolePolicies", "next page", () => new ListRolePoliciesRequest { RoleName = "kvs-license-reporting-GlueRole-ABC123", MaxItems = 100, Marker = "m" }),
        new("IAM.ListAttachedRolePolicies", "first page", () => new ListAttachedRolePoliciesRequest { RoleName = "kvs-license-reporting-GlueRole-ABC123" }),
        new("IAM.SimulatePrincipalPolicy", "crawler role reads the table", () => new SimulatePrincipalPolicyRequest
        {
            PolicySourceArn = "arn:aws:iam::123456789012:role/kvs-license-reporting-GlueRole-ABC123",
            ActionNames = ["dynamodb:DescribeTable", "dynamodb:Scan"],
            ResourceArns = ["arn:aws:dynamodb:us-east-1:123456789012:table/LicensePlateDetections"],
        }),
    ];
}
