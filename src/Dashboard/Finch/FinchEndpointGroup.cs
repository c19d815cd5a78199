namespace FinchDashboard.Dashboard.Finch;

/// <summary>
/// The groups of Finch endpoints that fail together, each with its own circuit breaker: Finch's /employer data
/// depends on the providers' systems while /connect and /introspect do not, so a provider outage must not stop
/// Connect sessions or disconnects.
/// </summary>
public static class FinchEndpointGroup
{
    public const string Connect = "connect";
    public const string Auth = "auth";
    public const string Providers = "providers";
    public const string Introspect = "introspect";
    public const string Disconnect = "disconnect";
    public const string Employer = "employer";
    public const string Jobs = "jobs";
    public const string Sandbox = "sandbox";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [Connect, Auth, Providers, Introspect, Disconnect, Employer, Jobs, Sandbox, Other];

    /// <summary>
    /// The group of a request, from the first segment of its path under <paramref name="apiRoot"/> (Finch's base URL,
    /// which may carry a path behind a proxy). /disconnect-entity goes with /disconnect.
    /// </summary>
    public static string Of(HttpRequestMessage request, Uri? apiRoot)
    {
        var path = FinchCall.PathOf(request);
        var root = apiRoot?.AbsolutePath ?? "/";
        if (path.StartsWith(root, StringComparison.Ordinal)) path = path[root.Length..];
        path = path.TrimStart('/');
        var end = path.IndexOf('/');
        var first = end < 0 ? path : path[..end];
        return first switch
        {
            Connect or Auth or Providers or Introspect or Employer or Jobs or Sandbox => first,
            Disconnect or "disconnect-entity" => Disconnect,
            _ => Other,
        };
    }
}
