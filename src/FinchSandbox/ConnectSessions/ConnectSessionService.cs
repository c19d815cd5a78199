using FinchDashboard.FinchSandbox.Api;
using FinchDashboard.FinchSandbox.State;
using static FinchDashboard.FinchSandbox.ConnectSessions.ConnectSessionEndpoints;

namespace FinchDashboard.FinchSandbox.ConnectSessions;

public sealed class ConnectSessionService(SandboxStore store, TimeProvider time)
{
    /// <summary>SDK defaults: 90 days for a new session, 30 days for reauthentication.</summary>
    private const int DefaultNewMinutes = 129_600;
    private const int DefaultReauthMinutes = 43_200;

    public Outcome<ConnectSession> Create(NewSessionRequest request)
    {
        if (ValidateNew(request) is { } error) return Outcome<ConnectSession>.Fail(FinchErrors.InvalidRequest(error));

        lock (store.Gate)
        {
            // Finch steers a second session for the same customer to reauthentication (Finch's "Integrate Finch Connect Into
            // Your Application" guide, "Configure Finch Connect").
            var existing = store.Connections.Values.FirstOrDefault(c => c.IsLive && c.CustomerId == request.CustomerId);
            if (existing is not null)
            {
                return Outcome<ConnectSession>.Fail(FinchErrors.Create(400, "bad_request", "connection_already_exists",
                    $"There's an existing connection for the customer_id: {request.CustomerId}. Please use the /connect/sessions/reauthenticate endpoint instead.",
                    new Dictionary<string, string?> { ["customer_id"] = request.CustomerId, ["connection_id"] = existing.Id }));
            }

            var now = time.GetUtcNow();
            var session = new ConnectSession
            {
                Id = SandboxStore.NewId(),
                Type = "connect",
                CustomerId = request.CustomerId,
                CustomerName = request.CustomerName,
                CustomerEmail = request.CustomerEmail,
                Products = [.. request.Products!.Distinct()],
                IntegrationProvider = request.Integration?.Provider,
                IntegrationAuthMethod = request.Integration?.AuthMethod,
                Manual = request.Manual ?? false,
                RedirectUri = request.RedirectUri,
                Sandbox = request.Sandbox,
                CreatedAt = now,
                ExpiresAt = now.AddMinutes(request.MinutesToExpire ?? DefaultNewMinutes),
            };
            store.Sessions[session.Id] = session;
            return session;
        }
    }

    public Outcome<ConnectSession> CreateReauthentication(ReauthenticateRequest request)
    {
        if (ValidateReauthentication(request) is { } error) return Outcome<ConnectSession>.Fail(FinchErrors.InvalidRequest(error));

        lock (store.Gate)
        {
            if (!store.Connections.TryGetValue(request.ConnectionId!, out var connection))
                return Outcome<ConnectSession>.Fail(FinchErrors.NotFound($"No connection with id '{request.ConnectionId}'."));
            // Finch's "Disconnect Connections" guide: after /disconnect there is no way back; a new connect session is required.
            if (connection.Disconnected)
                return Outcome<ConnectSession>.Fail(FinchErrors.InvalidRequest(
                    $"Connection '{connection.Id}' was disconnected and cannot be reauthenticated; create a new connect session."));

            var now = time.GetUtcNow();
            var session = new ConnectSession
            {
                Id = SandboxStore.NewId(),
                Type = "reauthenticate",
                CustomerId = connection.CustomerId,
                CustomerName = connection.CustomerName,
                CustomerEmail = connection.CustomerEmail,
                Products = request.Products is { Count: > 0 } ? [.. request.Products.Distinct()] : [.. connection.Products],
                IntegrationProvider = connection.ProviderId,
                Manual = connection.Manual,
                RedirectUri = request.RedirectUri,
                CreatedAt = now,
                ExpiresAt = now.AddMinutes(request.MinutesToExpire ?? DefaultReauthMinutes),
                ConnectionId = connection.Id,
            };
            store.Sessions[session.Id] = session;
            return session;
        }
    }

    public SessionStatusResponse? Describe(string sessionId)
    {
        lock (store.Gate)
        {
            if (!store.Sessions.TryGetValue(sessionId, out var s)) return null;
            return new SessionStatusResponse(s.Id, s.Type, s.EffectiveStatus(time.GetUtcNow()), s.CustomerId, s.CustomerName,
                s.Products, s.RedirectUri, s.ConnectionId, s.CreatedAt, s.ExpiresAt, s.OpenedAt, s.CompletedAt);
        }
    }
}
