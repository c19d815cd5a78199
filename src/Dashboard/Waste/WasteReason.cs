namespace FinchDashboard.Dashboard.Waste;

/// <summary>Why a connection costs money for nothing; in the order the rules are tried, the first that holds decides.</summary>
public enum WasteReason
{
    /// <summary>
    /// Disconnected here after Finch refused or failed a /disconnect: recorded in the dashboard only, so Finch may still
    /// have it and bill it.
    /// </summary>
    DisconnectedStillBilled,

    /// <summary>
    /// Live with every entity removed through /disconnect-entity. Finch no longer bills it (Finch's "Disconnect
    /// Connections" guide), so it is not counted as billed: there is just nothing left to sync.
    /// </summary>
    NothingLeftToSync,

    /// <summary>Another, newer live connection has the same Finch company.</summary>
    DuplicateCompany,

    /// <summary>The employer has another, newer live connection to the same provider.</summary>
    DuplicateProvider,

    /// <summary>
    /// Its company, customer or provider is named as a test, demo or sandbox, or, outside Finch's Sandbox environment
    /// (where all data is made up), Finch reports its data as made up by Finch (<c>connection_type</c> <c>finch</c>).
    /// </summary>
    TestConnection,

    /// <summary>Live, but no successful sync for longer than <see cref="WasteOptions.NoSyncFor"/>.</summary>
    NoRecentSync,
}

/// <summary>The one-click path to what fixes a reason.</summary>
public enum WasteAction
{
    Disconnect,
    Reauth,
    ContactFinch,
    ContactEmployer,
}

public static class WasteReasons
{
    /// <summary>Finch's support address (Finch's "Get Support" guide), for a connection only Finch can end now.</summary>
    public const string FinchSupportEmail = "developers@tryfinch.com";

    public static bool IsBilled(this WasteReason reason) => reason != WasteReason.NothingLeftToSync;

    public static string DisplayName(this WasteReason reason) => reason switch
    {
        WasteReason.DisconnectedStillBilled => "Disconnected here only",
        WasteReason.NothingLeftToSync => "Nothing left to sync",
        WasteReason.DuplicateCompany => "Duplicate company",
        WasteReason.DuplicateProvider => "Duplicate provider",
        WasteReason.TestConnection => "Test or demo",
        WasteReason.NoRecentSync => "No recent sync",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    public static string Explanation(this WasteReason reason, TimeSpan noSyncFor) => reason switch
    {
        WasteReason.DisconnectedStillBilled =>
            "Recorded as disconnected here after Finch refused or failed the disconnect, so Finch may still bill it. Ask Finch support to confirm it has ended.",
        WasteReason.NothingLeftToSync =>
            "Every entity was removed, so Finch no longer bills it, but it stays live with nothing to sync. Disconnect it to tidy up.",
        WasteReason.DuplicateCompany =>
            "A newer live connection reaches the same company in Finch. Keep one: disconnect this one.",
        WasteReason.DuplicateProvider =>
            "The employer has a newer live connection to the same provider. Keep one: disconnect this one.",
        WasteReason.TestConnection =>
            "Named as a test, demo or sandbox, or holding data Finch's sandbox makes up, yet billed like any other connection in Production. Disconnect it.",
        WasteReason.NoRecentSync =>
            $"No successful sync in {noSyncFor.TotalDays:0} days, yet still billed. Reauthenticate it if the employer must sign in again, or contact the employer.",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
