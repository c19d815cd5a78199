using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using FinchDashboard.Domain.Finch;

namespace FinchDashboard.Tests;

/// <summary>
/// A connection of <paramref name="employer"/> in <paramref name="state"/>, built the way real ones get there: a
/// Connect link stages it, the employer completes Connect, Finch reports on it, health checks fail, Finch ends it.
/// Unless shaped otherwise a live one is Connected, read from Finch an hour ago, with one active entity and one
/// removed one. A Pending one that nothing else is said about is as Connect left it: never read, without entities.
/// </summary>
public sealed class ConnectionBuilder(Employer employer, ConnectionState state)
{
    private static readonly string[] Products = ["company", "directory"];

    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private readonly List<(HealthCheckFailureKind Kind, string? Message, DateTimeOffset? At)> _failedHealthChecks = [];
    private string _finchConnectionId = Guid.NewGuid().ToString();
    private string? _companyName;
    private string? _companyId;
    private string? _providerId;
    private string? _providerName;
    private ConnectionStatus _status = ConnectionStatus.Connected;
    private DateTimeOffset? _statusSince;
    private string? _statusMessage;
    private ConnectionType _type = ConnectionType.Automated;
    private DateTimeOffset? _lastSyncedAt;
    private DateTimeOffset? _connectedAt;
    private int _activeEntities = 1;
    private bool _reported;
    private string? _sessionId;
    private DateTimeOffset? _sessionExpiresAt;
    private ConnectSessionProgress _sessionProgress = ConnectSessionProgress.Created;
    private DateTimeOffset? _disconnectedAt;
    private (string By, string Reason)? _disconnectedBy;
    private IntrospectedAccount? _account;
    private FinchEnvironment? _environment;

    public ConnectionBuilder FinchConnectionId(string finchConnectionId)
    {
        _finchConnectionId = finchConnectionId;
        return this;
    }

    /// <summary>The company's name as Finch reports it; its first entity carries the same name.</summary>
    public ConnectionBuilder Company(string? name)
    {
        _companyName = name;
        _reported = true;
        return this;
    }

    /// <summary>Finch's company id (a new one unless said), e.g. the same company reached by two connections.</summary>
    public ConnectionBuilder CompanyId(string companyId)
    {
        _companyId = companyId;
        return this;
    }

    public ConnectionBuilder Provider(string id, string name)
    {
        _providerId = id;
        _providerName = name;
        return this;
    }

    /// <summary>What Finch reports, since when (an hour ago unless said), and why.</summary>
    public ConnectionBuilder Status(ConnectionStatus status, DateTimeOffset? since = null, string? message = null)
    {
        if (status == ConnectionStatus.Disconnected)
        {
            throw new ArgumentException("A disconnected connection is built in ConnectionState.Disconnected.", nameof(status));
        }

        _status = status;
        _statusSince = since;
        _statusMessage = message;
        _reported |= message is not null;
        return this;
    }

    public ConnectionBuilder Type(ConnectionType type)
    {
        _type = type;
        _reported = true;
        return this;
    }

    /// <summary>What /introspect says of the account behind the token: its connection_type, manual and username.</summary>
    public ConnectionBuilder Account(IntrospectedAccount account)
    {
        _account = account;
        _reported = true;
        return this;
    }

    /// <summary>The Finch environment /introspect's client_type names.</summary>
    public ConnectionBuilder Environment(FinchEnvironment environment)
    {
        _environment = environment;
        _reported = true;
        return this;
    }

    public ConnectionBuilder LastSynced(DateTimeOffset at)
    {
        _lastSyncedAt = at;
        _reported = true;
        return this;
    }

    public ConnectionBuilder ConnectedAt(DateTimeOffset at)
    {
        _connectedAt = at;
        return this;
    }

    public ConnectionBuilder ActiveEntities(int count)
    {
        _activeEntities = count;
        _reported = true;
        return this;
    }

