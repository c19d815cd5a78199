using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FinchDashboard.StripeSandbox.Tests.Infrastructure;

/// <summary>A Stripe answer: status, headers and parsed body.</summary>
public sealed record StripeResponse(HttpStatusCode Status, HttpResponseHeaders Headers, JsonElement Json)
{
    public string RequestId => Headers.GetValues("Request-Id").Single();

    public string Id => Json.GetProperty("id").GetString()!;

    public JsonElement Error => Json.GetProperty("error");
}

/// <summary>Talks to the emulator the way Stripe's SDKs do: form-encoded parameters and the secret key as a Bearer token.</summary>
public sealed class StripeApi(WebApplicationFactory<Program> factory)
{
    private readonly HttpClient _client = Authorized(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

    public HttpClient Browser { get; } = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public Task<StripeResponse> GetAsync(string path, params (string Key, string Value)[] query) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, query.Length == 0 ? path : $"{path}?{Encode(query)}"));

    public Task<StripeResponse> PostAsync(string path, params (string Key, string Value)[] form) => PostAsync(path, null, form);

    public Task<StripeResponse> PostAsync(string path, string? idempotencyKey, params (string Key, string Value)[] form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))),
        };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return SendAsync(request);
    }

    public async Task<StripeResponse> SendAsync(HttpRequestMessage request)
    {
        using var response = await _client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new StripeResponse(response.StatusCode, response.Headers, JsonDocument.Parse(body.Length == 0 ? "{}" : body).RootElement.Clone());
    }

    public async Task<string> CreateCustomerAsync(string name = "Acme Payroll LLC") =>
        (await PostAsync("/v1/customers", ("name", name), ("email", "finance@acme.test"))).Id;

    public async Task<StripeResponse> CreateAccountAsync(string customer, params (string Key, string Value)[] more) =>
        await PostAsync("/v1/test_helpers/financial_connections/accounts", [("customer", customer), .. more]);

    public async Task<StripeResponse> CreateSessionAsync(string customer, string? returnUrl = "https://dashboard.test/bank/return", params (string Key, string Value)[] more)
    {
        (string, string)[] form =
        [
            ("account_holder[type]", "customer"), ("account_holder[customer]", customer),
            ("permissions[]", "payment_method"), ("permissions[]", "balances"), ("filters[countries][]", "US"), .. more,
        ];
        return await PostAsync("/v1/financial_connections/sessions", returnUrl is null ? form : [.. form, ("return_url", returnUrl)]);
    }

    private static string Encode((string Key, string Value)[] pairs) =>
        string.Join('&', pairs.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));

    private static HttpClient Authorized(HttpClient client)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", StripeSandboxFactory.SecretKey);
        return client;
    }
}
