using FinchDashboard.Dashboard.Data;
using Npgsql;

namespace FinchDashboard.Dashboard.Live;

/// <summary>
/// Holds one PostgreSQL connection that LISTENs for <see cref="ConnectionChangeNotifier.Channel"/> and hands what it
/// hears to <see cref="ConnectionChangeFeed"/>, so a change made by any instance reaches pages open on this one.
/// Reconnects after the database goes away.
/// </summary>
public sealed class ConnectionChangeListener(
    NpgsqlDataSource dataSource, ConnectionChangeFeed feed, ILogger<ConnectionChangeListener> logger) : BackgroundService
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(2);

    private volatile bool _listening;

    /// <summary>Whether changes made anywhere reach this instance now; false until the first LISTEN and while reconnecting.</summary>
    public bool IsListening => _listening;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => feed.Publish(ConnectionChangeNotifier.Parse(e.Payload));
                await using (var listen = new NpgsqlCommand($"LISTEN {ConnectionChangeNotifier.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                _listening = true;
                logger.LogInformation("Listening for connection changes");
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or IOException or InvalidOperationException)
            {
                _listening = false;
                logger.LogWarning(ex, "Lost the connection-change listener's database connection; reconnecting");
                await Task.Delay(ReconnectDelay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
