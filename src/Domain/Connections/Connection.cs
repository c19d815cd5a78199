using FinchDashboard.Domain.Employers;
using FinchDashboard.Domain.Finch;

namespace FinchDashboard.Domain.Connections;

/// <summary>
/// One employer's link to one payroll or HRIS provider through Finch, from the Connect session that starts it
/// (Staged) through its life (Live) to its end (Disconnected). Fields hold what Finch last reported.
/// </summary>
/// <remarks>
/// State changes only through the methods below, which keep a connection's invariants: a live connection has a Finch
/// connection id; a disconnected one has the Disconnected status, a time, who ended it and why
/// (Finch, when it was not a dashboard user), and never comes back; whenever the connection counts its entities, <see cref="ActiveEntityCount"/> is the
/// number of active ones. The access token is not part of it: services keep and discard it in the same transaction.
/// </remarks>
public sealed class Connection
{
    /// <summary>Room for any of Finch's provider ids (e.g. <c>adp_workforce_now</c>), with margin.</summary>
    public const int ProviderIdMaxLength = 64;

    /// <summary>Who ended a connection that Finch reported disconnected when no dashboard user asked for it.</summary>
    public const string EndedByFinch = "Finch";

    /// <summary>
    /// Why, as far as Finch's webhook tells: it names no actor, so the connection was ended outside this dashboard, through
    /// Finch (its dashboard or API) or by the employer at the provider.
    /// </summary>
    public const string EndedOutsideDashboard =
        "Finch reported the connection disconnected. It was ended outside this dashboard: through Finch (its dashboard or API) or by the employer, at the provider.";

    /// <summary>Why, when Finch reported every entity disconnected and not all of them were removed from this dashboard.</summary>
    public const string EveryEntityEndedOutsideDashboard =
        "Finch reported every entity disconnected, which ends the connection. It was ended outside this dashboard: through Finch (its dashboard or API) or by the employer, at the provider.";

    /// <summary>Why, when the last entities were removed from this dashboard and Finch then reported the connection ended.</summary>
    public const string EveryEntityRemoved = "Every entity was removed with Disconnect entities, which ends the connection.";

    // EF Core reads rows through this constructor and the private setters.
    private Connection()
    {
    }

    public Guid Id { get; private set; }

    public Guid EmployerId { get; private set; }

    public ConnectionState State { get; private set; }

    /// <summary>Finch's connection_id; null while staged.</summary>
    public string? FinchConnectionId { get; private set; }

    public string? CompanyId { get; private set; }

    public string? CompanyName { get; private set; }

    /// <summary>
    /// Finch's customer_id and customer_name, as sent when the Connect session was created: the connection's own
    /// (<see cref="CustomerIdFor"/>), or the employer's for connections made before each had its own.
    /// </summary>
    public string? CustomerId { get; private set; }

    public string? CustomerName { get; private set; }

    public string? ProviderId { get; private set; }

    public string? ProviderName { get; private set; }

    public ConnectionStatus Status { get; private set; }

    public string? StatusMessage { get; private set; }

    public DateTimeOffset StatusChangedAt { get; private set; }

    /// <summary>
    /// When Finch reported the status we hold (an introspection's time, a webhook's timestamp). A report older than
    /// this is stale and must not move the status backwards.
    /// </summary>
    public DateTimeOffset? StatusReportedAt { get; private set; }

    public ConnectionType ConnectionType { get; private set; }

    /// <summary>
    /// The Finch environment the connection lives in, as Finch reports it; connections never move between
    /// environments. Null until /introspect is first read, which the Connect callback does before anything is stored.
    /// </summary>
    public FinchEnvironment? Environment { get; private set; }

    public int ActiveEntityCount { get; private set; }

    public DateTimeOffset? LastSyncedAt { get; private set; }

    /// <summary>
    /// Until when Finch refuses another forced sync ("Sync now") of this connection, as its refresh quota or a 429
    /// said; null when nothing is known to hold it back.
    /// </summary>
    public DateTimeOffset? NextSyncAllowedAt { get; private set; }

    public DateTimeOffset? ConnectedAt { get; private set; }

    public DateTimeOffset? DisconnectedAt { get; private set; }

