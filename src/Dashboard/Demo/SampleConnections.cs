using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;

namespace FinchDashboard.Dashboard.Demo;

/// <summary>A connection with the rows that hang off it, generated for demo mode and the benchmark.</summary>
public sealed record SampleConnection(
    Connection Connection,
    IReadOnlyList<ConnectionEntity> Entities,
    IReadOnlyList<ConnectionAuthenticationMethod> AuthenticationMethods,
    IReadOnlyList<ConnectionEvent> Events);

/// <summary>
/// Realistic connections: automated and assisted providers, multi-entity connections with some entities
/// disconnected, re-auth and error states, never-synced connections, open and expired Connect sessions, and
/// disconnected connections. Deterministic for a given seed.
/// </summary>
public static class SampleConnections
{
    private sealed record Provider(string Id, string Name, AuthenticationMethodType[] Methods, bool MultiEntity);

    // The same catalogue as the FinchSandbox emulator, so demo connections can be created there too.
    private static readonly Provider[] Providers =
    [
        new("gusto", "Gusto", [AuthenticationMethodType.Oauth], false),
        new("adp_run", "ADP Run", [AuthenticationMethodType.Credential, AuthenticationMethodType.Assisted], true),
        new("adp_workforce_now", "ADP Workforce Now", [AuthenticationMethodType.ApiToken, AuthenticationMethodType.Assisted], true),
        new("paychex_flex", "Paychex Flex", [AuthenticationMethodType.Credential, AuthenticationMethodType.ApiToken], true),
        new("paylocity", "Paylocity", [AuthenticationMethodType.Credential, AuthenticationMethodType.ApiToken, AuthenticationMethodType.Assisted], true),
        new("bamboo_hr", "BambooHR", [AuthenticationMethodType.ApiToken, AuthenticationMethodType.Oauth], false),
        new("rippling", "Rippling", [AuthenticationMethodType.Oauth], false),
        new("justworks", "Justworks", [AuthenticationMethodType.Credential], false),
        new("trinet", "TriNet", [AuthenticationMethodType.Assisted], false),
        new("insperity", "Insperity", [AuthenticationMethodType.Assisted], true),
    ];

    /// <summary>
    /// The method a demo connection to <paramref name="providerId"/> signs in with: the provider's first automated one, as
    /// Finch's sandbox creates connections only with a method the provider supports.
    /// </summary>
    public static AuthenticationMethodType AutomatedMethodOf(string providerId) =>
        Providers.Single(p => p.Id == providerId).Methods.First(m => m != AuthenticationMethodType.Assisted);

    private static readonly string[] ProductSets = ["company directory individual employment", "company directory individual employment payment pay_statement", "company directory benefits", "company directory individual employment payment pay_statement benefits ssn"];

    private static readonly string[] Suffixes = ["Holdings", "Group", "LLC", "Inc.", "Partners", "Services", "Co."];

