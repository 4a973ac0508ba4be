using System.Net;

namespace KvsReporting.Aws.Iam;

/// <summary>IAM returns policy documents URL-encoded (RFC 3986) inside the XML; requests send plain JSON.</summary>
public static class PolicyDocuments
{
    /// <summary>Decodes a document as returned by GetRolePolicy/GetRole; plain JSON passes through.</summary>
    public static string Decode(string? document)
    {
        if (string.IsNullOrEmpty(document))
        {
            return string.Empty;
        }

        var trimmed = document.TrimStart();
        return trimmed.StartsWith('{') ? document : WebUtility.UrlDecode(document.Replace("+", "%2B", StringComparison.Ordinal));
    }
}
