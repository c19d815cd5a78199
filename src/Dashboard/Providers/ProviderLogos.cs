using FinchDashboard.Dashboard.Finch;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Providers;

/// <summary>A provider's image as the dashboard serves it: bytes it fetched and checked, with their media type.</summary>
public sealed record ProviderLogo(byte[] Content, string MediaType);

/// <summary>
/// Provider logos from Finch's <c>/providers</c> (<c>icon</c>, else <c>logo</c>), fetched by the dashboard and served from
/// its own origin, so a user's browser never loads an image from an address Finch's answer names. Only https
/// addresses on <see cref="ProviderLogoOptions.AllowedHosts"/> (or Finch's own host) are fetched, without credentials or
/// redirects, up to <see cref="ProviderLogoOptions.MaxBytes"/>, and only raster images or SVG are kept.
/// </summary>
public sealed class ProviderLogos(
    ProviderCatalogue catalogue,
    IHttpClientFactory httpClients,
    IMemoryCache cache,
    IOptions<ProviderLogoOptions> options,
    IOptions<FinchOptions> finchOptions,
    ILogger<ProviderLogos> logger)
{
    public const string HttpClientName = "ProviderLogos";

    private static readonly HashSet<string> ImageTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml",
    };

    /// <summary>The provider's logo, or null when Finch names none, names one we do not fetch from, or it could not be read.</summary>
    public async Task<ProviderLogo?> FindAsync(string providerId, CancellationToken cancellationToken = default)
    {
        var provider = (await catalogue.ListAsync(cancellationToken)).FirstOrDefault(p => p.Id == providerId);
        if ((provider?.Icon ?? provider?.Logo) is not { } address || !IsAllowed(address, out var uri))
        {
            return null;
        }

        return await cache.GetOrCreateAsync((nameof(ProviderLogos), uri.AbsoluteUri), async entry =>
        {
            var logo = await FetchAsync(uri, cancellationToken);
            entry.AbsoluteExpirationRelativeToNow = logo is null ? options.Value.FailureLifetime : options.Value.CatalogueLifetime;
            return logo;
        });
    }

    /// <summary>
    /// https on an allowed host, or Finch's own address (the emulator in Development): never an address Finch's answer
    /// could point at our own network.
    /// </summary>
    public bool IsAllowed(string address, out Uri uri)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out uri!))
        {
            return false;
        }

        var finch = new Uri(finchOptions.Value.BaseUrl);
        var onFinch = uri.Scheme == finch.Scheme && string.Equals(uri.Authority, finch.Authority, StringComparison.OrdinalIgnoreCase);
        var onAllowedHost = uri.Scheme == Uri.UriSchemeHttps && uri.IsDefaultPort
            && options.Value.AllowedHosts.Contains(uri.IdnHost, StringComparer.OrdinalIgnoreCase);
        return onFinch || onAllowedHost;
    }

    private async Task<ProviderLogo?> FetchAsync(Uri uri, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.FetchTimeout);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName)
                .GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (!response.IsSuccessStatusCode || mediaType is null || !ImageTypes.Contains(mediaType)
                || response.Content.Headers.ContentLength > settings.MaxBytes)
            {
                logger.LogWarning("Provider logo {LogoUrl} refused: status {StatusCode}, type {MediaType}, length {Length}",
                    uri, (int)response.StatusCode, mediaType, response.Content.Headers.ContentLength);
                return null;
            }

            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            var content = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer, timeout.Token)) > 0)
            {
                // A missing or false Content-Length must not let a large body in.
                if (content.Length + read > settings.MaxBytes)
                {
                    logger.LogWarning("Provider logo {LogoUrl} refused: larger than {MaxBytes} bytes", uri, settings.MaxBytes);
                    return null;
                }

                content.Write(buffer, 0, read);
            }

            return new ProviderLogo(content.ToArray(), mediaType.ToLowerInvariant());
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Provider logo {LogoUrl} could not be fetched", uri);
            return null;
        }
    }
}
