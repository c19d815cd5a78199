using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace FinchDashboard.Dashboard.Webhooks;

/// <summary>
/// Finch reports a new connection (account.updated) as soon as the employer finishes Connect, usually before our
/// callback has exchanged the code and learnt the connection's id, so that first report is kept as Unmatched. Once a
/// connection with the id is stored, its unmatched events go back to Pending and the processor applies them in the
/// order received; the out-of-order rule leaves anything older than what /introspect already told us unapplied.
/// </summary>
public sealed class UnmatchedWebhooks(WebhookSignal signal)
{
    /// <summary>Call after the connection holding <paramref name="finchConnectionId"/> is committed.</summary>
    public async Task RequeueForAsync(DashboardDbContext db, string finchConnectionId, CancellationToken cancellationToken)
    {
        var requeued = await db.WebhookEvents
            .IgnoreQueryFilters()
            .Where(w => w.State == WebhookEventState.Unmatched && w.FinchConnectionId == finchConnectionId)
            .ExecuteUpdateAsync(set => set
                .SetProperty(w => w.State, WebhookEventState.Pending)
                .SetProperty(w => w.ProcessedAt, (DateTimeOffset?)null), cancellationToken);
        if (requeued > 0)
        {
            signal.Notify();
        }
    }
}