    /// <summary>
    /// Who ended it, and why: a dashboard user and the reason they gave, or <see cref="EndedByFinch"/> with what Finch's
    /// report lets us say. Set on every disconnected connection.
    /// </summary>
    public string? DisconnectedBy { get; private set; }

    public string? DisconnectReason { get; private set; }

    public string[] Products { get; private set; } = [];

    // The account details /introspect last reported (IntrospectedAccount), each null until it was read. Staff-only: the
    // username is the employer's sign-in at the provider.

    /// <summary>Finch's <c>connection_type</c>: <c>provider</c> or <c>finch</c> (sandbox data), not <see cref="ConnectionType"/>.</summary>
    public string? FinchConnectionType { get; private set; }

    /// <summary>Finch's <c>manual</c>: the connection uses Assisted Connect.</summary>
    public bool? Manual { get; private set; }

    public string? Username { get; private set; }

    public string? SessionId { get; private set; }

    public DateTimeOffset? SessionExpiresAt { get; private set; }

    public ConnectSessionProgress? SessionProgress { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When /introspect was last read for this connection.</summary>
    public DateTimeOffset? RefreshedAt { get; private set; }

    /// <summary>When the background health check last called /introspect for this connection.</summary>
    public DateTimeOffset? HealthCheckedAt { get; private set; }

    /// <summary>Health checks failed in a row; 0 after a success.</summary>
    public int HealthFailureCount { get; private set; }

    /// <summary>The last failed health check's kind and message, kept until a check succeeds.</summary>
    public HealthCheckFailureKind? LastHealthFailureKind { get; private set; }

    public string? LastHealthFailureMessage { get; private set; }

    /// <summary>Support's last contact with the employer about this connection, and when to follow up. Internal.</summary>
    public DateTimeOffset? ContactedAt { get; private set; }

    public string? ContactedBy { get; private set; }

    public DateOnly? FollowUpOn { get; private set; }

    /// <summary>Lower-cased company, customer and ids, maintained by the database for free-text search.</summary>
    public string SearchText { get; private set; } = "";

    public bool IsMultiEntity => ActiveEntityCount > 1;

    /// <summary>
    /// The customer_id a new connection is created under in Finch: the employer's, then the connection's own id. Finch
    /// refuses a second connection for a customer_id (<c>connection_already_exists</c>), so each of an employer's
    /// systems gets its own; the suffix is the id in the connection's page address, so Finch's dashboard leads back here.
    /// </summary>
    public static string CustomerIdFor(Employer employer, Guid connectionId)
    {
        var suffix = $"/{connectionId}";
        // An employer id too long to fit beside the suffix is shortened: the suffix alone keeps the id unique.
        var room = Employer.CustomerIdMaxLength - suffix.Length;
        return (employer.CustomerId.Length > room ? employer.CustomerId[..room] : employer.CustomerId) + suffix;
    }

    /// <summary>
    /// The row a new Connect session shows as until the employer completes it: pending, with the session's id and
    /// expiry, and no Finch connection yet.
    /// </summary>
    public static Connection Stage(
        Guid id, Employer employer, string? providerId, IEnumerable<string> products, string sessionId, DateTimeOffset sessionExpiresAt,
        DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        return new Connection
        {
            Id = id,
            EmployerId = employer.Id,
            State = ConnectionState.Staged,
            CustomerId = CustomerIdFor(employer, id),
            CustomerName = employer.Name,
            ProviderId = providerId,
            Status = ConnectionStatus.Pending,
            StatusChangedAt = createdAt,
            Products = [.. products],
            SessionId = sessionId,
            SessionExpiresAt = sessionExpiresAt,
            SessionProgress = ConnectSessionProgress.Created,
            CreatedAt = createdAt,
        };
    }

    /// <summary>How far the employer has got with the Connect session, as Finch or the clock tells it.</summary>
    public void RecordSessionProgress(ConnectSessionProgress progress)
    {
        EnsureState(ConnectionState.Staged, "follow a Connect session");
        if (progress == ConnectSessionProgress.Completed)
        {
            throw new ArgumentException($"A Connect session completes through {nameof(CompleteConnectSession)}, with the connection Finch created.", nameof(progress));
        }

        SessionProgress = progress;
    }

    /// <summary>The employer completed Connect: the staged row becomes the live connection Finch created.</summary>
    public void CompleteConnectSession(string finchConnectionId, string? companyId, string? providerId, IEnumerable<string> products, DateTimeOffset connectedAt)
    {
        EnsureState(ConnectionState.Staged, "complete a Connect session");
        ArgumentException.ThrowIfNullOrWhiteSpace(finchConnectionId);
        State = ConnectionState.Live;
        FinchConnectionId = finchConnectionId;
        CompanyId = companyId;
        ProviderId = providerId;
        Products = [.. products];
        ConnectedAt = connectedAt;
        SessionProgress = ConnectSessionProgress.Completed;
    }

    /// <summary>The provider's display name; a name already known is kept.</summary>
    public void NameProvider(string? providerName) => ProviderName ??= providerName;

    /// <summary>
    /// What /introspect reports (and, for a connected connection, the company's legal name) onto the live connection
    /// and its stored <paramref name="entities"/>. Returns the entities Finch reports that were not stored yet, to be added.
    /// </summary>
    public IReadOnlyList<ConnectionEntity> ApplyIntrospection(
        ConnectionIntrospection report, string? companyLegalName, IReadOnlyCollection<ConnectionEntity> entities, DateTimeOffset at)
    {
        // A staged connection has no token yet, and Finch never reactivates a disconnected one (a new Connect makes a
        // new connection): what /introspect says of either must not make it look live.
        EnsureState(ConnectionState.Live, "take what /introspect reports");
        ArgumentException.ThrowIfNullOrWhiteSpace(report.FinchConnectionId, nameof(report));
        EnsureOwn(entities);
        if (report.Status is { } status && status != Status)
        {
            Status = status;
            StatusChangedAt = at;
        }

        // What /introspect says now outranks any webhook signed before it that is still on its way.
        StatusReportedAt = at;
        StatusMessage = report.StatusMessage;
        FinchConnectionId = report.FinchConnectionId;
        CompanyId = report.CompanyId ?? CompanyId;
        ProviderId = report.ProviderId;
        Products = [.. report.Products];
        CustomerId = report.CustomerId ?? CustomerId;
        CustomerName = report.CustomerName ?? CustomerName;
        ConnectionType = report.ConnectionType;
        Environment = report.Environment ?? Environment;
        LastSyncedAt = report.LastSyncedAt ?? LastSyncedAt;
        if (report.Account is { } account)
        {
            // Finch's words, bounded: an unexpected long value must not fail the save of everything else it reported.
            FinchConnectionType = Bounded(account.ConnectionType, IntrospectedAccount.ConnectionTypeMaxLength);
            Manual = account.Manual;
            Username = Bounded(account.Username, IntrospectedAccount.UsernameMaxLength);
        }

        var added = new List<ConnectionEntity>();
        foreach (var reported in report.Entities)
        {
            var existing = entities.FirstOrDefault(e => e.FinchEntityId == reported.FinchEntityId);
            if (existing is null)
            {
                added.Add(new ConnectionEntity(Guid.CreateVersion7(at), Id, EmployerId, reported.FinchEntityId, reported.Name, reported.SourceId, reported.Status));
                continue;
            }

            existing.Apply(reported);
        }

        var activeEntities = entities.Concat(added).Where(e => e.IsActive).ToList();
        ActiveEntityCount = activeEntities.Count;
        // Kept even for multi-entity connections, where the list shows "Multi-entity connection" but search still finds it.
        // A failed company read (a 429, say) keeps the name already known: the legal name may differ from the entity's,
        // and the name shown, searched and typed to confirm a disconnect should not change with Finch's rate limits.
        CompanyName = companyLegalName ?? CompanyName ?? activeEntities.FirstOrDefault()?.Name;
        RefreshedAt = at;
        return added;
    }

    /// <summary>
    /// Finch answered /introspect with 401 <c>reauthenticate_user</c>: the employer must reconnect. The status changes
    /// (and its time) only if it was not Re-auth already; the message is Finch's latest.
    /// </summary>
    public void MarkNeedsReauth(string message, DateTimeOffset at)
    {
        EnsureState(ConnectionState.Live, "need reauthentication");
        if (Status != ConnectionStatus.Reauth)
        {
            Status = ConnectionStatus.Reauth;
            StatusChangedAt = at;
        }

        StatusMessage = message;
        RefreshedAt = at;
    }

    /// <summary>
    /// Points a live connection at another connection in Finch: demo mode creates its connections again in Finch's
    /// sandbox, whose connections last only as long as the emulator runs.
    /// </summary>
    public void AttachFinchConnection(string finchConnectionId, string companyId)
    {
        EnsureState(ConnectionState.Live, "be attached to a connection in Finch");
        ArgumentException.ThrowIfNullOrWhiteSpace(finchConnectionId);
        FinchConnectionId = finchConnectionId;
        CompanyId = companyId;
    }

    /// <summary>
    /// A status Finch reported at <paramref name="reportedAt"/> in a webhook we received at <paramref name="receivedAt"/>.
    /// Only a current report applies (<see cref="StatusReports.Judge"/>), and a disconnected connection cannot come back;
    /// Finch reporting Disconnected ends the connection.
    /// </summary>
    public void ApplyStatusReport(ConnectionStatus status, DateTimeOffset reportedAt, DateTimeOffset receivedAt)
    {
        if (State == ConnectionState.Disconnected)
        {
            throw new InvalidOperationException("The connection is disconnected; a disconnected connection cannot come back.");
        }

        EnsureState(ConnectionState.Live, "take a status report");
        EnsureCurrent(reportedAt, receivedAt, StatusReportedAt);
        StatusReportedAt = reportedAt;
        if (status == Status)
        {
            return;
        }

        if (status == ConnectionStatus.Disconnected)
        {
            End(reportedAt, EndedByFinch, EndedOutsideDashboard);
            return;
        }

        Status = status;
        StatusChangedAt = reportedAt;
        // The message explained the previous status; the webhook carries none for the new one.
        StatusMessage = null;
    }

    /// <summary>
    /// A status Finch reported for one of the connection's <paramref name="entities"/> in a webhook; only a current
    /// report applies. Disconnected entities stay as history; only the count of active ones changes. Returns whether
    /// that left a live connection without entities, which ends it.
    /// </summary>
    public bool ApplyEntityStatusReport(
        ConnectionEntity entity, ConnectionStatus status, DateTimeOffset reportedAt, DateTimeOffset receivedAt, IReadOnlyCollection<ConnectionEntity> entities)
    {
        EnsureOwn(entities);
        if (!entities.Contains(entity))
        {
            throw new ArgumentException("The entity reported on must be among the connection's entities.", nameof(entity));
        }

        EnsureCurrent(reportedAt, receivedAt, entity.StatusReportedAt);
        entity.ReportStatus(status, reportedAt);
        ActiveEntityCount = entities.Count(e => e.IsActive);
        // Finch's /disconnect sends one event per entity and none for the connection (Finch's "Disconnect Connections" guide): with no
        // entity left, the connection has ended, and removing every entity through /disconnect-entity ends it too.
        if (ActiveEntityCount > 0 || State != ConnectionState.Live)
        {
            return false;
        }

        // Everyone who removed an entity here is on it; otherwise someone outside the dashboard ended it.
        var lastRemoved = entities.MaxBy(e => e.DisconnectedAt);
        if (entities.All(e => e.DisconnectedBy is not null) && lastRemoved?.DisconnectedBy is { } by)
        {
            End(reportedAt, by, EveryEntityRemoved);
        }
        else
        {
            End(reportedAt, EndedByFinch, EveryEntityEndedOutsideDashboard);
        }

        return true;
    }

    /// <summary>Finch finished syncing the connection's data at <paramref name="syncedAt"/>; the last sync never moves back.</summary>
    public void RecordSync(DateTimeOffset syncedAt)
    {
        if (LastSyncedAt is null || syncedAt > LastSyncedAt)
        {
            LastSyncedAt = syncedAt;
        }
    }

    /// <summary>Finch will refuse forced syncs until <paramref name="allowedAt"/>: its latest answer replaces what we held.</summary>
    public void HoldSyncsUntil(DateTimeOffset allowedAt) => NextSyncAllowedAt = allowedAt;

    /// <summary>
    /// Finch disconnected the <paramref name="chosen"/> entities (/disconnect-entity) at someone's request: they stay as
    /// history, the others and the token stay, and the connection stays live even with none left (though Finch no longer
    /// bills a connection once every entity is removed).
    /// </summary>
    public void DisconnectEntities(IReadOnlyCollection<ConnectionEntity> chosen, IReadOnlyCollection<ConnectionEntity> entities, string by, DateTimeOffset at)
    {
        EnsureState(ConnectionState.Live, "have entities disconnected");
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        EnsureOwn(entities);
        if (chosen.Count == 0 || chosen.Any(e => !entities.Contains(e) || !e.IsActive))
        {
            throw new ArgumentException("Choose one or more active entities of this connection.", nameof(chosen));
        }

        foreach (var entity in chosen)
        {
            entity.Disconnect(by, at);
        }

        ActiveEntityCount = entities.Count(e => e.IsActive);
    }

    /// <summary>
    /// Finch ended the whole connection (/disconnect) at <paramref name="by"/>'s request, or <paramref name="by"/>
    /// records that Finch had ended it already: every active entity goes with it, and the history stays.
    /// </summary>
    public void Disconnect(string by, string reason, DateTimeOffset at, IReadOnlyCollection<ConnectionEntity> entities)
    {
        EnsureState(ConnectionState.Live, "be disconnected");
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        EnsureOwn(entities);
        foreach (var entity in entities.Where(e => e.IsActive))
        {
            entity.Disconnect(by, at);
        }

        End(at, by, reason);
        ActiveEntityCount = 0;
    }

    public void RecordHealthCheckSucceeded(DateTimeOffset at)
    {
        HealthCheckedAt = at;
        HealthFailureCount = 0;
        LastHealthFailureKind = null;
        LastHealthFailureMessage = null;
    }

    /// <summary>One more failed health check in a row; its kind and message are kept until a check succeeds.</summary>
    public void RecordHealthCheckFailed(HealthCheckFailureKind kind, string? message, DateTimeOffset at)
    {
        HealthCheckedAt = at;
        HealthFailureCount++;
        LastHealthFailureKind = kind;
        LastHealthFailureMessage = message;
    }

    /// <summary>Support contacted the employer about this connection, and may follow up on a date.</summary>
    public void RecordContact(string by, DateOnly? followUpOn, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        ContactedAt = at;
        ContactedBy = by;
        FollowUpOn = followUpOn;
    }

    /// <summary>The one switch to Disconnected, whoever ended the connection, always saying who and why.</summary>
    private void End(DateTimeOffset at, string by, string reason)
    {
        DisconnectedBy = by;
        DisconnectReason = reason;
        State = ConnectionState.Disconnected;
        Status = ConnectionStatus.Disconnected;
        StatusMessage = null;
        StatusChangedAt = at;
        StatusReportedAt = at;
        DisconnectedAt = at;
    }

    private static string? Bounded(string? text, int maxLength) => text is null ? null : TextLimits.Shorten(text, maxLength);

    private void EnsureState(ConnectionState state, string action)
    {
        if (State != state)
        {
            throw new InvalidOperationException(
                $"Only a {state.ToString().ToLowerInvariant()} connection can {action}; this one is {State.ToString().ToLowerInvariant()}.");
        }
    }

    private void EnsureCurrent(DateTimeOffset reportedAt, DateTimeOffset receivedAt, DateTimeOffset? heldSince)
    {
        var verdict = StatusReports.Judge(reportedAt, receivedAt, heldSince, RefreshedAt);
        if (verdict != StatusReportVerdict.Current)
        {
            throw new InvalidOperationException($"The report is not current ({verdict}); an older report must not move the status back.");
        }
    }

    private void EnsureOwn(IEnumerable<ConnectionEntity> entities)
    {
        if (entities.Any(e => e.ConnectionId != Id))
        {
            throw new ArgumentException("Every entity must belong to this connection.", nameof(entities));
        }
    }
}

/// <summary>
/// How far the employer has got with a Connect session (Finch's "Create & View Your Connections" article,
/// "Authentication Progress").
/// </summary>
public enum ConnectSessionProgress
{
    Created,
    Opened,
    Completed,
    Expired,
}
