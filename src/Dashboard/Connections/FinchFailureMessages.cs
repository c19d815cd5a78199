using FinchDashboard.Dashboard.Finch;

namespace FinchDashboard.Dashboard.Connections;

/// <summary>
/// What a failed Finch call on a connection means, in words for the person who asked for it, with what to do next.
/// The codes are those of Finch's "Error Types" page.
/// </summary>
public static class FinchFailureMessages
{
    public static string For(FinchFailure failure) => failure switch
    {
        FinchFailure.ReauthenticationRequired => "Finch says the employer must reconnect through Finch Connect first.",
        FinchFailure.AccountSetupRequired =>
            "Finch cannot read this employer's data yet: the employer still has to finish setting up the account Finch signs in with " +
            "at their payroll provider. Ask them to complete it, then try again; nothing was changed.",
        FinchFailure.Unauthorized => "Finch no longer accepts this connection's token; it may have been disconnected.",
        FinchFailure.RateLimited { RetryAfter: { } wait } => $"Finch is rate limiting us; try again in {Math.Ceiling(wait.TotalSeconds):0} seconds.",
        FinchFailure.RateLimited => "Finch is rate limiting us; try again shortly.",
        FinchFailure.Pending => "Finch is still setting this connection up; try again later.",
        FinchFailure.Rejected { Status: 402 } =>
            "Finch has paused this dashboard's access until an unpaid Finch invoice is settled, so nothing was changed. The connection " +
            "itself is fine; let an admin of this dashboard know.",
        FinchFailure.Rejected { Status: 403, FinchCode: FinchCall.InsufficientAccountPermissions } =>
            "The account Finch signs in with at the employer's payroll provider lacks the permissions Finch needs. Ask the employer to " +
            "grant them to that account, then try again; nothing was changed.",
        FinchFailure.Rejected { Status: 403 } =>
            "Finch says this connection has no access to that: the employer did not grant it when connecting, or our Finch " +
            "application may not use it. Nothing was changed; a reauthentication link can ask the employer for more access.",
        FinchFailure.Rejected { Status: 422 } =>
            $"The employer's payroll provider does not accept this request, so nothing was changed. Finch's reason: {failure.Describe()}",
        FinchFailure.NotImplemented =>
            "The employer's payroll provider does not support this through Finch, so it cannot be done for this connection. Nothing " +
            "was changed, and trying again will not help.",
        FinchFailure.ServerError or FinchFailure.Unreachable or FinchFailure.TimedOut => "Finch could not be reached or failed; nothing was changed. Try again in a moment.",
        _ => $"Finch refused the request: {failure.Describe()}",
    };
}
