using FinchDashboard.FinchSandbox.Auth;

namespace FinchDashboard.FinchSandbox.Faults;

public sealed record LoggedRequest(string Method, string Path);

/// <summary>
/// Which calls each connection's tokens made, so a test can count what a client asks of Finch (e.g. per page view).
/// Kept only with fault injection on; the newest <see cref="KeptPerConnection"/> calls per connection.
/// </summary>
public sealed class RequestLog
{
    public const int KeptPerConnection = 1000;

    private readonly Dictionary<string, Queue<LoggedRequest>> _byConnection = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Record(string connectionId, LoggedRequest request)
    {
        lock (_gate)
        {
            if (!_byConnection.TryGetValue(connectionId, out var requests))
                _byConnection[connectionId] = requests = new Queue<LoggedRequest>();
            requests.Enqueue(request);
            if (requests.Count > KeptPerConnection) requests.Dequeue();
        }
    }

    public IReadOnlyList<LoggedRequest> Of(string connectionId)
    {
        lock (_gate)
        {
            return _byConnection.TryGetValue(connectionId, out var requests) ? [.. requests] : [];
        }
    }

    /// <summary>Runs after authentication, so the token (and with it the connection) of each call is known.</summary>
    public sealed class Middleware(RequestDelegate next, RequestLog log)
    {
        public async Task InvokeAsync(HttpContext context)
        {
            await next(context);
            if (context.FindAccessToken() is { } token)
                log.Record(token.ConnectionId, new LoggedRequest(context.Request.Method, context.Request.Path.Value ?? "/"));
        }
    }
}
