namespace MockEsia.Faults;

/// <summary>ac, when the code would be issued: shapes the redirect back to the client.</summary>
internal interface IAuthorizeRedirectFault : IFaultHandler
{
    /// <summary>Changes the redirect.</summary>
    void Apply(Fault fault, AuthorizeRedirect redirect);
}
