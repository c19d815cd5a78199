using Microsoft.Extensions.Options;

namespace FinchDashboard.StripeSandbox.Hosting;

/// <summary>Builds the absolute URL of the hosted authentication page handed out with a session.</summary>
public sealed class PublicUrls(IOptions<StripeSandboxOptions> options)
{
    public string BaseUrl(HttpRequest request)
    {
        var configured = options.Value.PublicBaseUrl;
        // Behind a proxy the request host is not what a browser can reach, hence the override.
        return string.IsNullOrWhiteSpace(configured)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : configured.TrimEnd('/');
    }
}
