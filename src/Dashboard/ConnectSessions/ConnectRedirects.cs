using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.ConnectSessions;

public sealed class ConnectRedirectOptions
{
    public const string Section = "ConnectSessions";

    /// <summary>
    /// Where Finch Connect may send an employer back to, the first being the default. Empty: only this dashboard's own
    /// <see cref="ConnectCallbackEndpoint.Path"/>, on the address its users open it at.
    /// </summary>
    public List<string> RedirectUris { get; set; } = [];
}

/// <summary>
/// The redirect URIs a Connect session may carry. Finch sends the authorization code there, so it is chosen from this
/// list and checked against it again when the session is created: never free text a user typed.
/// </summary>
public sealed class ConnectRedirects(IOptions<ConnectRedirectOptions> options, NavigationManager navigation)
{
    public IReadOnlyList<string> Allowed => options.Value.RedirectUris is { Count: > 0 } configured
        ? configured
        : [navigation.ToAbsoluteUri(ConnectCallbackEndpoint.Path).AbsoluteUri];

    public string Default => Allowed[0];

    public bool IsAllowed(string? redirectUri) => redirectUri is not null && Allowed.Contains(redirectUri, StringComparer.Ordinal);

    /// <summary>An absolute http(s) address, which is what Finch accepts as a <c>redirect_uri</c>.</summary>
    public static bool IsValid(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp);
}
