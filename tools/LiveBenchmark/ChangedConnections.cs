using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Webhooks;
using FinchDashboard.Domain.Connections;
using FinchDashboard.FinchSandbox.Webhooks;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FinchDashboard.LiveBenchmark;

/// <summary>A demo connection the benchmark changes: by a Finch webhook, or by a bare change notification for the floor.</summary>
internal sealed record ChangedConnection(Guid Id, Guid EmployerId, string FinchConnectionId, string? CompanyId);

/// <summary>
/// The demo connections the benchmark changes, and the two ways it changes them. Each webhook moves a different one
/// from needing nothing to needing re-authentication, so the action-needed total goes up by exactly one.
/// </summary>
internal sealed class ChangedConnections(string connectionString, string dashboardUrl, string finchWebhookSecret) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);
    private readonly HttpClient _http = new() { BaseAddress = new Uri(dashboardUrl) };

    /// <summary>
    /// <paramref name="count"/> Live, Connected connections that need no action. The demo's sample syncs go back up to
    /// eight days, so most Connected ones are overdue for a sync (which already counts in the banner): those picked
    /// have their last sync brought to now, before any page opens, so re-auth adds them to the total.
    /// </summary>
    public async Task<IReadOnlyList<ChangedConnection>> PickAsync(int count)
    {
        await using var db = new DashboardDbContext(new DbContextOptionsBuilder<DashboardDbContext>().UseNpgsql(_dataSource).Options);
        var now = DateTimeOffset.UtcNow;
        var kindAt = ActionNeeded.KindAt(now, new ActionNeededOptions().Thresholds).Compile();
        var connected = await db.Connections.IgnoreQueryFilters()
            .Where(c => c.State == ConnectionState.Live && c.Status == ConnectionStatus.Connected && c.FinchConnectionId != null)
            .OrderBy(c => c.Id)
            .ToListAsync();
        var picked = connected.Where(c => kindAt(c) is null or ActionNeededKind.SyncOverdue).Take(count).ToList();
        if (picked.Count < count)
        {
            throw new InvalidOperationException(
                $"The demo data has {picked.Count} Live, Connected connections that re-auth would add to the banner; {count} are needed (one per webhook and one for the warm-up).");
        }

        foreach (var connection in picked)
        {
            connection.RecordSync(now);
        }

        await db.SaveChangesAsync();
        return [.. picked.Select(c => new ChangedConnection(c.Id, c.EmployerId, c.FinchConnectionId!, c.CompanyId))];
    }

    /// <summary>Posts Finch's signed <c>account.updated</c> with status <c>reauth</c> for the connection; returns once it is answered 200.</summary>
    public async Task NeedsReauthAsync(ChangedConnection connection)
    {
        var body = JsonSerializer.Serialize(new
        {
            account_id = $"account-{connection.FinchConnectionId}",
            company_id = connection.CompanyId ?? "",
            connection_id = connection.FinchConnectionId,
            event_type = "account.updated",
            data = new { status = ConnectionStatus.Reauth.WireName(), authentication_method = new { type = "credential" } },
        });
        var eventId = "msg_" + Guid.NewGuid().ToString("N");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, FinchWebhookEndpoint.Path)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(FinchHeaders.WebhookEventId, eventId);
        request.Headers.Add(FinchHeaders.WebhookTimestamp, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(FinchHeaders.WebhookSignature, WebhookSigner.Sign(finchWebhookSecret, eventId, timestamp, body));
        using var response = await _http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The dashboard answered the webhook {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>
    /// Announces a change to the connection's details alone, as the dashboard's own notifier would after a save, with
    /// nothing changed in the database: a list page re-renders its heard count and queries nothing. Returns once committed.
    /// </summary>
    public async Task DetailsChangedAsync(ChangedConnection connection)
    {
        await using var command = _dataSource.CreateCommand("SELECT pg_notify($1, $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = ConnectionChangeNotifier.Channel });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = ConnectionChangeNotifier.Payloads([new ConnectionChange(connection.EmployerId, connection.Id, ConnectionChangeKind.Details)]).Single(),
        });
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _dataSource.DisposeAsync();
    }
}
