using System.Net;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Web;

/// <summary>
/// The reverse proxies (a load balancer, an ingress) whose X-Forwarded-For and X-Forwarded-Proto the dashboard believes,
/// bound from the <c>ForwardedHeaders</c> section. From anywhere else those headers are ignored, so a client cannot
/// claim another address or https. With neither list set, only a proxy on the same machine (loopback) is trusted.
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxies' IP addresses, such as 10.0.0.5.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxies' networks in CIDR notation, such as 10.0.0.0/8.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

/// <summary>Refuses, at start-up, an address or network that does not parse, naming its key.</summary>
public sealed class TrustedProxyOptionsValidation : IValidateOptions<TrustedProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, TrustedProxyOptions options)
    {
        var errors = Errors(options).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static IEnumerable<string> Errors(TrustedProxyOptions options)
    {
        const string section = TrustedProxyOptions.Section;
        for (var i = 0; i < options.KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[i], out _))
                yield return $"{section}:{nameof(options.KnownProxies)}:{i} ('{options.KnownProxies[i]}') is not an IP address, such as 10.0.0.5.";
        }

        for (var i = 0; i < options.KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(options.KnownNetworks[i], out _))
                yield return $"{section}:{nameof(options.KnownNetworks)}:{i} ('{options.KnownNetworks[i]}') is not a network in CIDR notation, such as 10.0.0.0/8.";
        }
    }
}
