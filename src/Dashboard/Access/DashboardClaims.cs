namespace FinchDashboard.Dashboard.Access;

public static class DashboardClaims
{
    public const string DisplayName = "finch_dashboard:display_name";

    /// <summary>The server-side session a principal was restored from (<see cref="SignInSessionStore"/>).</summary>
    public const string SessionId = "finch_dashboard:session_id";

    /// <summary>Present while the user still signs in with a generated password (<see cref="PasswordChangeGate"/>).</summary>
    public const string PasswordChangeRequired = "finch_dashboard:password_change_required";
}