    public static IEnumerable<SampleConnection> Generate(int seed, IReadOnlyList<Employer> employers, int count, DateTimeOffset now)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var employer = employers[i % employers.Count];
            yield return Build(random, employer, i, now);
        }
    }

    private static SampleConnection Build(Random random, Employer employer, int index, DateTimeOffset now)
    {
        var provider = Providers[random.Next(Providers.Length)];
        var id = Guid.CreateVersion7(now.AddMinutes(-index));
        var roll = random.Next(100);
        var state = roll switch
        {
            < 78 => ConnectionState.Live,
            < 90 => ConnectionState.Staged,
            _ => ConnectionState.Disconnected,
        };
        var sessionExpired = random.Next(4) == 0;
        var createdAt = state == ConnectionState.Staged
            ? now.AddHours(sessionExpired ? -random.Next(15 * 24, 60 * 24) : -random.Next(1, 72))
            : now.AddDays(-random.Next(1, 700)).AddMinutes(-random.Next(0, 1440));
        var products = ProductSets[random.Next(ProductSets.Length)].Split(' ');

        if (state == ConnectionState.Staged)
        {
            var preselected = random.Next(3) == 0;
            var staged = Connection.Stage(id, employer, preselected ? provider.Id : null, products, $"sess_{id:N}", createdAt.AddDays(14), createdAt);
            staged.NameProvider(preselected ? provider.Name : null);
            var progress = sessionExpired ? ConnectSessionProgress.Expired : random.Next(2) == 0 ? ConnectSessionProgress.Created : ConnectSessionProgress.Opened;
            if (progress != ConnectSessionProgress.Created)
            {
                staged.RecordSessionProgress(progress);
            }

            return new SampleConnection(staged, [], [], [
                Timeline.Event(staged, createdAt, "Connect link created", "Max Manager")]);
        }

        // Drawn in a fixed order, so a seed always gives the same connections.
        var companyName = $"{employer.Name.Split(' ')[0]} {Suffixes[random.Next(Suffixes.Length)]}";
        var connectedAt = createdAt.AddMinutes(random.Next(5, 600));
        var refreshedAt = now.AddMinutes(-random.Next(5, 600));
        var statusRoll = random.Next(100);
        var status = provider.Methods.All(m => m == AuthenticationMethodType.Assisted) && statusRoll < 30
            ? ConnectionStatus.Pending
            : statusRoll switch
            {
                < 70 => ConnectionStatus.Connected,
                < 80 => ConnectionStatus.Reauth,
                < 85 => ConnectionStatus.ErrorPermissions,
                < 89 => ConnectionStatus.ErrorNoAccountSetup,
                < 95 => ConnectionStatus.Pending,
                _ => ConnectionStatus.Processing,
            };
        var statusMessage = status switch
        {
            ConnectionStatus.Reauth => "The employer changed their password; re-authentication is required.",
            ConnectionStatus.ErrorPermissions => "The account used lacks permission to read payroll data.",
            ConnectionStatus.ErrorNoAccountSetup => "No Finch account has been set up in the provider yet.",
            _ => null,
        };
        var statusChangedAt = status == ConnectionStatus.Connected ? connectedAt : now.AddHours(-random.Next(1, 24 * 10));
        DateTimeOffset? lastSyncedAt = status is ConnectionStatus.Pending || random.Next(10) == 0
            ? null
            : now.AddMinutes(-random.Next(5, 60 * 24 * 8));
        var entityCount = provider.MultiEntity && random.Next(3) == 0 ? random.Next(2, 5) : 1;
        var reportedEntities = new List<IntrospectedEntity>();
        for (var e = 0; e < entityCount; e++)
        {
            var disconnectedEntity = entityCount > 1 && e == entityCount - 1 && random.Next(2) == 0;
            reportedEntities.Add(new IntrospectedEntity(
                Guid.NewGuid().ToString(),
                e == 0 ? companyName : $"{companyName} {(char)('A' + e)}",
                random.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                (disconnectedEntity ? ConnectionStatus.Disconnected : ConnectionStatus.Connected).WireName()));
        }

        // Its life so far: the employer completed Connect, Finch reported the connection connected and later in its
        // current status, and the dashboard last read it at refreshedAt.
        var finchConnectionId = Guid.NewGuid().ToString();
        var companyId = Guid.NewGuid().ToString();
        var connection = Connection.Stage(id, employer, provider.Id, products, $"sess_{id:N}", createdAt.AddDays(14), createdAt);
        connection.NameProvider(provider.Name);
        connection.CompleteConnectSession(finchConnectionId, companyId, provider.Id, products, connectedAt);
        var legalName = entityCount > 1 ? "Multi-entity connection" : companyName;
        ConnectionIntrospection Report(ConnectionStatus reported, string? message) => new(
            finchConnectionId, reported, message, companyId, provider.Id, products, null, null, ConnectionTypes.From(provider.Methods), lastSyncedAt,
            reportedEntities);
        var entities = connection.ApplyIntrospection(Report(ConnectionStatus.Connected, null), legalName, [], connectedAt);
        connection.ApplyIntrospection(Report(status, statusMessage), legalName, entities, statusChangedAt);
        connection.ApplyIntrospection(Report(status, statusMessage), legalName, entities, refreshedAt);

        var events = new List<ConnectionEvent> { Timeline.Event(connection, connectedAt, $"Connected through {provider.Name}", "Finch") };
        if (lastSyncedAt is { } synced)
        {
            events.Add(Timeline.Event(connection, synced, "Data sync completed", "Finch"));
        }

        if (status != ConnectionStatus.Connected)
        {
            events.Add(Timeline.Event(connection, statusChangedAt, $"Status changed to {status.DisplayName()}", "Finch"));
        }

        if (state == ConnectionState.Disconnected)
        {
            var disconnectedAt = connectedAt.AddDays(random.Next(1, 200));
            // Every other one was ended outside the dashboard, as Finch's webhook reports it (after the last read, or it would be stale).
            if (index % 2 == 0)
            {
                connection.ApplyStatusReport(ConnectionStatus.Disconnected, refreshedAt.AddMinutes(1), refreshedAt.AddMinutes(1));
                events.Add(Timeline.Event(connection, refreshedAt.AddMinutes(1), "Finch reports the connection disconnected", "Finch"));
            }
            else
            {
                connection.Disconnect("Ada Admin", "The employer changed payroll provider", disconnectedAt, entities);
                events.Add(Timeline.Event(connection, disconnectedAt, "Connection disconnected: the employer changed payroll provider", "Ada Admin"));
            }
        }

        var methods = provider.Methods.Select(type => new ConnectionAuthenticationMethod(
            Guid.CreateVersion7(), id, employer.Id, type, connection.Status, connection.StatusMessage, connection.LastSyncedAt, products)).ToList();
        return new SampleConnection(connection, entities, methods, events);
    }
}
