namespace KvsReporting.QuickSight;

/// <summary>
/// One inline policy of QuickSight's service role as the module sees it. RoleName binds the next cmdlet
/// (Get-/Remove-KvsQuickSightPolicy) by property name.
/// </summary>
public sealed class KvsQuickSightPolicy
{
    public string RoleName { get; set; } = QuickSightPolicyTemplates.DefaultRoleName;

    public string PolicyName { get; set; } = string.Empty;

    /// <summary>LeastPrivilege, Broad (the seed's wildcards) or Custom (written by someone else).</summary>
    public string Scope { get; set; } = "Custom";

    /// <summary>What the cmdlet did or would do: Created, Updated, Unchanged, Removed, Absent, Present, WouldCreate, WouldUpdate.</summary>
    public string Status { get; set; } = "Present";

    public IReadOnlyList<string> Actions { get; set; } = [];

    public IReadOnlyList<string> Resources { get; set; } = [];

    /// <summary>The policy document (plain JSON).</summary>
    public string? Document { get; set; }

    /// <summary>Line diff from the current to the desired document ("- " removed, "+ " added); empty when unchanged.</summary>
    public IReadOnlyList<string> Difference { get; set; } = [];

    public string? Region { get; set; }

    public string? EndpointUrl { get; set; }

    public override string ToString() => $"{RoleName}/{PolicyName} ({Scope}, {Status})";
}
