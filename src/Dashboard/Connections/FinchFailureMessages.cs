using FinchDashboard.Dashboard.Finch;

namespace FinchDashboard.Dashboard.Connections;

/// <summary>What a failed Finch call on a connection means, in words for the person who asked for it.</summary>
public static class FinchFailureMessages
{
    public static string For(FinchFailure failure) => failure switch
    {
        FinchFailure.ReauthenticationRequired => "Finch says the employer must reconnect through Finch Connect first.",
        FinchFailure.Unauthorized => "Finch no longer accepts this connection's token; it may have been disconnected.",
        FinchFailure.RateLimited { RetryAfter: { } wait } => $"Finch is rate limiting us; try again in {Math.Ceiling(wait.TotalSeconds):0} seconds.",
        FinchFailure.RateLimited => "Finch is rate limiting us; try again shortly.",
        FinchFailure.Pending => "Finch is still setting this connection up; try again later.",
        FinchFailure.ServerError or FinchFailure.Unreachable or FinchFailure.TimedOut => "Finch could not be reached or failed; nothing was changed. Try again in a moment.",
        _ => $"Finch refused the request: {failure.Describe()}",
    };
}
