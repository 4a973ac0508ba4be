using System.Text.Json.Nodes;
using KvsReporting.Stack.Template;
using Xunit;

namespace KvsReporting.Tests.Stack;

[Collection("Serial")]
public sealed class ExportTemplateTests : IDisposable
{
    private readonly PowerShellSession session = new();
    private readonly string folder = Directory.CreateTempSubdirectory("kvs-export-").FullName;

    [Fact]
    public void Without_a_path_the_yaml_template_is_one_string_on_the_pipeline()
    {
        var (output, errors) = session.Run("Export-KvsReportingTemplate");
        Assert.Empty(errors);
        var text = Assert.IsType<string>(Assert.Single(output).BaseObject);
        Assert.Equal(ReportingTemplate.Yaml, text);
        Assert.Contains("!GetAtt SpillBucket.Arn", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_output_parses_and_has_the_long_intrinsic_forms()
    {
        var (output, errors) = session.Run("Export-KvsReportingTemplate -Format Json | ConvertFrom-Json -AsHashtable | ForEach-Object { $_.Outputs.GlueRoleArn.Value['Fn::GetAtt'] -join '.' }");
        Assert.Empty(errors);
        Assert.Equal("GlueRole.Arn", Assert.Single(output).BaseObject);
    }

    [Fact]
    public void A_path_gets_the_file_and_NoClobber_protects_it()
    {
        var (output, errors) = session.Run("Set-Location $f; Export-KvsReportingTemplate template.json -Format Json -PassThru", new Dictionary<string, object?> { ["f"] = folder });
        Assert.Empty(errors);
        var file = Assert.IsType<FileInfo>(Assert.Single(output).BaseObject);
        Assert.Equal(Path.Combine(folder, "template.json"), file.FullName);
        var written = File.ReadAllText(file.FullName);
        Assert.True(JsonNode.DeepEquals(ReportingTemplate.Document, JsonNode.Parse(written)));
        Assert.DoesNotContain("\r", written, StringComparison.Ordinal);

        var (_, clobber) = session.Run("Export-KvsReportingTemplate (Join-Path $f template.json) -NoClobber", new Dictionary<string, object?> { ["f"] = folder });
        var error = Assert.Single(clobber);
        Assert.Equal("KvsExportTemplateFileExists,KvsReporting.Stack.ExportKvsReportingTemplateCommand", error.FullyQualifiedErrorId);
        Assert.Equal(written, File.ReadAllText(file.FullName));
    }

    [Fact]
    public void WhatIf_writes_nothing()
    {
        var path = Path.Combine(folder, "whatif.yaml");
        var (_, errors) = session.Run("Export-KvsReportingTemplate -Path $p -WhatIf", new Dictionary<string, object?> { ["p"] = path });
        Assert.Empty(errors);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_missing_folder_is_a_clear_write_error()
    {
        var (_, errors) = session.Run("Export-KvsReportingTemplate -Path $p", new Dictionary<string, object?> { ["p"] = Path.Combine(folder, "no", "such", "t.yaml") });
        var error = Assert.Single(errors);
        Assert.StartsWith("KvsExportTemplateWriteFailed", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(folder, "no", "such", "t.yaml"), error.TargetObject);
    }

    public void Dispose()
    {
        session.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
