using FinchDashboard.Domain.Connections;

namespace FinchDashboard.Dashboard.Live;

/// <summary>
/// In-process fan-out of the changes <see cref="ConnectionChangeListener"/> hears. Subscribers get every change and
/// filter by their own caller's scope (see the LiveUpdates component); a change carries ids only, never data.
/// </summary>
public sealed class ConnectionChangeFeed(ILogger<ConnectionChangeFeed> logger)
{
    private readonly Lock _gate = new();
    private Action<IReadOnlyList<ConnectionChange>>[] _subscribers = [];

    public IDisposable Subscribe(Action<IReadOnlyList<ConnectionChange>> subscriber)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers, subscriber];
        }
        return new Subscription(this, subscriber);
    }

    public void Publish(IReadOnlyList<ConnectionChange> changes)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            try
            {
                subscriber(changes);
            }
            catch (Exception ex)
            {
                // One broken page must not stop the others hearing about the change.
                logger.LogWarning(ex, "A connection change subscriber failed");
            }
        }
    }

    private void Unsubscribe(Action<IReadOnlyList<ConnectionChange>> subscriber)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers.Where(s => s != subscriber)];
        }
    }

    private sealed class Subscription(ConnectionChangeFeed feed, Action<IReadOnlyList<ConnectionChange>> subscriber) : IDisposable
    {
        public void Dispose() => feed.Unsubscribe(subscriber);
    }
}
