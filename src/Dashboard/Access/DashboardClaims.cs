namespace FinchDashboard.Dashboard.Access;

public static class DashboardClaims
{
    public const string DisplayName = "finch_dashboard:display_name";
}
