using System.Threading.Channels;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Live;
using FinchDashboard.Domain.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Live;

/// <summary>Hears the batches an instance's <see cref="ConnectionChangeFeed"/> hands to its pages.</summary>
public static class FeedListener
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Changes saved before (the test's own set-up among them) can still be on their way in a batch; a marker announced
    /// now arrives after all of them, so whatever is read after it was saved after it.
    /// </summary>
    public static async Task<ChannelReader<ConnectionChangeBatch>> ListenAfterEarlierChangesAsync(DashboardFactory app)
    {
        var channel = Channel.CreateUnbounded<ConnectionChangeBatch>();
        app.Services.GetRequiredService<ConnectionChangeFeed>().Subscribe(batch => channel.Writer.TryWrite(batch));
        var marker = new ConnectionChange(Guid.NewGuid(), Guid.NewGuid(), ConnectionChangeKind.Details);
        await using (var scope = app.Services.CreateAsyncScope())
        await using (var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync())
        {
            await app.Services.GetRequiredService<ConnectionChangeNotifier>().NotifyAsync(db, [marker]);
        }

        await NextBatchForAsync(channel.Reader, marker.ConnectionId);
        return channel.Reader;
    }

    public static async Task<ConnectionChangeBatch> NextBatchForAsync(ChannelReader<ConnectionChangeBatch> heard, Guid connectionId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var batch = await heard.ReadAsync(timeout.Token);
            if (batch.Changes.Any(c => c.ConnectionId == connectionId))
            {
                return batch;
            }
        }
    }
}
