using System.Threading.Channels;

namespace FinchDashboard.Dashboard.Webhooks;

/// <summary>Wakes this instance's <see cref="WebhookProcessor"/> when an event is stored; many wake-ups fold into one.</summary>
public sealed class WebhookSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long _lastNotifiedAt = long.MinValue / 2;

    public void Notify()
    {
        Volatile.Write(ref _lastNotifiedAt, Environment.TickCount64);
        _channel.Writer.TryWrite(true);
    }

    /// <summary>Whether an event was stored within the last <paramref name="period"/>: deliveries are still arriving.</summary>
    public bool NotifiedWithin(TimeSpan period) => Environment.TickCount64 - Volatile.Read(ref _lastNotifiedAt) < period.TotalMilliseconds;

    /// <summary>Returns when notified or after <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _channel.Reader.WaitToReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed without a wake-up.
        }

        _channel.Reader.TryRead(out _);
    }
}
