namespace FinchDashboard.Domain.Connections;

/// <summary>How Finch syncs a connection's data (Finch's "Create & View Your Connections" article, "Connection Type").</summary>
public enum ConnectionType
{
    /// <summary>Data and deductions sync automatically (24-hour refresh).</summary>
    Automated,

    /// <summary>Finch's team syncs data and deductions (7-day refresh).</summary>
    Assisted,

    /// <summary>Data syncs automatically, deductions are assisted.</summary>
    AutomatedAssisted,
}

/// <summary>Finch's authentication_methods[].type values.</summary>
public enum AuthenticationMethodType
{
    Credential,
    ApiToken,
    Oauth,
    Assisted,
}

public static class ConnectionTypes
{
    /// <summary>Derived from the connection's authentication methods: assisted ones and automated ones, or both.</summary>
    public static ConnectionType From(IEnumerable<AuthenticationMethodType> methods)
    {
        var types = methods.ToHashSet();
        var assisted = types.Contains(AuthenticationMethodType.Assisted);
        var automated = types.Any(t => t != AuthenticationMethodType.Assisted);
        return (automated, assisted) switch
        {
            (true, true) => ConnectionType.AutomatedAssisted,
            (false, true) => ConnectionType.Assisted,
            _ => ConnectionType.Automated,
        };
    }

    public static string DisplayName(this ConnectionType type) => type switch
    {
        ConnectionType.Automated => "Automated",
        ConnectionType.Assisted => "Assisted",
        ConnectionType.AutomatedAssisted => "Automated, Assisted",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string WireName(this AuthenticationMethodType type) => type switch
    {
        AuthenticationMethodType.Credential => "credential",
        AuthenticationMethodType.ApiToken => "api_token",
        AuthenticationMethodType.Oauth => "oauth",
        AuthenticationMethodType.Assisted => "assisted",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static bool TryParseAuthenticationMethod(string? wireName, out AuthenticationMethodType type)
    {
        switch (wireName)
        {
            case "credential": type = AuthenticationMethodType.Credential; return true;
            case "api_token": type = AuthenticationMethodType.ApiToken; return true;
            case "oauth": type = AuthenticationMethodType.Oauth; return true;
            case "assisted": type = AuthenticationMethodType.Assisted; return true;
            default: type = default; return false;
        }
    }
}
