using KvsReporting.Aws.Iam;
using KvsReporting.QuickSight;
using Xunit;

namespace KvsReporting.Tests.QuickSight;

public sealed class PolicyDocumentComparerTests
{
    [Theory]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"*"}]}""",
                """{"Statement":{"Resource":["*"],"Action":["LAMBDA:invokefunction","lambda:InvokeFunction"],"Effect":"Allow","Sid":"x"},"Version":"2012-10-17"}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"a"},{"Effect":"Allow","Action":"s3:PutObject","Resource":"b"}]}""",
                """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"b"},{"Effect":"Allow","Action":"s3:GetObject","Resource":"a"}]}""")]
    public void Documents_that_mean_the_same_are_equivalent(string left, string right) =>
        Assert.True(PolicyDocumentComparer.AreEquivalent(left, right));

    [Theory]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::a/*"}]}""",
                """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::A/*"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""",
                """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""",
                """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}""")]
    public void Documents_that_differ_in_meaning_are_not_equivalent(string left, string right) =>
        Assert.False(PolicyDocumentComparer.AreEquivalent(left, right));

    [Fact]
    public void Least_privilege_templates_name_only_the_given_function_and_buckets()
    {
        var s3 = QuickSightPolicyTemplates.S3Policy(["spill", "query", "spill"], broad: false, "aws-cn");
        Assert.Contains("arn:aws-cn:s3:::spill/*", s3, StringComparison.Ordinal);
        Assert.Contains("arn:aws-cn:s3:::query", s3, StringComparison.Ordinal);
        Assert.DoesNotContain(":::*", s3, StringComparison.Ordinal);
        Assert.Equal("LeastPrivilege", QuickSightPolicyInspector.Describe("r", "QuickSightS3Access", s3, "Present").Scope);
        Assert.Equal("Broad", QuickSightPolicyInspector.Describe("r", "QuickSightLambdaAccess", QuickSightPolicyTemplates.LambdaPolicy(null, broad: true), "Present").Scope);
        Assert.Throws<ArgumentException>(() => QuickSightPolicyTemplates.LambdaPolicy(null, broad: false));
    }
}
