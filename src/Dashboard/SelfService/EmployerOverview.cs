using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.ConnectSessions;
using FinchDashboard.Domain.Connections;
using Microsoft.EntityFrameworkCore;

namespace FinchDashboard.Dashboard.SelfService;

/// <summary>One connection as its employer sees it: no Finch ids beyond the one support may ask for, no internal notes.</summary>
public sealed record EmployerConnectionCard(
    Guid Id,
    ConnectionState State,
    string? CompanyName,
    string? ProviderName,
    ConnectionStatus Status,
    string? StatusMessage,
    DateTimeOffset? LastSyncedAt,
    DateTimeOffset? ConnectedAt,
    DateTimeOffset? DisconnectedAt,
    string[] Products,
    string? FinchConnectionId,
    IReadOnlyList<EmployerEntityLine> Entities)
{
    /// <summary>The status the card's chip shows: a past connection is Disconnected whatever Finch said last.</summary>
    public ConnectionStatus ShownStatus => State == ConnectionState.Disconnected ? ConnectionStatus.Disconnected : Status;

    /// <summary>Only the employer can fix it (sign in again, grant access, finish the provider's setup), so the card asks them first.</summary>
    public bool NeedsYou =>
        State == ConnectionState.Live && Status is ConnectionStatus.Reauth or ConnectionStatus.ErrorPermissions or ConnectionStatus.ErrorNoAccountSetup;

    /// <summary>Which companies it holds: their count when several, else the company's name.</summary>
    public string Companies => Entities.Count(e => e.IsActive) is > 1 and var active ? $"{active} companies" : CompanyName ?? "";

    /// <summary>The status in the employer's words, with what it means for them and what to do.</summary>
    public string Explanation => State == ConnectionState.Disconnected
        ? $"Disconnected{(DisconnectedAt is { } at ? $" on {at:d MMM yyyy}" : "")}. We no longer read anything from it; what was read before is kept. Connecting again needs a new link from your account manager."
        : Status switch
        {
            ConnectionStatus.Connected => "Working: we receive your data automatically." + Synced,
            ConnectionStatus.Reauth => "Needs you: the provider no longer accepts the sign-in Finch uses, often after a password change. Until you reconnect, we receive no new data." + Synced,
            ConnectionStatus.ErrorPermissions => "Needs you: the account you connected lacks a permission we need. Reconnect with an administrator account, or give this account the missing access." + Synced,
            ConnectionStatus.ErrorNoAccountSetup => "Needs you: the provider account has not been set up for Finch yet. Finish the setup steps Finch sent you, or reconnect.",
            ConnectionStatus.Pending or ConnectionStatus.Processing => "Being set up: Finch's team is finishing the connection with your provider. There is nothing you need to do; this can take a few days.",
            _ => StatusMessage ?? "",
        };

    private string Synced => LastSyncedAt is { } at ? $" Last successful update {at:d MMM yyyy 'at' HH:mm} UTC." : "";
}

public sealed record EmployerEntityLine(string Name, bool IsActive);

public sealed record EmployerConnections(Guid EmployerId, string EmployerName, IReadOnlyList<EmployerConnectionCard> Connections);

/// <summary>
/// "Your connections" for employer admins: every employer in the caller's scope (several for a PEO admin) with its
/// live and past connections and their entities. Read through the caller's scope like every other list.
/// </summary>
public sealed class EmployerOverview(EmployerData data)
{
    /// <summary>Employers with more than this many connections belong in the full list, not on cards.</summary>
    public const int MaxConnectionsPerEmployer = 50;

    /// <summary>Why Finch Connect did not open when the employer asked to reconnect or to connect another system, in their words.</summary>
    public static string ReconnectProblem(ConnectLinkResult result) => result switch
    {
        ConnectLinkResult.Failed failed => failed.Message,
        ConnectLinkResult.Invalid invalid => string.Join(" ", invalid.Problems),
        _ => "Finch Connect could not be opened. Try again in a moment.",
    };

    public async Task<IReadOnlyList<EmployerConnections>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await data.OpenAsync(cancellationToken);
        var employers = await db.Employers.AsNoTracking().OrderBy(e => e.Name).Select(e => new { e.Id, e.Name }).Take(50).ToListAsync(cancellationToken);
        var employerIds = employers.Select(e => e.Id).ToList();
        var connections = await db.Connections.AsNoTracking()
            .Where(c => employerIds.Contains(c.EmployerId) && c.State != ConnectionState.Staged)
            .OrderByDescending(c => c.ConnectedAt)
            .Select(c => new
            {
                c.EmployerId, c.Id, c.State, c.CompanyName, c.ProviderName, c.ProviderId, c.Status, c.StatusMessage, c.LastSyncedAt,
                c.ConnectedAt, c.DisconnectedAt, c.Products, c.FinchConnectionId,
            })
            .ToListAsync(cancellationToken);
        var connectionIds = connections.Select(c => c.Id).ToList();
        var entities = (await db.ConnectionEntities.AsNoTracking()
                .Where(e => connectionIds.Contains(e.ConnectionId))
                .OrderBy(e => e.Name)
                .ToListAsync(cancellationToken))
            .ToLookup(e => e.ConnectionId, e => new EmployerEntityLine(e.Name ?? "Unnamed entity", e.IsActive));

        var byEmployer = connections.ToLookup(c => c.EmployerId);
        return employers.Select(e => new EmployerConnections(e.Id, e.Name, byEmployer[e.Id]
                .Take(MaxConnectionsPerEmployer)
                .Select(c => new EmployerConnectionCard(c.Id, c.State, c.CompanyName, c.ProviderName ?? c.ProviderId, c.Status, c.StatusMessage,
                    c.LastSyncedAt, c.ConnectedAt, c.DisconnectedAt, c.Products, c.FinchConnectionId, entities[c.Id].ToList()))
                .ToList()))
            .ToList();
    }
}
