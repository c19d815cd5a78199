using Microsoft.AspNetCore.Identity;

namespace FinchDashboard.Dashboard.Data;

public sealed class DashboardUser : IdentityUser
{
    public const int DisplayNameMaxLength = 200;

    public string DisplayName { get; set; } = "";
}
