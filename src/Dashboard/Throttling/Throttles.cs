namespace FinchDashboard.Dashboard.Throttling;

/// <summary>
/// The rate limiting policies endpoints name with <c>RequireRateLimiting</c>. Sign-in has none: its limit is the global
/// limiter (<see cref="SignInThrottle"/>).
/// </summary>
public static class Throttles
{
    public const string ConnectCallback = "connect-callback";

    public const string Webhooks = "webhooks";

    public const string Export = "export";
}
