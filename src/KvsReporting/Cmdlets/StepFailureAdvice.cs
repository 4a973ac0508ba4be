namespace KvsReporting.Cmdlets;

/// <summary>
/// What a family of multi-call cmdlets tells the user when one of its steps fails: after a wait that timed out,
/// and after a failure of its own domain (an exception of <paramref name="DomainException"/>), reported with the
/// ErrorId suffix <paramref name="DomainErrorSuffix"/>.
/// </summary>
public sealed record StepFailureAdvice(string TimeoutAdvice, Type DomainException, string DomainErrorSuffix, string DomainAdvice);
