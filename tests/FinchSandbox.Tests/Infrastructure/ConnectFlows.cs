using System.Text.Json;

namespace FinchDashboard.FinchSandbox.Tests.Infrastructure;

/// <summary>Whole Connect flows, for tests that need a connection made the way employers make them.</summary>
public static class ConnectFlows
{
    public const string RedirectUri = "https://app.example/finch/callback";

    /// <summary>Connects a single-entity oauth provider and returns the connection id.</summary>
    public static async Task<string> ConnectAsync(FinchApi api, string customerId, string providerId)
    {
        var token = await ConnectAndExchangeAsync(api, customerId, providerId);
        return token.GetProperty("connection_id").GetString()!;
    }

    public static async Task<JsonElement> ConnectAndExchangeAsync(FinchApi api, string customerId, string providerId)
    {
        var session = await api.CreateSessionAsync(new
        {
            customer_id = customerId, customer_name = "Flow Co", products = new[] { "company", "directory" },
            integration = new { provider = providerId }, redirect_uri = RedirectUri,
        });
        var page = new ConnectPageDriver(api.Http);
        await page.OpenAsync(session.GetProperty("connect_url").GetString()!, "st");
        await page.SubmitAsync(("decision", "allow"));
        await page.SubmitAsync(("username", "admin"), ("password", "pw"));
        if (page.LeftTo is null) await page.SubmitAsync(page.OptionValues("entity").Select(v => ("entity", v)).ToArray());
        return await ExchangeAsync(api, page.RedirectQuery["code"]);
    }

    public static async Task<JsonElement> ExchangeAsync(FinchApi api, string code, string? redirectUri = RedirectUri) =>
        await FinchApi.JsonAsync(await api.SendAsync(HttpMethod.Post, "/auth/token", new
        {
            client_id = SandboxFactory.ClientId, client_secret = SandboxFactory.ClientSecret, code, redirect_uri = redirectUri,
        }));
}
