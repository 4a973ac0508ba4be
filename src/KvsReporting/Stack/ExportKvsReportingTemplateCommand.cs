using System.Management.Automation;
using System.Text;
using KvsReporting.Cmdlets;
using KvsReporting.Errors;
using KvsReporting.Stack.Template;

namespace KvsReporting.Stack;

/// <summary>The text formats Export-KvsReportingTemplate writes.</summary>
public enum KvsTemplateFormat
{
    /// <summary>The template as shipped: YAML with short-form intrinsic functions (!Ref, !Sub, !GetAtt).</summary>
    Yaml,

    /// <summary>The same template as JSON, intrinsic functions in their long forms (Ref, Fn::Sub, Fn::GetAtt).</summary>
    Json,
}

/// <summary>
/// <para type="synopsis">Writes the module's CloudFormation template for the reporting stack.</para>
/// <para type="description">The template New-KvsReportingStack deploys, for review or for another deployment
/// pipeline (CodePipeline, Terraform's aws_cloudformation_stack, StackSets). Without -Path the template is written
/// to the pipeline as one string; with -Path it is written to that file (UTF-8, LF line endings).</para>
/// </summary>
[Cmdlet(VerbsData.Export, "KvsReportingTemplate", SupportsShouldProcess = true, DefaultParameterSetName = ToPipelineSet)]
[OutputType(typeof(string), ParameterSetName = [ToPipelineSet])]
[OutputType(typeof(FileInfo), ParameterSetName = [ToFileSet])]
public sealed class ExportKvsReportingTemplateCommand : KvsAsyncCmdlet
{
    private const string ToPipelineSet = "ToPipeline";
    private const string ToFileSet = "ToFile";

    /// <summary>
    /// <para type="description">File to write. Relative paths are resolved against the current location. An
    /// existing file is replaced unless -NoClobber is given.</para>
    /// </summary>
    [Parameter(Position = 0, Mandatory = true, ParameterSetName = ToFileSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>
    /// <para type="description">Yaml (the default: the template as shipped) or Json (intrinsic functions in
    /// their Fn:: forms).</para>
    /// </summary>
    [Parameter]
    public KvsTemplateFormat Format { get; set; } = KvsTemplateFormat.Yaml;

    /// <summary><para type="description">Fail instead of replacing an existing file.</para></summary>
    [Parameter(ParameterSetName = ToFileSet)]
    public SwitchParameter NoClobber { get; set; }

    /// <summary><para type="description">Return the written file.</para></summary>
    [Parameter(ParameterSetName = ToFileSet)]
    public SwitchParameter PassThru { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var text = Format == KvsTemplateFormat.Json ? ReportingTemplate.ToJsonText() : ReportingTemplate.Yaml;
        if (ParameterSetName == ToPipelineSet)
        {
            Emit(text);
            return;
        }

        var fullPath = await InvokeOnPipeline(() => SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path));
        if (NoClobber && File.Exists(fullPath))
        {
            throw KvsErrors.Terminating(
                $"The file '{fullPath}' already exists.",
                "KvsExportTemplateFileExists",
                ErrorCategory.ResourceExists,
                fullPath,
                "Choose another path, or leave out -NoClobber to replace the file.");
        }

        if (!await ShouldProcessAsync(fullPath, $"Write the reporting stack template ({Format})"))
        {
            return;
        }

        try
        {
            await File.WriteAllTextAsync(fullPath, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw KvsErrors.Terminating(
                $"Cannot write '{fullPath}': {ex.Message}",
                "KvsExportTemplateWriteFailed",
                ex is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.WriteError,
                fullPath,
                "Check that the folder exists and that you may write to it.",
                ex);
        }

        EmitVerbose($"Wrote the reporting stack template (version {ReportingTemplate.TemplateVersion}, {Format}) to {fullPath}.");
        if (PassThru)
        {
            Emit(new FileInfo(fullPath));
        }
    }
}
