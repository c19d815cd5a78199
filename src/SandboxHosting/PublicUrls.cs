using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace FinchDashboard.SandboxHosting;

/// <summary>Builds the absolute URLs an emulator hands out (Finch's connect_url and job_url, Stripe's hosted auth page).</summary>
public sealed class PublicUrls(IOptions<ISandboxOptions> options)
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
