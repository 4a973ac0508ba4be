using System.Text.Json.Nodes;
using KvsReporting.Stack.Template;
using Xunit;

namespace KvsReporting.Tests.Stack;

public sealed class CloudFormationYamlTests
{
    private static string Json(string yaml) => CloudFormationYaml.ToJson(yaml)!.ToJsonString();

    [Theory]
    [InlineData("a: !Ref Bucket", """{"a":{"Ref":"Bucket"}}""")]
    [InlineData("a: !Sub 's3://${B}/x/'", """{"a":{"Fn::Sub":"s3://${B}/x/"}}""")]
    [InlineData("a: !GetAtt Role.Arn", """{"a":{"Fn::GetAtt":["Role","Arn"]}}""")]
    [InlineData("a: !GetAtt Db.Endpoint.Address", """{"a":{"Fn::GetAtt":["Db","Endpoint.Address"]}}""")]
    [InlineData("a: !GetAtt [Role, Arn]", """{"a":{"Fn::GetAtt":["Role","Arn"]}}""")]
    [InlineData("a: !Not [!Equals [!Ref S, '']]", """{"a":{"Fn::Not":[{"Fn::Equals":[{"Ref":"S"},""]}]}}""")]
    [InlineData("a: !If [C, {X: 1}, !Ref AWS::NoValue]", """{"a":{"Fn::If":["C",{"X":1},{"Ref":"AWS::NoValue"}]}}""")]
    [InlineData("a: !Join [',', [x, y]]", """{"a":{"Fn::Join":[",",["x","y"]]}}""")]
    [InlineData("a: !Sub ['${X}-1', {X: !Ref Y}]", """{"a":{"Fn::Sub":["${X}-1",{"X":{"Ref":"Y"}}]}}""")]
    [InlineData("a: !Condition IsProd", """{"a":{"Condition":"IsProd"}}""")]
    public void Short_form_intrinsics_become_their_json_forms(string yaml, string expected) =>
        Assert.Equal(expected, Json(yaml));

    [Theory]
    [InlineData("a: true", """{"a":true}""")]
    [InlineData("a: 'true'", """{"a":"true"}""")]
    [InlineData("a: 1", """{"a":1}""")]
    [InlineData("a: '1'", """{"a":"1"}""")]
    [InlineData("a: 1.5", """{"a":1.5}""")]
    [InlineData("a: 0123", """{"a":"0123"}""")]
    [InlineData("a: 2010-09-09", """{"a":"2010-09-09"}""")]
    [InlineData("a: cron(0 0 * * ? *)", """{"a":"cron(0 0 * * ? *)"}""")]
    [InlineData("a: ~", """{"a":null}""")]
    [InlineData("a: yes", """{"a":"yes"}""")]
    [InlineData("a: !!str 12", """{"a":"12"}""")]
    public void Scalars_keep_the_type_yaml_gives_them(string yaml, string expected) =>
        Assert.Equal(expected, Json(yaml));

    [Theory]
    [InlineData("a: !Reff X", "Unknown CloudFormation tag '!Reff'")]
    [InlineData("a: 1\na: 2", "line 2, column 1: Duplicate key")]
    [InlineData("a: [1, 2", "Invalid YAML")]
    [InlineData("a: !GetAtt RoleArn", "!GetAtt needs 'Resource.Attribute'")]
    public void Bad_input_is_reported_with_its_place(string yaml, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => CloudFormationYaml.ToJson(yaml));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_export_round_trips_to_the_same_document()
    {
        var fromYaml = ReportingTemplate.Document;
        var fromJson = JsonNode.Parse(ReportingTemplate.ToJsonText())!;
        Assert.True(JsonNode.DeepEquals(fromYaml, fromJson));
        // no short-form tag survives as text
        Assert.DoesNotContain("!Ref", ReportingTemplate.ToJsonText(), StringComparison.Ordinal);
        Assert.Contains("\"Fn::GetAtt\"", ReportingTemplate.ToJsonText(), StringComparison.Ordinal);
    }
}
