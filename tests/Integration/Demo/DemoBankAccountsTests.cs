using System.Diagnostics;
using System.Net;
using FinchDashboard.Dashboard.BankAccounts;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Demo;
using FinchDashboard.Domain.Audit;
using FinchDashboard.Domain.BankAccounts;
using FinchDashboard.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StripeClient = Stripe.StripeClient;
using IStripeClient = Stripe.IStripeClient;
using SystemNetHttpClient = Stripe.SystemNetHttpClient;
using FinancialConnections = Stripe.FinancialConnections;

namespace FinchDashboard.Integration.Demo;

/// <summary>
/// Demo mode's bank accounts against the real emulator: the mix made there and stored here once, and made again under
/// the same ids by a fresh emulator, which remembers nothing, without touching their history here.
/// </summary>
[Collection(StripeSandboxCollection.Name)]
public sealed class DemoBankAccountsTests(StripeSandboxFixture stripe) : IAsyncLifetime
{
    private const string DemoKey = "FINCHDEMOTOTPSECRETFORTHEDEMOXYZ";

    private readonly DashboardFactory _app = new(new Dictionary<string, string>
    {
        ["Stripe:ApiBase"] = stripe.BaseUrl,
        ["Stripe:SecretKey"] = StripeSandboxFixture.SecretKey,
        ["Stripe:MaxNetworkRetries"] = "0",
    });

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        await SeedDemoAsync(_app);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_mix_is_made_in_the_emulator_and_stored_once_and_a_fresh_emulator_gets_it_again_under_the_same_ids()
    {
        var first = await SyncAsync(_app, client: null);

        Assert.Equal(new DemoBankAccountsOutcome(DemoBankAccounts.Mix.Count, 0, 0, false), first);
        var stored = await StoredAsync();
        Assert.Equal(DemoBankAccounts.Mix.Count, stored.Count);
        var now = DateTimeOffset.UtcNow;
        foreach (var demo in DemoBankAccounts.Mix)
        {
            var account = stored.Single(a => a.Last4 == demo.Last4);
            Assert.Equal((demo.InstitutionName, demo.DisplayName, demo.Subcategory, demo.Status),
                (account.InstitutionName, account.DisplayName, account.Subcategory, account.Status));
            Assert.Equal(DemoData.Users.Single(u => u.Email == demo.LinkedByEmail).DisplayName, account.LinkedBy);
            Assert.InRange(account.LinkedAt, now.AddDays(-demo.LinkedDaysAgo).AddMinutes(-5), now.AddDays(-demo.LinkedDaysAgo).AddMinutes(5));
        }

        await AssertDisconnectionsRecordedAsync(stored);
        await AssertEmulatorHoldsAsync(stripe.Stripe, stored);

        var again = await SyncAsync(_app, client: null);

        Assert.Equal(new DemoBankAccountsOutcome(0, 0, DemoBankAccounts.Mix.Count, false), again);
        Assert.Equivalent(stored, await StoredAsync());
        await AssertEmulatorHoldsAsync(stripe.Stripe, stored);

        await using var fresh = await StartEmulatorAsync();
        var freshClient = new StripeClient(StripeSandboxFixture.SecretKey, httpClient: new SystemNetHttpClient(new HttpClient(), 0), apiBase: fresh.Url);

        var restored = await SyncAsync(_app, freshClient);

        Assert.Equal(new DemoBankAccountsOutcome(0, DemoBankAccounts.Mix.Count, 0, false), restored);
        Assert.Equivalent(stored, await StoredAsync());
        await AssertEmulatorHoldsAsync(freshClient, stored);
        Assert.Equal(new DemoBankAccountsOutcome(0, 0, DemoBankAccounts.Mix.Count, false), await SyncAsync(_app, freshClient));
    }

    [Fact]
    public async Task Without_an_emulator_it_gives_up_at_once_and_stores_nothing()
    {
        // The test defaults: Stripe:ApiBase on a loopback port nobody listens on, and Stripe's default timeout and retry.
        await using var app = new DashboardFactory();
        await app.InitializeAsync();
        await SeedDemoAsync(app);

        var watch = Stopwatch.StartNew();
        var outcome = await SyncAsync(app, client: null);

        Assert.True(outcome.StripeUnreachable);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        await using var db = await app.Services.GetRequiredService<SystemData>().OpenAsync();
        Assert.False(await db.BankAccounts.AnyAsync());
        Assert.False(await db.Employers.AnyAsync(e => e.StripeCustomerId != null));
    }

