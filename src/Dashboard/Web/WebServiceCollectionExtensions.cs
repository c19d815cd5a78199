using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>
    /// The proxies whose forwarded headers <c>UseForwardedHeaders</c> applies (<see cref="TrustedProxyOptions"/>, validated
    /// at start-up), so that rate limits see the client's address and cookies and HSTS see the https it used.
    /// </summary>
    public static IHostApplicationBuilder AddWebSecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TrustedProxyOptions>()
            .Bind(builder.Configuration.GetSection(TrustedProxyOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TrustedProxyOptions>, TrustedProxyOptionsValidation>();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((options, trusted) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            var proxies = trusted.Value;
            // Configured proxies replace the framework's loopback defaults; with none configured, those stay.
            if (proxies.KnownProxies.Count == 0 && proxies.KnownNetworks.Count == 0)
            {
                return;
            }

            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            proxies.KnownProxies.ForEach(address => options.KnownProxies.Add(IPAddress.Parse(address)));
            proxies.KnownNetworks.ForEach(network => options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network)));
        });
        return builder;
    }
}
