using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.BankAccounts;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Shell;
using FinchDashboard.Dashboard.Telemetry;
using FinchDashboard.Dashboard.Tokens;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Finch;
using FinchDashboard.Domain.Operations;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Operations;

/// <summary>How many values one secret setting holds; the values themselves never leave configuration.</summary>
public sealed record SecretState(string Setting, int Count)
{
    public bool IsSet => Count > 0;
}

/// <summary>What the operator page shows, read at one moment.</summary>
public sealed record SystemOverview(
    string InstanceName,
    DateTimeOffset StartedAt,
    IReadOnlyList<DashboardInstance> Instances,
    IReadOnlyList<FinchCircuit> Circuits,
    IReadOnlyList<SecretState> Secrets,
    FinchEnvironment FinchEnvironment,
    string FinchBaseUrl,
    DateTimeOffset ReadAt);

/// <summary>The operator page's reads, for callers with <see cref="Permission.ViewSystem"/> only.</summary>
public sealed class SystemStatus(
    CurrentCaller currentCaller,
    InstanceHeartbeat heartbeat,
    MetricsHistory history,
    FinchCircuits circuits,
    IOptions<FinchOptions> finch,
    IOptions<FinchEnvironmentOptions> environment,
    IOptions<StripeOptions> stripe,
    IOptions<TokenEncryptionOptions> tokenKeys,
    IConfiguration configuration,
    TimeProvider clock)
{
    /// <summary>The overview, or null when the caller may not see it.</summary>
    public async Task<SystemOverview?> GetAsync(CancellationToken cancellationToken = default)
    {
        if (!await MayViewAsync(cancellationToken))
        {
            return null;
        }

        return new SystemOverview(
            heartbeat.InstanceName,
            history.StartedAt,
            await heartbeat.RunningAsync(cancellationToken),
            circuits.Snapshot(),
            Secrets(),
            environment.Value.Environment,
            finch.Value.BaseUrl,
            clock.GetUtcNow());
    }

    /// <summary>One of this instance's instruments over the last hour, or null when the caller may not see it.</summary>
    public async Task<MetricsWindow?> ReadAsync(string instrument, string? byTag, MinuteFigure figure, CancellationToken cancellationToken = default) =>
        await MayViewAsync(cancellationToken) ? history.Read(instrument, byTag, figure) : null;

    private async Task<bool> MayViewAsync(CancellationToken cancellationToken) =>
        (await currentCaller.GetAsync(cancellationToken)).Can(Permission.ViewSystem);

    private IReadOnlyList<SecretState> Secrets() =>
    [
        new("Finch:ClientSecret", Count(finch.Value.ClientSecret)),
        new("Finch:WebhookSecrets", finch.Value.WebhookSecrets.Count),
        new("Stripe:SecretKey", Count(stripe.Value.SecretKey)),
        new("Stripe:WebhookSecrets", stripe.Value.WebhookSecrets.Count),
        new("TokenEncryption:Keys", tokenKeys.Value.Keys.Count),
        // Not bound as options: only start-up reads it, to protect the key ring.
        new("DataProtection:CertificatePath", Count(configuration[$"{DataProtectionKeysOptions.Section}:{nameof(DataProtectionKeysOptions.CertificatePath)}"])),
    ];

    private static int Count(string? secret) => string.IsNullOrWhiteSpace(secret) ? 0 : 1;
}
