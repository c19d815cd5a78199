using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FinchDashboard.FinchSandbox.Tests.Infrastructure;

/// <summary>Thin helpers for calling the emulator the way a Finch client does.</summary>
public sealed class FinchApi(SandboxFactory factory)
{
    public HttpClient Http { get; } = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public static AuthenticationHeaderValue Basic(string id = SandboxFactory.ClientId, string secret = SandboxFactory.ClientSecret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}")));

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, AuthenticationHeaderValue? auth = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = auth;
        request.Headers.Add("Finch-API-Version", "2020-09-17");
        if (body is not null) request.Content = JsonContent.Create(body);
        return await Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string token) => SendAsync(HttpMethod.Get, path, auth: Bearer(token));

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Asserts Finch's error body: status fields, name and finch_code.</summary>
    public static async Task<JsonElement> AssertErrorAsync(HttpResponseMessage response, int status, string name, string? finchCode)
    {
        var body = await JsonAsync(response, (HttpStatusCode)status);
        Assert.Equal(status, body.GetProperty("code").GetInt32());
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        Assert.Equal(status, body.GetProperty("statusCode").GetInt32());
        Assert.Equal(name, body.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()));
        if (finchCode is null) Assert.False(body.TryGetProperty("finch_code", out _));
        else Assert.Equal(finchCode, body.GetProperty("finch_code").GetString());
        return body;
    }

    public async Task<JsonElement> CreateSandboxConnectionAsync(string providerId = "gusto", string? authenticationType = null, string[]? products = null)
    {
        var response = await SendAsync(HttpMethod.Post, "/sandbox/connections",
            new { provider_id = providerId, authentication_type = authenticationType, products }, Basic());
        return await JsonAsync(response);
    }

    public async Task<JsonElement> AddSandboxAccountAsync(string companyId, string providerId)
    {
        var response = await SendAsync(HttpMethod.Post, "/sandbox/connections/accounts",
            new { company_id = companyId, provider_id = providerId }, Basic());
        return await JsonAsync(response);
    }

    public async Task SetStatusAsync(string token, string status)
    {
        var response = await SendAsync(HttpMethod.Put, "/sandbox/connections/accounts", new { connection_status = status }, Bearer(token));
        await JsonAsync(response);
    }

    /// <summary>Waits for the job.data_sync_all.completed webhook of the connection's initial sync, which every new automated connection runs.</summary>
    public async Task WaitForInitialSyncAsync(string connectionId) =>
        await factory.Webhooks.WaitForAsync(w => w.Json.GetProperty("event_type").GetString() == "job.data_sync_all.completed"
                                                 && w.Json.GetProperty("connection_id").GetString() == connectionId);

    public async Task<JsonElement> IntrospectAsync(string token) => await JsonAsync(await GetAsync("/introspect", token));

    public async Task<JsonElement> CreateSessionAsync(object body) =>
        await JsonAsync(await SendAsync(HttpMethod.Post, "/connect/sessions", body, Basic()));

    public static string NewCustomerId() => "cust_" + Guid.NewGuid().ToString("N")[..12];
}
