namespace KvsReporting.AwsConformance.Samples;

/// <summary>A representative request the module sends for an operation ("Glue.GetCrawler").</summary>
public sealed record Sample(string Operation, string Description, Func<object> Create);

/// <summary>
/// Implemented once per service (found by reflection, so adding a service adds a file, not an edit here):
/// at least one representative request per operation the service's client can send.
/// </summary>
public interface ISampleRequests
{
    IEnumerable<Sample> Samples();
}
