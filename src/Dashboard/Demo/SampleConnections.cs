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

        var connection = new Connection
        {
            Id = id,
            EmployerId = employer.Id,
            State = state,
            CustomerId = employer.CustomerId,
            CustomerName = employer.Name,
            CreatedAt = createdAt,
            Products = products,
            StatusChangedAt = createdAt,
        };

        if (state == ConnectionState.Staged)
        {
            var preselected = random.Next(3) == 0;
            connection.ProviderId = preselected ? provider.Id : null;
            connection.ProviderName = preselected ? provider.Name : null;
            connection.Status = ConnectionStatus.Pending;
            connection.SessionId = $"sess_{id:N}";
            connection.SessionExpiresAt = createdAt.AddDays(14);
            connection.SessionProgress = sessionExpired ? ConnectSessionProgress.Expired : random.Next(2) == 0 ? ConnectSessionProgress.Created : ConnectSessionProgress.Opened;
            return new SampleConnection(connection, [], [], [
                Timeline.Event(connection, createdAt, "Connect link created", "Max Manager")]);
        }

        var companyName = $"{employer.Name.Split(' ')[0]} {Suffixes[random.Next(Suffixes.Length)]}";
        connection.ProviderId = provider.Id;
        connection.ProviderName = provider.Name;
        connection.FinchConnectionId = Guid.NewGuid().ToString();
        connection.CompanyId = Guid.NewGuid().ToString();
        connection.CompanyName = companyName;
        connection.ConnectedAt = createdAt.AddMinutes(random.Next(5, 600));
        connection.ConnectionType = ConnectionTypes.From(provider.Methods);
        connection.RefreshedAt = now.AddMinutes(-random.Next(5, 600));

        var statusRoll = random.Next(100);
        connection.Status = provider.Methods.All(m => m == AuthenticationMethodType.Assisted) && statusRoll < 30
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
        connection.StatusMessage = connection.Status switch
        {
            ConnectionStatus.Reauth => "The employer changed their password; re-authentication is required.",
            ConnectionStatus.ErrorPermissions => "The account used lacks permission to read payroll data.",
            ConnectionStatus.ErrorNoAccountSetup => "No Finch account has been set up in the provider yet.",
            _ => null,
        };
        connection.StatusChangedAt = connection.Status == ConnectionStatus.Connected
            ? connection.ConnectedAt.Value
            : now.AddHours(-random.Next(1, 24 * 10));
        connection.LastSyncedAt = connection.Status is ConnectionStatus.Pending || random.Next(10) == 0
            ? null
            : now.AddMinutes(-random.Next(5, 60 * 24 * 8));

        var entityCount = provider.MultiEntity && random.Next(3) == 0 ? random.Next(2, 5) : 1;
        var entities = new List<ConnectionEntity>();
        for (var e = 0; e < entityCount; e++)
        {
            var disconnectedEntity = entityCount > 1 && e == entityCount - 1 && random.Next(2) == 0;
            entities.Add(new ConnectionEntity
            {
                Id = Guid.CreateVersion7(),
                ConnectionId = id,
                EmployerId = employer.Id,
                FinchEntityId = Guid.NewGuid().ToString(),
                Name = e == 0 ? companyName : $"{companyName} {(char)('A' + e)}",
                SourceId = random.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Status = disconnectedEntity ? "disconnected" : "connected",
            });
        }

        if (entities.Count > 1)
        {
            connection.CompanyName = "Multi-entity connection";
        }

        var events = new List<ConnectionEvent> { Timeline.Event(connection, connection.ConnectedAt.Value, $"Connected through {provider.Name}", "Finch") };
        if (connection.LastSyncedAt is { } synced)
        {
            events.Add(Timeline.Event(connection, synced, "Data sync completed", "Finch"));
        }

        if (connection.Status != ConnectionStatus.Connected)
        {
            events.Add(Timeline.Event(connection, connection.StatusChangedAt, $"Status changed to {connection.Status.DisplayName()}", "Finch"));
        }

        if (state == ConnectionState.Disconnected)
        {
            connection.Status = ConnectionStatus.Disconnected;
            connection.DisconnectedAt = connection.ConnectedAt.Value.AddDays(random.Next(1, 200));
            foreach (var entity in entities)
            {
                entity.Status = "disconnected";
            }

            events.Add(Timeline.Event(connection, connection.DisconnectedAt.Value, "Connection disconnected: the employer changed payroll provider", "Ada Admin"));
        }

        connection.ActiveEntityCount = entities.Count(e => e.IsActive);
        var methods = provider.Methods.Select(type => new ConnectionAuthenticationMethod
        {
            Id = Guid.CreateVersion7(),
            ConnectionId = id,
            EmployerId = employer.Id,
            Type = type,
            Status = connection.Status,
            StatusMessage = connection.StatusMessage,
            LastSuccessfulSync = connection.LastSyncedAt,
            Products = products,
        }).ToList();
        return new SampleConnection(connection, entities, methods, events);
    }
}
