using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using FinchDashboard.Dashboard.Telemetry;
using FinchDashboard.Domain.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FinchDashboard.Dashboard.Data;

/// <summary>
/// Announces every saved change to a connection or its rows with PostgreSQL NOTIFY, so every dashboard instance
/// (this one included) hears it from <see cref="ConnectionChangeListener"/>. Hooked into SaveChanges so no writer
/// can forget; NOTIFY inside a transaction is only delivered when it commits.
/// </summary>
public sealed class ConnectionChangeNotifier(DashboardMetrics metrics) : SaveChangesInterceptor
{
    public const string Channel = "connection_changes";

    // NOTIFY payloads must stay under 8000 bytes; one change is at most 77 characters.
    private const int ChangesPerNotification = 100;

    private readonly ConditionalWeakTable<DbContext, List<ConnectionChange>> _pending = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            var changes = PendingConnectionChanges.In(context);
            if (changes.Count > 0)
            {
                _pending.AddOrUpdate(context, changes);
            }
        }
        return ValueTask.FromResult(result);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var changes))
        {
            _pending.Remove(context);
            await NotifyAsync(context, changes, cancellationToken);
        }
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            _pending.Remove(context);
        }
        return Task.CompletedTask;
    }

    /// <summary>For writes that bypass SaveChanges (ExecuteUpdate, raw SQL): announce them the same way.</summary>
    public async Task NotifyAsync(DbContext db, IReadOnlyCollection<ConnectionChange> changes, CancellationToken cancellationToken = default)
    {
        foreach (var payload in Payloads(changes))
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {payload})", cancellationToken);
        }
        metrics.LiveNotificationsAnnounced(changes.Count);
    }

    /// <summary>The NOTIFY payloads that announce <paramref name="changes"/>, as many as their size needs.</summary>
    public static IEnumerable<string> Payloads(IReadOnlyCollection<ConnectionChange> changes)
    {
        foreach (var chunk in changes.Chunk(ChangesPerNotification))
        {
            var payload = new StringBuilder();
            foreach (var change in chunk)
            {
                payload.Append(change.EmployerId.ToString("N")).Append(':').Append(change.ConnectionId.ToString("N"))
                    .Append(':').Append(((int)change.What).ToString(CultureInfo.InvariantCulture)).Append(';');
            }
            yield return payload.ToString();
        }
    }

    /// <summary>Reads a payload written by <see cref="NotifyAsync"/>; anything unreadable is skipped.</summary>
    public static IReadOnlyList<ConnectionChange> Parse(string payload)
    {
        var changes = new List<ConnectionChange>();
        foreach (var item in payload.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = item.Split(':');
            if (parts.Length == 3 && Guid.TryParseExact(parts[0], "N", out var employerId) && Guid.TryParseExact(parts[1], "N", out var connectionId)
                && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var what))
            {
                changes.Add(new ConnectionChange(employerId, connectionId, (ConnectionChangeKind)what));
            }
        }
        return changes;
    }
}
