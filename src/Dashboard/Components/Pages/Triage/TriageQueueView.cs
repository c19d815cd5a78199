using FinchDashboard.Dashboard.Triage;
using FinchDashboard.Domain.Connections;
using MudBlazor;

namespace FinchDashboard.Dashboard.Components.Pages.Triage;

/// <summary>How the triage queue words a connection in need of action.</summary>
public static class TriageQueueView
{
    public static string Count(int total) => total == 1 ? "1 connection" : $"{total:N0} connections";

    public static string EmptyText(bool filtered) => filtered
        ? "No connection of this provider or kind needs action."
        : "Nothing needs action. Every live connection is healthy.";

    /// <summary>How long the connection has waited: days and hours, whole hours, or minutes (at least one).</summary>
    public static string Age(DateTimeOffset since, DateTimeOffset now)
    {
        var age = now - since;
        return age.TotalDays >= 1 ? $"{(int)age.TotalDays} d {age.Hours} h" : age.TotalHours >= 1 ? $"{(int)age.TotalHours} h" : $"{Math.Max(1, (int)age.TotalMinutes)} min";
    }

    public static string Company(TriageItem item) =>
        item.ActiveEntityCount > 1 ? "Multi-entity connection" : item.CompanyName ?? "Unnamed company";

    public static string EmployerAndProvider(TriageItem item) =>
        $"{item.EmployerName} · {item.ProviderName ?? item.ProviderId ?? "No provider"}";

    /// <summary>Finch's message, or what the kind means when Finch sent none.</summary>
    public static string Problem(TriageItem item) => item.LastError ?? item.Kind switch
    {
        ActionNeededKind.StuckPending => "Still being set up by Finch, longer than a set-up of this type should take.",
        ActionNeededKind.SyncOverdue => "Finch has not synced its data on schedule. Check the connection's jobs, then contact Finch support.",
        ActionNeededKind.Reauth => "The employer must sign in to the provider again.",
        _ => "Finch sent no message.",
    };

    public static string NotesLabel(TriageItem item) => item.NoteCount == 0 ? "Notes" : $"Notes ({item.NoteCount})";

    public static bool FollowUpDue(DateOnly followUp, DateOnly today) => followUp <= today;

    public static string FollowUp(DateOnly followUp, DateOnly today) =>
        $"Follow up {followUp:d MMM yyyy}{(FollowUpDue(followUp, today) ? " (due)" : "")}";

    /// <summary>Outlined chips: the kind's colour is the text's, and the palette's colours reach AA on the surface.</summary>
    public static Color KindColour(ActionNeededKind kind) => kind switch
    {
        ActionNeededKind.Reauth => Color.Error,
        ActionNeededKind.PermissionsError or ActionNeededKind.NoAccountSetUp => Color.Warning,
        _ => Color.Info,
    };
}
