using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Webhooks;

public sealed record WebhookEventRow(
    string EventId, string EventType, DateTimeOffset ReceivedAt, DateTimeOffset SentAt, WebhookEventState State, int Attempts,
    string? Outcome, string? FinchConnectionId, Guid? ConnectionId);

/// <summary>The inbox at a glance. Secrets are described by count only: their values never leave configuration.</summary>
public sealed record WebhookOverview(
    IReadOnlyDictionary<WebhookEventState, int> CountByState,
    IReadOnlyList<WebhookEventRow> Recent,
    IReadOnlyList<WebhookEventRow> Unmatched,
    int SecretCount)
{
    public bool RotationInProgress => SecretCount > 1;

    public int Count(WebhookEventState state) => CountByState.GetValueOrDefault(state);
}

/// <summary>What the webhooks page shows: for callers with <see cref="Permission.ViewWebhooks"/> only.</summary>
public sealed class WebhookMonitor(EmployerData data, CurrentCaller currentCaller, IOptions<FinchOptions> finch)
{
    public const int RecentCount = 50;

    /// <summary>The overview, or null when the caller may not see webhooks.</summary>
    public async Task<WebhookOverview?> GetAsync(CancellationToken cancellationToken = default)
    {
        var caller = await currentCaller.GetAsync(cancellationToken);
        if (!caller.Can(Permission.ViewWebhooks))
        {
            return null;
        }

        await using var db = await data.OpenAsync(cancellationToken);
        var counts = await db.WebhookEvents.GroupBy(w => w.State).Select(g => new { State = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.State, g => g.Count, cancellationToken);
        var recent = await Rows(db.WebhookEvents, cancellationToken);
        var unmatched = await Rows(db.WebhookEvents.Where(w => w.State == WebhookEventState.Unmatched), cancellationToken);
        return new WebhookOverview(counts, recent, unmatched, finch.Value.WebhookSecrets.Count);
    }

    private static Task<List<WebhookEventRow>> Rows(IQueryable<WebhookEvent> events, CancellationToken cancellationToken) =>
        events.OrderByDescending(w => w.ReceivedAt).ThenBy(w => w.EventId).Take(RecentCount)
            .Select(w => new WebhookEventRow(w.EventId, w.EventType, w.ReceivedAt, w.SentAt, w.State, w.Attempts, w.Outcome, w.FinchConnectionId, w.ConnectionId))
            .ToListAsync(cancellationToken);
}
