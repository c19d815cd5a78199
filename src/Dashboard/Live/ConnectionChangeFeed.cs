using System.Diagnostics;
using System.Threading.Channels;
using FinchDashboard.Domain.Connections;

namespace FinchDashboard.Dashboard.Live;

/// <summary>
/// In-process fan-out of the changes <see cref="ConnectionChangeListener"/> hears, in batches: a burst (a webhook storm, a
/// bulk disconnect) reaches each page once, not once per change. A batch closes when no change has come for
/// <see cref="Quiet"/>, or <see cref="Longest"/> after it opened, whichever is first. Subscribers get every change and
/// filter by their own caller's scope (see the LiveConnectionUpdates component); a change carries ids only, never data.
/// </summary>
public sealed class ConnectionChangeFeed(ILogger<ConnectionChangeFeed> logger) : BackgroundService
{
    /// <summary>Short enough that a lone change shows at once, long enough to gather the rest of its burst.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(50);

    /// <summary>A steady stream of changes still reaches pages this often.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromMilliseconds(250);

    private readonly Channel<IReadOnlyList<ConnectionChange>> _heard =
        Channel.CreateUnbounded<IReadOnlyList<ConnectionChange>>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Lock _gate = new();
    private Action<ConnectionChangeBatch>[] _subscribers = [];
    private long _sequence;

    public IDisposable Subscribe(Action<ConnectionChangeBatch> subscriber)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers, subscriber];
        }
        return new Subscription(this, subscriber);
    }

    /// <summary>Hands heard changes to the next batch.</summary>
    public void Publish(IReadOnlyList<ConnectionChange> changes) => _heard.Writer.TryWrite(changes);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _heard.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                var changes = ConnectionChange.Merge(await GatherAsync(reader, stoppingToken));
                if (changes.Count > 0)
                {
                    Deliver(new ConnectionChangeBatch(++_sequence, changes));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: pages are closing with the process.
        }
    }

    private static async Task<List<ConnectionChange>> GatherAsync(ChannelReader<IReadOnlyList<ConnectionChange>> reader, CancellationToken stoppingToken)
    {
        var batch = new List<ConnectionChange>();
        var openedAt = Stopwatch.GetTimestamp();
        while (true)
        {
            while (reader.TryRead(out var changes))
            {
                batch.AddRange(changes);
            }

            var left = Longest - Stopwatch.GetElapsedTime(openedAt);
            if (left <= TimeSpan.Zero)
            {
                return batch;
            }

            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            quiet.CancelAfter(left < Quiet ? left : Quiet);
            try
            {
                await reader.WaitToReadAsync(quiet.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                return batch;
            }
        }
    }

    private void Deliver(ConnectionChangeBatch batch)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            try
            {
                subscriber(batch);
            }
            catch (Exception ex)
            {
                // One broken page must not stop the others hearing about the change.
                logger.LogWarning(ex, "A connection change subscriber failed");
            }
        }
    }

    private void Unsubscribe(Action<ConnectionChangeBatch> subscriber)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers.Where(s => s != subscriber)];
        }
    }

    private sealed class Subscription(ConnectionChangeFeed feed, Action<ConnectionChangeBatch> subscriber) : IDisposable
    {
        public void Dispose() => feed.Unsubscribe(subscriber);
    }
}
