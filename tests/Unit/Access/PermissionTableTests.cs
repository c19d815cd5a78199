using FinchDashboard.Domain.Access;

namespace FinchDashboard.Unit.Access;

/// <summary>
/// The role → permission table against README.md's "Roles: who may do what", written out cell by cell so a change to what a role
/// may do is a deliberate edit here too.
/// </summary>
public class PermissionTableTests
{
    // A = Admin, M = AccountManager, S = Support, E = EmployerAdmin.
    private static readonly Dictionary<Permission, string> Expected = new()
    {
        [Permission.ViewConnections] = "AMSE",
        [Permission.RefreshConnection] = "AMSE",
        [Permission.SyncConnection] = "AMS-",
        [Permission.ExportConnections] = "AM-E",
        [Permission.CreateEmployer] = "AM--",
        [Permission.CreateConnectLink] = "AM--",
        [Permission.ConnectAnotherSystem] = "A--E",
        [Permission.StartReauth] = "AMSE",
        [Permission.DisconnectEntities] = "AM-E",
        [Permission.DisconnectConnection] = "AM-E",
        [Permission.ManageSupportNotes] = "AMS-",
        [Permission.WorkTriageQueue] = "AMS-",
        [Permission.ReviewBillableWaste] = "AM--",
        [Permission.ViewFinchIds] = "AMS-",
        [Permission.ViewProviderAccount] = "A-S-",
        [Permission.ViewHealthChecks] = "AMS-",
        [Permission.ManageUsers] = "A---",
        [Permission.ViewAuditLog] = "A---",
        [Permission.ViewWebhooks] = "A---",
        [Permission.ViewSystem] = "A---",
        [Permission.ViewBankAccounts] = "AMSE",
        [Permission.LinkBankAccount] = "AM--",
        [Permission.DisconnectBankAccount] = "AM-E",
        [Permission.SendBankAccountRelink] = "AMS-",
    };

    private static readonly Role[] Columns = [Role.Admin, Role.AccountManager, Role.Support, Role.EmployerAdmin];

    public static TheoryData<Role, Permission, bool> Cells()
    {
        var cells = new TheoryData<Role, Permission, bool>();
        foreach (var (permission, row) in Expected)
        {
            for (var column = 0; column < Columns.Length; column++)
            {
                cells.Add(Columns[column], permission, row[column] != '-');
            }
        }
        return cells;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Each_role_has_exactly_the_permissions_the_brief_gives_it(Role role, Permission permission, bool granted) =>
        Assert.Equal(granted, role.Grants(permission));

    [Fact]
    public void Every_permission_is_in_the_expected_table() => Assert.Equal(Permissions.All.Order(), Expected.Keys.Order());

    [Fact]
    public void A_caller_may_do_what_any_of_their_roles_grants_and_nothing_when_anonymous()
    {
        var supportAndEmployer = new Caller("u1", "Two hats", [Role.Support, Role.EmployerAdmin], EmployerScope.AllEmployers);
        Assert.True(supportAndEmployer.Can(Permission.DisconnectConnection));
        Assert.True(supportAndEmployer.Can(Permission.WorkTriageQueue));
        Assert.False(supportAndEmployer.Can(Permission.ManageUsers));
        Assert.All(Permissions.All, p => Assert.False(Caller.Anonymous.Can(p)));
    }
}
