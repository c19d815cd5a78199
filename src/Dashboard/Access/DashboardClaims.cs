namespace FinchDashboard.Dashboard.Access;

public static class DashboardClaims
{
    public const string DisplayName = "finch_dashboard:display_name";

    /// <summary>The server-side session a principal was restored from (<see cref="SignInSessionStore"/>).</summary>
    public const string SessionId = "finch_dashboard:session_id";
}
