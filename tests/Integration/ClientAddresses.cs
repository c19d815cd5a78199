using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FinchDashboard.Integration;

/// <summary>
/// The client address a request comes from, chosen by the test. TestServer has no socket, so a request names its
/// address in <see cref="Header"/>, which only the test host reads (<see cref="FromHeader"/>), ahead of the whole
/// pipeline, as the connection's own address would be.
/// </summary>
public static class ClientAddresses
{
    public const string Header = "X-Test-Client-Address";

    private static int _last;

    /// <summary>An address no other call returned, so tests sharing a host never share a per-address limit.</summary>
    public static string Next()
    {
        var n = Interlocked.Increment(ref _last);
        return $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}";
    }

    /// <summary>A client whose requests come from <paramref name="address"/>, keeping cookies and following no redirects.</summary>
    public static HttpClient CreateClientFrom(this WebApplicationFactory<Program> app, string address)
    {
        // https, as the sign-in cookies are Secure outside Development.
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }

    internal sealed class FromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate after) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return after(context);
            });
            next(app);
        };
    }
}
