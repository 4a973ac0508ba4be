namespace KvsReporting.Aws.Shapes;

/// <summary>
/// A Query-protocol request model (IAM, CloudFormation). Implement <see cref="Action"/> explicitly so it is not
/// taken for a wire member; every public property is one.
/// </summary>
public interface IQueryRequest
{
    /// <summary>The operation name: the form's <c>Action</c> and the response's <c>&lt;ActionResult&gt;</c>.</summary>
    string Action { get; }
}