    /// <summary>Health checks failed <paramref name="inARow"/> times, the last at <paramref name="at"/> (when Finch was read unless said).</summary>
    public ConnectionBuilder FailingHealthChecks(int inARow, HealthCheckFailureKind kind, string? message = null, DateTimeOffset? at = null)
    {
        _failedHealthChecks.AddRange(Enumerable.Repeat((kind, message, at), inARow));
        return this;
    }

    /// <summary>The Connect session of a staged row.</summary>
    public ConnectionBuilder Session(string sessionId, ConnectSessionProgress progress, DateTimeOffset? expiresAt = null)
    {
        _sessionId = sessionId;
        _sessionProgress = progress;
        _sessionExpiresAt = expiresAt;
        return this;
    }

    /// <summary>When Finch reported a disconnected connection disconnected (now unless said).</summary>
    public ConnectionBuilder DisconnectedAt(DateTimeOffset at)
    {
        _disconnectedAt = at;
        return this;
    }

    /// <summary>A disconnected connection ended from the dashboard by <paramref name="by"/>, rather than reported ended by Finch.</summary>
    public ConnectionBuilder DisconnectedBy(string by, string reason)
    {
        _disconnectedBy = (by, reason);
        return this;
    }

    /// <summary>The connection and the entities Finch reported for it, to be stored with it.</summary>
    public (Connection Connection, IReadOnlyList<ConnectionEntity> Entities) Build()
    {
        var disconnectedAt = _disconnectedAt ?? _now;
        var readAt = _statusSince ?? (state == ConnectionState.Disconnected ? disconnectedAt : _now).AddHours(-1);
        var connectedAt = _connectedAt ?? readAt;
        // Every connection is pending from the moment it is staged, so one still pending has been since then.
        var stagedAt = _status == ConnectionStatus.Pending ? readAt : connectedAt;
        var id = Guid.CreateVersion7(stagedAt);
        var connection = Connection.Stage(
            id, employer, _providerId, Products, _sessionId ?? $"sess_{id:N}", _sessionExpiresAt ?? stagedAt.AddDays(30), stagedAt);
        connection.NameProvider(_providerName);
        if (state == ConnectionState.Staged)
        {
            if (_sessionProgress != ConnectSessionProgress.Created)
            {
                connection.RecordSessionProgress(_sessionProgress);
            }

            return (connection, []);
        }

        var companyId = _companyId ?? Guid.NewGuid().ToString();
        connection.CompleteConnectSession(_finchConnectionId, companyId, _providerId, Products, connectedAt);
        IReadOnlyList<ConnectionEntity> entities = [];
        if (_reported || _status != ConnectionStatus.Pending)
        {
            var reportedEntities = Enumerable.Range(0, _activeEntities)
                .Select(_ => new IntrospectedEntity(Guid.NewGuid().ToString(), _companyName, null, ConnectionStatus.Connected.WireName()))
                .Append(new IntrospectedEntity(Guid.NewGuid().ToString(), "Removed subsidiary", null, ConnectionStatus.Disconnected.WireName()))
                .ToList();
            var report = new ConnectionIntrospection(
                _finchConnectionId, _status, _statusMessage, companyId, _providerId, Products, null, null, _type, _lastSyncedAt, reportedEntities, _account)
            {
                Environment = _environment,
            };
            entities = connection.ApplyIntrospection(report, _companyName, [], readAt);
        }

        foreach (var (kind, message, at) in _failedHealthChecks)
        {
            connection.RecordHealthCheckFailed(kind, message, at ?? readAt);
        }

        if (state == ConnectionState.Disconnected && _disconnectedBy is var (by, reason))
        {
            connection.Disconnect(by, reason, disconnectedAt, entities);
        }
        else if (state == ConnectionState.Disconnected)
        {
            connection.ApplyStatusReport(ConnectionStatus.Disconnected, disconnectedAt, disconnectedAt);
        }

        return (connection, entities);
    }
}
