using FinchDashboard.Dashboard.Finch;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Providers;

/// <summary>
/// Finch's provider list (<c>GET /providers</c>), asked once per <see cref="ProviderLogoOptions.CatalogueLifetime"/> and shared
/// by every user: it changes when Finch adds a provider, not per page view. A failure is remembered for
/// <see cref="ProviderLogoOptions.FailureLifetime"/> and answers an empty list, so callers fall back to letting the employer choose.
/// </summary>
public sealed class ProviderCatalogue(IServiceScopeFactory scopes, IOptions<ProviderLogoOptions> options, TimeProvider clock, ILogger<ProviderCatalogue> logger)
{
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private IReadOnlyList<FinchProvider> _providers = [];
    private DateTimeOffset _expiresAt = DateTimeOffset.MinValue;

    public async Task<IReadOnlyList<FinchProvider>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (clock.GetUtcNow() < _expiresAt)
        {
            return _providers;
        }

        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            if (clock.GetUtcNow() < _expiresAt)
            {
                return _providers;
            }

            // The typed client is made per call, as HttpClientFactory intends; this catalogue lives as long as the app.
            await using var scope = scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<FinchConnectClient>().ListProvidersAsync(cancellationToken);
            if (result.IsSuccess)
            {
                _providers = [.. result.Value.OrderBy(p => p.DisplayName, StringComparer.OrdinalIgnoreCase)];
                _expiresAt = clock.GetUtcNow() + options.Value.CatalogueLifetime;
            }
            else
            {
                logger.LogWarning("Finch's provider list could not be read ({Failure}, request {FinchRequestId})", result.Failure.Describe(), result.RequestId);
                _expiresAt = clock.GetUtcNow() + options.Value.FailureLifetime;
            }

            return _providers;
        }
        finally
        {
            _refreshing.Release();
        }
    }
}
