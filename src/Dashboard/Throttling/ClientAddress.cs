using System.Net;
using System.Net.Sockets;

namespace FinchDashboard.Dashboard.Throttling;

/// <summary>The client a per-address limit counts: the connection's remote address (behind a proxy, the one the forwarded headers name).</summary>
public static class ClientAddress
{
    /// <summary>
    /// The partition key for <paramref name="context"/>'s client. An IPv6 client is usually given a whole /64 and can
    /// pick any address in it, so all of a /64 counts as one client; IPv4-mapped addresses count as their IPv4 address.
    /// </summary>
    public static string Of(HttpContext context) => Of(context.Connection.RemoteIpAddress);

    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