    private async Task AssertDisconnectionsRecordedAsync(IReadOnlyList<BankAccount> stored)
    {
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        var audit = await db.AuditLog.Where(r => r.Action == AuditAction.BankAccountDisconnected).ToListAsync();
        var disconnected = DemoBankAccounts.Mix.Where(a => a.Disconnection is not null).ToList();
        Assert.Equal(disconnected.Count, audit.Count);
        foreach (var demo in disconnected)
        {
            var account = stored.Single(a => a.Last4 == demo.Last4);
            var by = DemoData.Users.Single(u => u.Email == demo.Disconnection!.ByEmail);
            var record = audit.Single(r => r.TargetId == account.Id.ToString());
            Assert.Equal(by.DisplayName, account.DisconnectedBy);
            Assert.Equal(demo.Disconnection!.Reason, account.DisconnectReason);
            Assert.True(account.DisconnectedAt < DateTimeOffset.UtcNow.AddDays(-demo.Disconnection.DaysAgo + 1));
            Assert.True(account.DisconnectedAt > account.LinkedAt);
            Assert.Equal((by.DisplayName, AuditOutcome.Succeeded, "bank_account", account.EmployerId, demo.Disconnection.Reason, account.DisconnectedAt),
                (record.ActorName, record.Outcome, record.TargetType, record.EmployerId, record.Reason, (DateTimeOffset?)record.OccurredAt));
            Assert.Equal(await db.Users.Where(u => u.Email == by.Email).Select(u => u.Id).SingleAsync(), record.ActorUserId);
            Assert.Equal(BankAccountDisconnector.DisconnectedDetail(account), record.Detail);
            Assert.StartsWith("req_", record.StripeRequestId);
        }
    }

    /// <summary>Each employer's accounts, listed by its customer as the dashboard's would be, with the statuses stored here.</summary>
    private async Task AssertEmulatorHoldsAsync(StripeClient client, IReadOnlyList<BankAccount> stored)
    {
        foreach (var employer in stored.GroupBy(a => a.StripeCustomerId))
        {
            var listed = await new FinancialConnections.AccountService(client).ListAsync(new FinancialConnections.AccountListOptions
            {
                AccountHolder = new FinancialConnections.AccountAccountHolderOptions { Customer = employer.Key },
                Limit = 100,
            });
            Assert.Equal(
                employer.Select(a => $"{a.StripeAccountId} {a.Status.WireName()} {a.Last4}").Order(),
                listed.Data.Select(a => $"{a.Id} {a.Status} {a.Last4}").Order());
        }
    }

    private async Task<List<BankAccount>> StoredAsync()
    {
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        return await db.BankAccounts.AsNoTracking().OrderBy(a => a.Last4).ToListAsync();
    }

    /// <summary>The dashboard's demo sync; with <paramref name="client"/>, against that Stripe instead of the configured one.</summary>
    private static async Task<DemoBankAccountsOutcome> SyncAsync(DashboardFactory app, StripeClient? client)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var sync = client is null
            ? services.GetRequiredService<DemoBankAccounts>()
            : ActivatorUtilities.CreateInstance<DemoBankAccounts>(services, client,
                ActivatorUtilities.CreateInstance<StripeCustomers>(services, (IStripeClient)client));
        return await sync.SyncAsync(CancellationToken.None);
    }

    private static async Task SeedDemoAsync(DashboardFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(DashboardFactory.Password, DemoKey);
    }

    private static async Task<Emulator> StartEmulatorAsync()
    {
        var url = $"http://127.0.0.1:{AppProcess.FreePort()}";
        var process = new AppProcess(AppProcess.BuiltAssembly("StripeSandbox", "FinchDashboard.StripeSandbox"), new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = url,
            ["Logging__LogLevel__Default"] = "Warning",
            ["StripeSandbox__SecretKey"] = StripeSandboxFixture.SecretKey,
            ["StripeSandbox__WebhookSecret"] = StripeSandboxFixture.WebhookSecret,
        });
        await process.StartAsync(async http =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{url}/v1/customers");
            request.Headers.Authorization = new("Bearer", StripeSandboxFixture.SecretKey);
            return (await http.SendAsync(request)).StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(60));
        return new Emulator(url, process);
    }

    private sealed record Emulator(string Url, AppProcess Process) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Process.DisposeAsync();
    }
}
