namespace FinchDashboard.Domain.Access;

/// <summary>
/// What a caller may do, as the services and pages ask it. Which employers they may do it to is the separate
/// question <see cref="EmployerScope"/> answers; a permission never widens scope.
/// </summary>
public enum Permission
{
    ViewConnections,
    RefreshConnection,
    /// <summary>"Sync now": asks Finch for a forced data sync, one of the few Finch allows a connection each hour. Staff only.</summary>
    SyncConnection,
    ExportConnections,
    CreateEmployer,
    CreateConnectLink,
    /// <summary>
    /// Start Finch Connect in one's own browser for another system of an employer that already has a live connection:
    /// how employer admins add a second payroll or HR system. Staff send Connect links instead.
    /// </summary>
    ConnectAnotherSystem,
    StartReauth,
    DisconnectEntities,
    DisconnectConnection,
    /// <summary>Internal notes and contact follow-ups on a connection: staff only, never shown to employers.</summary>
    ManageSupportNotes,
    WorkTriageQueue,
    /// <summary>The billable waste page and its CSV: connections that cost money for nothing, and what to do about each.</summary>
    ReviewBillableWaste,
    ViewFinchIds,
    /// <summary>
    /// What /introspect says about the account behind a connection (client and connection type, Assisted, and the
    /// username the employer signs in to the provider with): for Admin and Support, who talk to Finch support.
    /// </summary>
    ViewProviderAccount,
    ViewHealthChecks,
    ManageUsers,
    ViewAuditLog,
    ViewWebhooks,
    /// <summary>The operator page: this deployment's instances, Finch's circuits, the last hour's figures, which secrets are set.</summary>
    ViewSystem,
    /// <summary>Bank accounts linked through Stripe Financial Connections, and their CSV.</summary>
    ViewBankAccounts,
    /// <summary>Start Stripe's authentication flow for an employer, to link its bank accounts.</summary>
    LinkBankAccount,
    /// <summary>End our access to a bank account's data at Stripe; its PaymentMethods keep working.</summary>
    DisconnectBankAccount,
    /// <summary>
    /// For a disconnected or inactive bank account, a new Stripe authentication link and the message asking the employer
    /// to use it: how Support, who cannot link accounts, gets an employer to give access again.
    /// </summary>
    SendBankAccountRelink,
}

/// <summary>
/// The role → permission table (role_permissions in Finch's "Control Access" guide; README.md, "Roles: who may do what"). The
/// one place that says what a role may do.
/// </summary>
public static class Permissions
{
    private static readonly Dictionary<Role, HashSet<Permission>> ByRole = new()
    {
        [Role.Admin] = [.. Enum.GetValues<Permission>()],
        [Role.AccountManager] =
        [
            Permission.ViewConnections, Permission.RefreshConnection, Permission.SyncConnection, Permission.ExportConnections, Permission.CreateEmployer,
            Permission.CreateConnectLink, Permission.StartReauth, Permission.DisconnectEntities, Permission.DisconnectConnection,
            Permission.ManageSupportNotes, Permission.WorkTriageQueue, Permission.ReviewBillableWaste, Permission.ViewFinchIds, Permission.ViewHealthChecks,
            Permission.ViewBankAccounts, Permission.LinkBankAccount, Permission.DisconnectBankAccount, Permission.SendBankAccountRelink,
        ],
        [Role.Support] =
        [
            Permission.ViewConnections, Permission.RefreshConnection, Permission.SyncConnection, Permission.StartReauth, Permission.ManageSupportNotes,
            Permission.WorkTriageQueue, Permission.ViewFinchIds, Permission.ViewProviderAccount, Permission.ViewHealthChecks,
            Permission.ViewBankAccounts, Permission.SendBankAccountRelink,
        ],
        [Role.EmployerAdmin] =
        [
            Permission.ViewConnections, Permission.RefreshConnection, Permission.ExportConnections, Permission.ConnectAnotherSystem,
            Permission.StartReauth, Permission.DisconnectEntities, Permission.DisconnectConnection,
            Permission.ViewBankAccounts, Permission.DisconnectBankAccount,
        ],
    };

    public static IReadOnlyList<Permission> All { get; } = Enum.GetValues<Permission>();

    public static bool Grants(this Role role, Permission permission) => ByRole[role].Contains(permission);

    public static IReadOnlyCollection<Permission> Of(Role role) => ByRole[role];
}
