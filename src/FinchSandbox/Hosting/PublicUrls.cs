using Microsoft.Extensions.Options;

namespace FinchDashboard.FinchSandbox.Hosting;

/// <summary>Builds absolute URLs the emulator hands out (connect_url, job_url).</summary>
public sealed class PublicUrls(IOptions<FinchSandboxOptions> options)
{
    public string BaseUrl(HttpRequest request)
    {
        var configured = options.Value.PublicBaseUrl;
        // Behind a proxy or in docker the request host is not what a browser can reach, hence the override.
        return string.IsNullOrWhiteSpace(configured)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : configured.TrimEnd('/');
    }
}
