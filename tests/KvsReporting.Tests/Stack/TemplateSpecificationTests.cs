using System.Text.Json.Nodes;
using KvsReporting.Stack.Template;
using Xunit;

namespace KvsReporting.Tests.Stack;

/// <summary>The shipped template against CloudFormation's published resource specification.</summary>
public sealed class TemplateSpecificationTests
{
    private static readonly Lazy<CfnSpecLinter> Linter = new(CfnSpecLinter.LoadInstalled);

    [Fact]
    public void The_template_parses_and_every_resource_and_property_is_valid_against_the_specification()
    {
        var linter = Linter.Value;
        Assert.True(linter.ResourceTypeCount > 500, $"the specification looks truncated ({linter.ResourceTypeCount} types)");
        var problems = linter.Lint(ReportingTemplate.Document);
        Assert.True(problems.Count == 0, $"resource specification {linter.SpecificationVersion}:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void The_template_declares_the_seed_resources()
    {
        var resources = ReportingTemplate.Resources.ToDictionary(r => r.LogicalId, r => r.ResourceType);
        Assert.Equal("AWS::S3::Bucket", resources["SpillBucket"]);
        Assert.Equal("AWS::S3::Bucket", resources["AthenaQueryBucket"]);
        Assert.Equal("AWS::Glue::Database", resources["GlueDatabase"]);
        Assert.Equal("AWS::Glue::Crawler", resources["GlueCrawler"]);
        Assert.Equal("AWS::Athena::WorkGroup", resources["AthenaWorkGroup"]);
        Assert.Equal("AWS::IAM::Role", resources["GlueRole"]);
        Assert.Equal("AWS::IAM::Role", resources["AthenaRole"]);
        Assert.Equal("AWS::IAM::Role", resources["QuickSightRole"]);
    }

    // The linter must be able to fail: each broken copy of the template is caught for the right reason.
    [Theory]
    [InlineData("unknown type", "unknown resource type 'AWS::S3::Buckett'")]
    [InlineData("unknown property", "unknown property 'VersioningConfig'")]
    [InlineData("missing required", "required property 'Targets' is missing")]
    [InlineData("wrong primitive", "EnforceWorkGroupConfiguration: expected Boolean")]
    [InlineData("unknown attribute", "AWS::IAM::Role has no attribute 'Arnn'")]
    [InlineData("dangling ref", "Ref to unknown 'DynamoDBTable'")]
    [InlineData("bad sub", "Fn::Sub variable '${QueryBucket}' is not defined")]
    [InlineData("nested unknown", "unknown property 'BlockPublicAcl'")]
    [InlineData("default breaks pattern", "Default 'Kvs-DB' does not match AllowedPattern")]
    public void The_linter_catches_a_broken_template(string breakage, string expected)
    {
        var doc = ReportingTemplate.Document;
        var resources = doc["Resources"]!;
        switch (breakage)
        {
            case "unknown type": resources["SpillBucket"]!["Type"] = "AWS::S3::Buckett"; break;
            case "unknown property":
                var props = resources["SpillBucket"]!["Properties"]!.AsObject();
                props["VersioningConfig"] = props["VersioningConfiguration"]!.DeepClone();
                props.Remove("VersioningConfiguration");
                break;
            case "missing required": resources["GlueCrawler"]!["Properties"]!.AsObject().Remove("Targets"); break;
            case "wrong primitive": resources["AthenaWorkGroup"]!["Properties"]!["WorkGroupConfiguration"]!["EnforceWorkGroupConfiguration"] = "yes"; break;
            case "unknown attribute": doc["Outputs"]!["GlueRoleArn"]!["Value"] = JsonNode.Parse("""{"Fn::GetAtt":["GlueRole","Arnn"]}"""); break;
            case "dangling ref": doc["Outputs"]!["TableName"]!["Value"] = JsonNode.Parse("""{"Ref":"DynamoDBTable"}"""); break;
            case "bad sub": doc["Outputs"]!["ResultLocation"]!["Value"] = JsonNode.Parse("""{"Fn::Sub":"s3://${QueryBucket}/x/"}"""); break;
            case "nested unknown": resources["SpillBucket"]!["Properties"]!["PublicAccessBlockConfiguration"]!["BlockPublicAcl"] = true; break;
            case "default breaks pattern": doc["Parameters"]!["GlueDatabaseName"]!["Default"] = "Kvs-DB"; break;
        }

        var problems = Linter.Value.Lint(doc);
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }
}
