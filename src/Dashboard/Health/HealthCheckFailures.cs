using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Domain.Connections;

namespace FinchDashboard.Dashboard.Health;

/// <summary>How a failed /introspect is classified, described and named on the health checks page.</summary>
public static class HealthCheckFailures
{
    public const int MessageMaxLength = 1000;

    public const string NoAccessTokenMessage = "The dashboard holds no access token for this live connection, so it cannot ask Finch about it.";

    public static HealthCheckFailureKind KindOf(FinchFailure failure) => failure switch
    {
        FinchFailure.ReauthenticationRequired => HealthCheckFailureKind.ReauthRequired,
        FinchFailure.AccountSetupRequired => HealthCheckFailureKind.AccountSetupRequired,
        FinchFailure.Unauthorized => HealthCheckFailureKind.Unauthorized,
        FinchFailure.RateLimited => HealthCheckFailureKind.RateLimited,
        FinchFailure.Pending => HealthCheckFailureKind.Pending,
        FinchFailure.Rejected => HealthCheckFailureKind.Rejected,
        FinchFailure.Unreachable => HealthCheckFailureKind.Unreachable,
        FinchFailure.TimedOut => HealthCheckFailureKind.TimedOut,
        // 5xx, and answers Finch does not give (a contract drift): both are Finch's side to look into.
        _ => HealthCheckFailureKind.FinchError,
    };

    /// <summary>Status, Finch's code and its message, e.g. "500 server_error: Internal server error"; never a token.</summary>
    public static string MessageOf(FinchFailure failure)
    {
        var code = failure.FinchCode ?? failure.Error?.Name;
        var message = failure.StatusCode switch
        {
            { } status when code is not null => $"{status} {code}: {failure.Describe()}",
            { } status => $"{status}: {failure.Describe()}",
            _ => failure.Describe(),
        };
        return message.Length <= MessageMaxLength ? message : message[..MessageMaxLength];
    }

    public static string DisplayName(this HealthCheckFailureKind kind) => kind switch
    {
        HealthCheckFailureKind.ReauthRequired => "Re-auth required",
        HealthCheckFailureKind.Unauthorized => "Token refused",
        HealthCheckFailureKind.RateLimited => "Rate limited",
        HealthCheckFailureKind.Pending => "Pending",
        HealthCheckFailureKind.FinchError => "Finch error",
        HealthCheckFailureKind.Unreachable => "Finch unreachable",
        HealthCheckFailureKind.TimedOut => "Timed out",
        HealthCheckFailureKind.Rejected => "Rejected",
        HealthCheckFailureKind.NoAccessToken => "No access token",
        HealthCheckFailureKind.AccountSetupRequired => "No account set up",
        _ => kind.ToString(),
    };

    /// <summary>What the kind means and what to do about it, for the page's tooltip.</summary>
    public static string Explanation(this HealthCheckFailureKind kind) => kind switch
    {
        HealthCheckFailureKind.ReauthRequired => "Finch answered 401 reauthenticate_user: the employer must reconnect through Finch Connect.",
        HealthCheckFailureKind.Unauthorized => "Finch refused the access token (401): it was revoked, e.g. by a disconnect.",
        HealthCheckFailureKind.RateLimited => "Finch answered 429; the pass waited as Finch asked before going on.",
        HealthCheckFailureKind.Pending => "Finch answered 202: the connection is still being set up (assisted connections).",
        HealthCheckFailureKind.FinchError => "Finch or the provider failed (5xx) or answered unexpectedly; report persistent ones with the Finch-Request-Id.",
        HealthCheckFailureKind.Unreachable => "No answer from Finch at all: network, DNS or TLS.",
        HealthCheckFailureKind.TimedOut => "Finch did not answer within the configured timeout.",
        HealthCheckFailureKind.Rejected => "Finch refused the request with another 4xx.",
        HealthCheckFailureKind.NoAccessToken => NoAccessTokenMessage,
        HealthCheckFailureKind.AccountSetupRequired =>
            "Finch answered 401 account_setup_required: the employer must finish setting up the account Finch signs in with; the token still works.",
        _ => "",
    };
}
