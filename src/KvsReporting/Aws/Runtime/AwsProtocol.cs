namespace KvsReporting.Aws.Runtime;

/// <summary>The wire protocols the module speaks, named as botocore's service models name them.</summary>
public enum AwsProtocol
{
    /// <summary>botocore "json": POST /, X-Amz-Target, JSON body (Athena, Glue).</summary>
    Json,

    /// <summary>botocore "query": form-encoded POST with Action/Version, XML responses (IAM, CloudFormation).</summary>
    Query,

    /// <summary>botocore "rest-json": members bound to path, query string, headers and a JSON body.</summary>
    RestJson,
}
