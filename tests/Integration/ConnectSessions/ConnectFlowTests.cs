using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.ConnectSessions;
using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Tokens;
using FinchDashboard.Dashboard.Webhooks;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Audit;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using FinchDashboard.Domain.Finch;
using FinchDashboard.Domain.Webhooks;
using FinchDashboard.FinchSandbox.Tests.Infrastructure;
using FinchDashboard.Integration.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.ConnectSessions;

/// <summary>Connect and reauth end to end: our link, the emulator's hosted Connect page, our callback, PostgreSQL.</summary>
[Collection(FinchSandboxCollection.Name)]
public sealed class ConnectFlowTests(FinchSandboxFixture finch) : IAsyncLifetime
{
    private const string RedirectUri = DashboardFactory.ConnectCallbackUri;
    private DashboardFactory _app = default!;
    private Employer _employer = default!;
    private AsyncServiceScope _managerScope;

    public async Task InitializeAsync()
    {
        _app = finch.NewDashboard();
        await _app.InitializeAsync();
        _employer = await _app.AddEmployerAsync("Connect Flow Co");
        _managerScope = await _app.SignedInScopeAsync(Role.AccountManager, _employer);
    }

    public async Task DisposeAsync()
    {
        await _managerScope.DisposeAsync();
        await _app.DisposeAsync();
    }

    private ConnectLinks Links => _managerScope.ServiceProvider.GetRequiredService<ConnectLinks>();

    private async Task<ConnectLinkResult.Created> CreateLinkAsync(string provider = "gusto")
    {
        var result = await Links.CreateAsync(new NewConnectLinkRequest(_employer.Id, ["company", "directory"], RedirectUri, ProviderId: provider));
        return Assert.IsType<ConnectLinkResult.Created>(result);
    }

    /// <summary>Goes through the hosted Connect page as the employer; returns the redirect's query (code and state).</summary>
    /// <remarks><paramref name="provider"/> is chosen on the page when the link left the choice to the employer.</remarks>
    private async Task<IReadOnlyDictionary<string, string>> EmployerCompletesAsync(string connectUrl, bool allow = true, string? provider = null)
    {
        var page = new ConnectPageDriver(finch.Sandbox);
        await page.OpenAsync(connectUrl, null);
        await page.SubmitAsync(("decision", allow ? "allow" : "decline"));
        if (provider is not null)
        {
            await page.SubmitAsync(("provider_id", provider));
        }

        if (allow && page.LeftTo is null)
        {
            await page.SubmitAsync(("username", "admin"), ("password", "pw"));
        }

        if (allow && page.LeftTo is null)
        {
            await page.SubmitAsync([.. page.OptionValues("entity").Select(v => ("entity", v))]);
        }

        Assert.True(page.LeftTo is not null, $"Connect did not redirect; page was:\n{page.Html}");
        Assert.StartsWith(RedirectUri, page.LeftTo.AbsoluteUri);
        return page.RedirectQuery;
    }

    private async Task<string> CallbackAsync(string query)
    {
        var response = await _app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync($"/finch/callback?{query}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private static string Query(IReadOnlyDictionary<string, string> values) =>
        string.Join('&', values.Select(pair => $"{pair.Key}={Uri.EscapeDataString(pair.Value)}"));

    [Fact]
    public async Task A_Connect_link_followed_to_the_end_becomes_a_live_connection_with_a_sealed_token()
    {
        var link = await CreateLinkAsync();
        Assert.Contains("state=", link.ConnectUrl);
        var directory = _managerScope.ServiceProvider.GetRequiredService<ConnectionDirectory>();
        Assert.Equal(1, (await directory.CountByTabAsync(null, ConnectionFilters.None)).Staged);

        var redirect = await EmployerCompletesAsync(link.ConnectUrl);
        Assert.Equal("/connect/done?outcome=connected", await CallbackAsync(Query(redirect)));

        var details = await directory.FindAsync(link.ConnectionId);
        Assert.NotNull(details);
        Assert.Equal(ConnectionState.Live, details.Connection.State);
        Assert.Equal(ConnectionStatus.Connected, details.Connection.Status);
        Assert.Equal("gusto", details.Connection.ProviderId);
        Assert.Equal("Gusto", details.Connection.ProviderName);
        Assert.NotNull(details.Connection.FinchConnectionId);
        Assert.NotEmpty(details.Entities);
        Assert.Contains(details.Timeline, e => e.Summary == "Connected through Gusto");
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        Assert.NotNull(await _app.Services.GetRequiredService<ConnectionTokens>().FindAsync(db, link.ConnectionId));
        Assert.Equal(FinchEnvironment.Sandbox, await db.Connections.Where(c => c.Id == link.ConnectionId).Select(c => c.Environment).SingleAsync());

        // The same redirect again (a replayed or reused code) is refused and changes nothing.
        Assert.Equal("/connect/done?outcome=invalid", await CallbackAsync(Query(redirect)));
    }

    [Fact]
    public async Task The_stored_session_keeps_the_states_hash_but_neither_the_state_nor_a_link_that_carries_it()
    {
        var link = await CreateLinkAsync();
        var state = QueryHelpers.ParseQuery(new Uri(link.ConnectUrl).Query)["state"].ToString();

        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        var stored = await db.ConnectSessions.AsNoTracking().SingleAsync(s => s.ConnectionId == link.ConnectionId);
        Assert.NotEmpty(state);
        Assert.DoesNotContain("state=", stored.ConnectUrl, StringComparison.Ordinal);
        Assert.DoesNotContain(state, stored.ConnectUrl, StringComparison.Ordinal);
        Assert.Equal(ConnectLinks.HashState(state), stored.StateHash);
        Assert.StartsWith(stored.ConnectUrl, link.ConnectUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reauthentication_that_returns_another_connection_is_refused_and_stores_no_token()
    {
        var link = await CreateLinkAsync();
        await CallbackAsync(Query(await EmployerCompletesAsync(link.ConnectUrl)));
        var reauth = Assert.IsType<ConnectLinkResult.Created>(await Links.CreateReauthenticationAsync(link.ConnectionId));
        // The link is now for another of the employer's live connections, so Finch returns a token for the wrong one.
        var other = await _app.AddConnectionAsync(_employer, ConnectionState.Live, c => c.FinchConnectionId($"conn-{Guid.NewGuid():N}"));
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        await db.ConnectSessions.Where(s => s.ConnectionId == link.ConnectionId && s.Kind == ConnectSessionKind.Reauthentication)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.ConnectionId, other.Id));
        var tokens = _app.Services.GetRequiredService<ConnectionTokens>();
        var tokenBefore = (await tokens.FindAsync(db, link.ConnectionId))!.Reveal();

        Assert.Equal("/connect/done?outcome=wrongconnection", await CallbackAsync(Query(await EmployerCompletesAsync(reauth.ConnectUrl))));

        Assert.Null(await tokens.FindAsync(db, other.Id));
        Assert.Equal(tokenBefore, (await tokens.FindAsync(db, link.ConnectionId))!.Reveal());
        Assert.Null((await db.ConnectSessions.AsNoTracking().SingleAsync(s => s.ConnectionId == other.Id)).CompletedAt);
        Assert.Contains(await db.ConnectionEvents.Where(e => e.ConnectionId == other.Id).Select(e => e.Summary).ToListAsync(),
            summary => summary.StartsWith("Reauthentication refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reauthentication_completed_after_the_connection_was_disconnected_is_refused_and_stores_nothing()
    {
        var link = await CreateLinkAsync();
        await CallbackAsync(Query(await EmployerCompletesAsync(link.ConnectUrl)));
        var reauth = Assert.IsType<ConnectLinkResult.Created>(await Links.CreateReauthenticationAsync(link.ConnectionId));
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        var tokens = _app.Services.GetRequiredService<ConnectionTokens>();
        var tokenBefore = (await tokens.FindAsync(db, link.ConnectionId))!.Reveal();
        // Ended while the employer still had the link open.
        var connection = await db.Connections.SingleAsync(c => c.Id == link.ConnectionId);
        var entities = await db.ConnectionEntities.Where(e => e.ConnectionId == link.ConnectionId).ToListAsync();
        connection.Disconnect("Ada Admin", "The employer changed payroll provider", DateTimeOffset.UtcNow, entities);
        await db.SaveChangesAsync();

        Assert.Equal("/connect/done?outcome=disconnected", await CallbackAsync(Query(await EmployerCompletesAsync(reauth.ConnectUrl))));

        var after = await db.Connections.AsNoTracking().SingleAsync(c => c.Id == link.ConnectionId);
        Assert.Equal((ConnectionState.Disconnected, ConnectionStatus.Disconnected, 0), (after.State, after.Status, after.ActiveEntityCount));
        Assert.Equal(tokenBefore, (await tokens.FindAsync(db, link.ConnectionId))!.Reveal());
        Assert.Contains(await db.ConnectionEvents.Where(e => e.ConnectionId == link.ConnectionId).Select(e => e.Summary).ToListAsync(),
            summary => summary.StartsWith("Reauthentication refused: the connection was disconnected", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_connection_Finch_returns_under_an_id_we_hold_as_disconnected_is_not_attached_to_it()
    {
        var link = await CreateLinkAsync();
        var redirect = await EmployerCompletesAsync(link.ConnectUrl);
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        var sessionId = (await db.Connections.SingleAsync(c => c.Id == link.ConnectionId)).SessionId!;
        var finchConnectionId = (await finch.Connect.GetSessionStatusAsync(sessionId)).Value!.ConnectionId!;
        // Finch makes a new connection after a disconnect; should it ever return the ended one, that stays ended.
        var ended = await _app.AddConnectionAsync(_employer, ConnectionState.Disconnected, c => c.FinchConnectionId(finchConnectionId));

        Assert.Equal("/connect/done?outcome=failed", await CallbackAsync(Query(redirect)));

        Assert.Equal(ConnectionState.Staged, (await db.Connections.AsNoTracking().SingleAsync(c => c.Id == link.ConnectionId)).State);
        Assert.Equal(ConnectionState.Disconnected, (await db.Connections.AsNoTracking().SingleAsync(c => c.Id == ended.Id)).State);
        var tokens = _app.Services.GetRequiredService<ConnectionTokens>();
        Assert.Null(await tokens.FindAsync(db, ended.Id));
        Assert.Null(await tokens.FindAsync(db, link.ConnectionId));
    }

    [Fact]
    public async Task Finchs_report_of_a_new_connection_that_arrives_before_the_callback_is_matched_once_the_connection_is_stored()
    {
        var earlierDeliveries = finch.Webhooks.Count;
        var link = await CreateLinkAsync();
        var redirect = await EmployerCompletesAsync(link.ConnectUrl);

        // Finch announces the connection as soon as the employer finishes Connect; it reaches us before the callback.
        var announcement = await finch.Webhooks.WaitForAsync(w => w.Text.Contains("\"account.updated\"", StringComparison.Ordinal), earlierDeliveries);
        using var delivery = new HttpRequestMessage(HttpMethod.Post, FinchWebhookEndpoint.Path) { Content = new ByteArrayContent(announcement.Body) };
        delivery.Headers.Add("Finch-Event-Id", announcement.EventId);
        delivery.Headers.Add("Finch-Timestamp", announcement.Timestamp);
        delivery.Headers.Add("Finch-Signature", announcement.Signature);
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().SendAsync(delivery)).StatusCode);
        Assert.Equal(WebhookEventState.Unmatched, (await _app.ProcessedAsync(announcement.EventId!)).State);

        await CallbackAsync(Query(redirect));

        // Matched to the new connection; the callback read /introspect after the report arrived, so that reading
        // already holds what it said and it is not applied again.
        var matched = await _app.ProcessedAsync(announcement.EventId!);
        Assert.Equal(link.ConnectionId, matched.ConnectionId);
        Assert.Equal(WebhookEventState.Ignored, matched.State);
        Assert.StartsWith("Already reflected in the status read from Finch", matched.Outcome);
        var details = await _managerScope.ServiceProvider.GetRequiredService<ConnectionDirectory>().FindAsync(link.ConnectionId);
        Assert.Equal(ConnectionStatus.Connected, details!.Connection.Status);
    }

    [Fact]
    public async Task The_token_and_code_never_reach_a_log_a_CSV_or_the_database_in_plaintext()
    {
        var link = await CreateLinkAsync();
        var redirect = await EmployerCompletesAsync(link.ConnectUrl);
        await CallbackAsync(Query(redirect));
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        var token = (await _app.Services.GetRequiredService<ConnectionTokens>().FindAsync(db, link.ConnectionId))!.Reveal();
        await _managerScope.ServiceProvider.GetRequiredService<ConnectionRefresher>().RefreshAsync(link.ConnectionId);

        var stored = await db.AccessTokens.SingleAsync(t => t.ConnectionId == link.ConnectionId);
        Assert.True(stored.Ciphertext.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(token)) < 0);

        var csv = new MemoryStream();
        await ConnectionExport.WriteCsvAsync(csv, _managerScope.ServiceProvider.GetRequiredService<ConnectionDirectory>(),
            await _managerScope.ServiceProvider.GetRequiredService<CurrentCaller>().GetAsync(),
            new ConnectionListQuery(ConnectionState.Live, null, ConnectionFilters.None, ConnectionSortColumn.Connected, true, new PageRequest(0, 1)),
            CancellationToken.None);
        Assert.DoesNotContain(token, System.Text.Encoding.UTF8.GetString(csv.ToArray()));

        Assert.NotEmpty(_app.Logs.Lines);
        Assert.DoesNotContain(_app.Logs.Lines, line => line.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(_app.Logs.Lines, line => line.Contains(redirect["code"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Progress_shows_an_opened_link_and_an_expired_one_is_recreated_in_one_action()
    {
        var link = await CreateLinkAsync();
        await new ConnectPageDriver(finch.Sandbox).OpenAsync(link.ConnectUrl, null);

        await Links.RefreshProgressAsync([link.ConnectionId]);
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        var staged = await db.Connections.SingleAsync(c => c.Id == link.ConnectionId);
        Assert.Equal(ConnectSessionProgress.Opened, staged.SessionProgress);

        // The link's time runs out.
        await db.Connections.Where(c => c.Id == link.ConnectionId)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.SessionExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        await Links.RefreshProgressAsync([link.ConnectionId]);
        await db.Entry(staged).ReloadAsync();
        Assert.Equal(ConnectSessionProgress.Expired, staged.SessionProgress);

        var again = Assert.IsType<ConnectLinkResult.Created>(await Links.RecreateAsync(link.ConnectionId));
        Assert.NotEqual(link.ConnectUrl, again.ConnectUrl);
        Assert.False(await db.Connections.AnyAsync(c => c.Id == link.ConnectionId));
        var replacement = await db.Connections.AsNoTracking().SingleAsync(c => c.Id == again.ConnectionId);
        Assert.Equal(["company", "directory"], replacement.Products);
        Assert.Equal("gusto", replacement.ProviderId);
    }

    [Fact]
    public async Task Against_Finch_without_the_session_status_extension_progress_asks_Finch_nothing_and_follows_the_clock()
    {
        await using var app = finch.NewDashboard(new Dictionary<string, string> { ["Finch:SessionStatusExtension"] = "false" });
        await app.InitializeAsync();
        var employer = await app.AddEmployerAsync("Real Finch Co");
        await using var manager = await app.SignedInScopeAsync(Role.AccountManager, employer);
        var links = manager.ServiceProvider.GetRequiredService<ConnectLinks>();
        var waiting = new List<ConnectLinkResult.Created>();
        for (var i = 0; i < 3; i++)
        {
            waiting.Add(Assert.IsType<ConnectLinkResult.Created>(
                await links.CreateAsync(new NewConnectLinkRequest(employer.Id, ["company"], RedirectUri, ProviderId: "gusto"))));
        }

        await new ConnectPageDriver(finch.Sandbox).OpenAsync(waiting[0].ConnectUrl, null);
        await using var db = await app.Services.GetRequiredService<SystemData>().OpenAsync();
        await db.Connections.Where(c => c.Id == waiting[1].ConnectionId)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.SessionExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        // Every request to the emulator from here on takes one of these, so the count left says how many were made.
        await finch.AddFaultAsync("latency", count: 100, "/", latencyMs: 1);
        try
        {
            await links.RefreshProgressAsync([.. waiting.Select(w => w.ConnectionId)]);

            Assert.Equal(100, await finch.RemainingFaultsAsync());
        }
        finally
        {
            await finch.ResetFaultsAsync();
        }

        var progress = await db.Connections.AsNoTracking().Where(c => c.EmployerId == employer.Id)
            .ToDictionaryAsync(c => c.Id, c => c.SessionProgress);
        Assert.Equal(ConnectSessionProgress.Created, progress[waiting[0].ConnectionId]);
        Assert.Equal(ConnectSessionProgress.Expired, progress[waiting[1].ConnectionId]);
        Assert.Equal(ConnectSessionProgress.Created, progress[waiting[2].ConnectionId]);
    }

    [Fact]
    public async Task A_second_account_for_a_connection_we_hold_joins_it_instead_of_adding_a_row()
    {
        var link = await CreateLinkAsync();
        var redirect = await EmployerCompletesAsync(link.ConnectUrl);
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        var sessionId = (await db.Connections.SingleAsync(c => c.Id == link.ConnectionId)).SessionId!;
        var finchConnectionId = (await finch.Connect.GetSessionStatusAsync(sessionId)).Value!.ConnectionId!;
        // As if the first account of this company and provider had connected earlier.
        var held = await _app.AddConnectionAsync(_employer, ConnectionState.Live, c => c.FinchConnectionId(finchConnectionId));

        Assert.Equal("/connect/done?outcome=connected", await CallbackAsync(Query(redirect)));

        Assert.False(await db.Connections.AnyAsync(c => c.Id == link.ConnectionId));
        Assert.NotNull(await _app.Services.GetRequiredService<ConnectionTokens>().FindAsync(db, held.Id));
        Assert.Equal(1, await db.Connections.CountAsync(c => c.FinchConnectionId == finchConnectionId));
    }

    [Fact]
    public async Task A_connection_Finch_made_in_another_environment_is_refused_at_the_callback_and_nothing_is_stored()
    {
        var link = await CreateLinkAsync();
        var redirect = await EmployerCompletesAsync(link.ConnectUrl);
        // The dashboard works in Sandbox, as configured; Finch reports the token's application as a Development one.
        await finch.AddFaultAsync("client_type", count: 1, "/introspect", clientType: "development");
        try
        {
            Assert.Equal("/connect/done?outcome=wrongenvironment", await CallbackAsync(Query(redirect)));
        }
        finally
        {
            await finch.ResetFaultsAsync();
        }

        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        var staged = await db.Connections.AsNoTracking().SingleAsync(c => c.Id == link.ConnectionId);
        Assert.Equal((ConnectionState.Staged, null, null), (staged.State, staged.FinchConnectionId, staged.Environment));
        Assert.Null(await _app.Services.GetRequiredService<ConnectionTokens>().FindAsync(db, link.ConnectionId));
        Assert.Contains(await db.ConnectionEvents.Where(e => e.ConnectionId == link.ConnectionId).Select(e => e.Summary).ToListAsync(),
            summary => summary.StartsWith("Connect refused: Finch made this connection in Development, but this dashboard works in Sandbox", StringComparison.Ordinal));
        Assert.Contains(_app.Logs.Lines, line => line.Contains("Finch:Environment is Sandbox; refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_Development_links_for_Gusto_or_assisted_providers_are_refused_before_asking_Finch()
    {
        await using var app = finch.NewDashboard(new Dictionary<string, string> { ["Finch:Environment"] = "Development" });
        await app.InitializeAsync();
        var employer = await app.AddEmployerAsync("Development Co");
        await using var manager = await app.SignedInScopeAsync(Role.AccountManager, employer);
        var links = manager.ServiceProvider.GetRequiredService<ConnectLinks>();
        const string refusal = "Finch's Development environment does not support Gusto or assisted connections; connect those in Production.";

        foreach (var request in new[]
                 {
                     new NewConnectLinkRequest(employer.Id, ["company"], RedirectUri, ProviderId: "gusto"),
                     new NewConnectLinkRequest(employer.Id, ["company"], RedirectUri, Manual: true),
                     new NewConnectLinkRequest(employer.Id, ["company"], RedirectUri, ProviderId: "adp_run", AuthMethod: "assisted"),
                 })
        {
            Assert.Equal(refusal, Assert.Single(Assert.IsType<ConnectLinkResult.Invalid>(await links.CreateAsync(request)).Problems));
        }

        Assert.IsType<ConnectLinkResult.Created>(await links.CreateAsync(new NewConnectLinkRequest(employer.Id, ["company"], RedirectUri, ProviderId: "rippling")));
    }

    [Fact]
    public async Task A_callback_with_a_forged_state_or_none_is_refused()
    {
        var link = await CreateLinkAsync();
        var redirect = await EmployerCompletesAsync(link.ConnectUrl);

        Assert.Equal("/connect/done?outcome=invalid", await CallbackAsync($"code={redirect["code"]}&state=forged"));
        Assert.Equal("/connect/done?outcome=invalid", await CallbackAsync($"code={redirect["code"]}"));
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        Assert.Equal(ConnectionState.Staged, (await db.Connections.SingleAsync(c => c.Id == link.ConnectionId)).State);
    }

    [Fact]
    public async Task An_employer_who_declines_is_told_so_and_the_link_stays_usable()
    {
        var link = await CreateLinkAsync();

        var redirect = await EmployerCompletesAsync(link.ConnectUrl, allow: false);

        Assert.Equal("/connect/done?outcome=declined", await CallbackAsync(Query(redirect)));
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        Assert.Equal(ConnectionState.Staged, (await db.Connections.SingleAsync(c => c.Id == link.ConnectionId)).State);
    }

    [Fact]
    public async Task A_second_Connect_for_a_connected_employer_yields_a_second_connection_under_its_own_customer_id()
    {
        var first = await CreateLinkAsync();
        await CallbackAsync(Query(await EmployerCompletesAsync(first.ConnectUrl)));

        var second = await CreateLinkAsync("rippling");
        Assert.Equal("/connect/done?outcome=connected", await CallbackAsync(Query(await EmployerCompletesAsync(second.ConnectUrl))));

        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        var live = await db.Connections.AsNoTracking().Where(c => c.EmployerId == _employer.Id && c.State == ConnectionState.Live)
            .ToDictionaryAsync(c => c.Id);
        Assert.Equal([first.ConnectionId, second.ConnectionId], live.Keys.Order());
        Assert.NotEqual(live[first.ConnectionId].FinchConnectionId, live[second.ConnectionId].FinchConnectionId);
        // Read back from Finch's /introspect at the callback: Finch knows each connection under its own id.
        Assert.Equal($"{_employer.CustomerId}/{first.ConnectionId}", live[first.ConnectionId].CustomerId);
        Assert.Equal($"{_employer.CustomerId}/{second.ConnectionId}", live[second.ConnectionId].CustomerId);
        var tokens = _app.Services.GetRequiredService<ConnectionTokens>();
        Assert.NotNull(await tokens.FindAsync(db, first.ConnectionId));
        Assert.NotNull(await tokens.FindAsync(db, second.ConnectionId));
    }

    [Fact]
    public async Task A_connection_made_under_the_employers_own_customer_id_keeps_it_through_reauth_while_the_employer_connects_another()
    {
        // Made before each connection had its own customer id: Finch knows it under the employer's.
        var older = await finch.ConnectAsync(_employer.CustomerId);
        var held = await _app.AddConnectionAsync(_employer, ConnectionState.Live, c => c.FinchConnectionId(older.ConnectionId));
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        await db.Connections.Where(c => c.Id == held.Id).ExecuteUpdateAsync(set => set.SetProperty(c => c.CustomerId, _employer.CustomerId));

        // Finch refuses another session under that customer id, which is what kept an employer to one system.
        var refused = await finch.Connect.CreateSessionAsync(new ConnectSessionRequest
        {
            CustomerId = _employer.CustomerId, CustomerName = _employer.Name, Products = ["company"],
        });
        var failure = Assert.IsType<FinchFailure.Rejected>(refused.Failure);
        Assert.Equal((400, FinchError.ConnectionAlreadyExists, older.ConnectionId), (failure.Status, failure.FinchCode, failure.Error!.ExistingConnectionId));

        var another = await CreateLinkAsync("rippling");
        Assert.Equal("/connect/done?outcome=connected", await CallbackAsync(Query(await EmployerCompletesAsync(another.ConnectUrl))));

        var reauth = Assert.IsType<ConnectLinkResult.Created>(await Links.CreateReauthenticationAsync(held.Id));
        Assert.Equal("/connect/done?outcome=reauthenticated", await CallbackAsync(Query(await EmployerCompletesAsync(reauth.ConnectUrl))));

        var repaired = await db.Connections.AsNoTracking().SingleAsync(c => c.Id == held.Id);
        Assert.Equal((_employer.CustomerId, older.ConnectionId), (repaired.CustomerId, repaired.FinchConnectionId));
        var added = await db.Connections.AsNoTracking().SingleAsync(c => c.Id == another.ConnectionId);
        Assert.Equal($"{_employer.CustomerId}/{another.ConnectionId}", added.CustomerId);
        Assert.NotEqual(older.ConnectionId, added.FinchConnectionId);
        var tokens = _app.Services.GetRequiredService<ConnectionTokens>();
        Assert.NotNull(await tokens.FindAsync(db, held.Id));
        var timeline = await db.ConnectionEvents.Where(e => e.ConnectionId == held.Id).Select(e => e.Summary).ToListAsync();
        Assert.Contains(timeline, s => s.StartsWith("Reauthenticated through Finch Connect", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reauth_can_ask_for_a_new_product_and_a_shorter_link_which_Finch_honours()
    {
        var link = await CreateLinkAsync();
        await CallbackAsync(Query(await EmployerCompletesAsync(link.ConnectUrl)));

        var before = DateTimeOffset.UtcNow;
        var reauth = Assert.IsType<ConnectLinkResult.Created>(await Links.CreateReauthenticationAsync(
            link.ConnectionId, products: ["ssn", "company"], minutesToExpire: 90));

        Assert.InRange(reauth.ExpiresAt, before.AddMinutes(89), DateTimeOffset.UtcNow.AddMinutes(91));
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        var sessionId = await db.ConnectSessions.Where(s => s.ConnectionId == link.ConnectionId && s.Kind == ConnectSessionKind.Reauthentication)
            .Select(s => s.FinchSessionId).SingleAsync();
        var atFinch = (await _app.Services.GetRequiredService<FinchConnectClient>().GetSessionStatusAsync(sessionId)).Value!;
        // Finch asks consent for what is sent: the products held plus the new one, and the link lives as long as asked.
        Assert.Equal(["company", "directory", "ssn"], atFinch.Products.Order());
        Assert.InRange(atFinch.ExpiresAt, before.AddMinutes(89), DateTimeOffset.UtcNow.AddMinutes(91));

        Assert.Equal("/connect/done?outcome=reauthenticated", await CallbackAsync(Query(await EmployerCompletesAsync(reauth.ConnectUrl))));

        var connection = await db.Connections.AsNoTracking().SingleAsync(c => c.Id == link.ConnectionId);
        Assert.Contains("ssn", connection.Products);
        Assert.Contains(await db.ConnectionEvents.Where(e => e.ConnectionId == link.ConnectionId).Select(e => e.Summary).ToListAsync(),
            s => s == "Reauthentication link created, also asking for ssn");
        Assert.Equal("Choose one of the redirect URIs this dashboard allows: " + RedirectUri + ".", Assert.Single(Assert.IsType<ConnectLinkResult.Invalid>(
            await Links.CreateReauthenticationAsync(link.ConnectionId, "https://elsewhere.example/finch/callback")).Problems));
        Assert.Equal(["Unknown product(s): payroll_magic.", "The link must stay valid for 1 to 129,600 minutes (90 days)."],
            Assert.IsType<ConnectLinkResult.Invalid>(await Links.CreateReauthenticationAsync(
                link.ConnectionId, products: ["payroll_magic"], minutesToExpire: FinchProducts.MaxMinutesToExpire + 1)).Problems);
    }

    [Fact]
    public async Task Admin_and_support_see_what_introspect_says_about_the_account_and_everyone_sees_its_environment()
    {
        var link = await CreateLinkAsync();
        await CallbackAsync(Query(await EmployerCompletesAsync(link.ConnectUrl)));

        foreach (var role in new[] { Role.Admin, Role.Support })
        {
            await using var scope = await _app.SignedInScopeAsync(role);
            var details = (await scope.ServiceProvider.GetRequiredService<ConnectionDirectory>().FindAsync(link.ConnectionId))!;
            Assert.Equal(new IntrospectedAccount("provider", false, "admin"), details.Account);
            Assert.Equal(FinchEnvironment.Sandbox, details.Environment);
        }

        foreach (var role in new[] { Role.AccountManager, Role.EmployerAdmin })
        {
            await using var scope = await _app.SignedInScopeAsync(role, _employer);
            var details = await scope.ServiceProvider.GetRequiredService<ConnectionDirectory>().FindAsync(link.ConnectionId);
            Assert.NotNull(details);
            Assert.Null(details.Account);
            Assert.Equal(FinchEnvironment.Sandbox, details.Environment);
        }
    }

    [Fact]
    public async Task An_employer_admin_connects_another_system_for_their_own_employer_and_for_no_other()
    {
        var first = await CreateLinkAsync();
        await CallbackAsync(Query(await EmployerCompletesAsync(first.ConnectUrl)));
        var notYet = await _app.AddEmployerAsync("Not Yet Connected Co");
        var someoneElse = await _app.AddEmployerAsync("Someone Else Co");
        await _app.AddConnectionAsync(someoneElse, ConnectionState.Live, c => c.Company("Someone Else"));
        var admin = await _app.AddUserAsync(Role.EmployerAdmin, _employer, notYet);
        await using var scope = await _app.SignedInScopeAsync(admin);
        var links = scope.ServiceProvider.GetRequiredService<ConnectLinks>();

        var otherTenant = Assert.IsType<ConnectLinkResult.Invalid>(await links.StartAnotherSystemAsync(someoneElse.Id));
        Assert.Equal("Choose an employer your account can see.", Assert.Single(otherTenant.Problems));
        var firstTime = Assert.IsType<ConnectLinkResult.Invalid>(await links.StartAnotherSystemAsync(notYet.Id));
        Assert.Contains("has no live connection yet", Assert.Single(firstTime.Problems), StringComparison.Ordinal);

        var started = Assert.IsType<ConnectLinkResult.Created>(await links.StartAnotherSystemAsync(_employer.Id));
        Assert.Equal("/connect/done?outcome=connected", await CallbackAsync(Query(await EmployerCompletesAsync(started.ConnectUrl, provider: "rippling"))));

        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        Assert.Equal(2, await db.Connections.CountAsync(c => c.EmployerId == _employer.Id && c.State == ConnectionState.Live));
        Assert.Empty(await db.ConnectSessions.Where(s => s.EmployerId == someoneElse.Id || s.EmployerId == notYet.Id).ToListAsync());
        var outOfScope = Assert.Single(await db.AuditLog.Where(r => r.ActorUserId == admin.Id && r.Action == AuditAction.OutOfScopeAccess).ToListAsync());
        Assert.Equal(someoneElse.Id, outOfScope.EmployerId);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_clear_messages_and_creates_nothing()
    {
        var invalid = Assert.IsType<ConnectLinkResult.Invalid>(await Links.CreateAsync(
            new NewConnectLinkRequest(_employer.Id, [], "not a url", MinutesToExpire: 0)));

        Assert.Contains("Choose at least one product.", invalid.Problems);
        Assert.Contains(invalid.Problems, p => p.Contains("redirect URI", StringComparison.Ordinal));
        Assert.Contains(invalid.Problems, p => p.Contains("1 to 129,600 minutes", StringComparison.Ordinal));
        Assert.IsType<ConnectLinkResult.Invalid>(await Links.CreateAsync(new NewConnectLinkRequest(_employer.Id, ["payroll_magic"], RedirectUri)));
        var outOfBounds = Assert.IsType<ConnectLinkResult.Invalid>(await Links.CreateAsync(new NewConnectLinkRequest(
            _employer.Id, ["company"], "https://elsewhere.example/finch/callback", ProviderId: new string('p', 65), AuthMethod: "telepathy",
            Sandbox: "staging", MinutesToExpire: FinchProducts.MaxMinutesToExpire + 1)));
        Assert.Equal(
        [
            "The link must stay valid for 1 to 129,600 minutes (90 days).",
            $"Choose one of the redirect URIs this dashboard allows: {RedirectUri}.",
            "The provider id can be at most 64 characters.",
            "Choose a provider, then one of its authentication methods.",
            "The sandbox mode must be finch or provider.",
        ], outOfBounds.Problems);
        Assert.IsType<ConnectLinkResult.Invalid>(await Links.CreateReauthenticationAsync(Guid.NewGuid(), "https://elsewhere.example/finch/callback"));
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        Assert.False(await db.Connections.AnyAsync(c => c.EmployerId == _employer.Id));
    }

    [Fact]
    public async Task A_preselected_authentication_method_reaches_Finch_which_refuses_one_the_provider_lacks()
    {
        Assert.IsType<ConnectLinkResult.Created>(await Links.CreateAsync(
            new NewConnectLinkRequest(_employer.Id, ["company"], RedirectUri, ProviderId: "paychex_flex", AuthMethod: "api_token")));

        var other = await _app.AddEmployerAsync("Oauth-less Co");
        await using var scope = await _app.SignedInScopeAsync(Role.Admin);
        var refused = await scope.ServiceProvider.GetRequiredService<ConnectLinks>().CreateAsync(
            new NewConnectLinkRequest(other.Id, ["company"], RedirectUri, ProviderId: "justworks", AuthMethod: "oauth"));

        var failed = Assert.IsType<ConnectLinkResult.Failed>(refused);
        Assert.Contains("Finch refused", failed.Message, StringComparison.Ordinal);
        Assert.NotNull(failed.FinchRequestId);
    }

    [Theory]
    [InlineData(Role.Support)]
    [InlineData(Role.EmployerAdmin)]
    public async Task Only_admins_and_account_managers_create_links_for_new_connections(Role role)
    {
        await using var scope = await _app.SignedInScopeAsync(role, _employer);

        var result = await scope.ServiceProvider.GetRequiredService<ConnectLinks>()
            .CreateAsync(new NewConnectLinkRequest(_employer.Id, ["company"], RedirectUri));

        Assert.Contains("Only admins and account managers", Assert.Single(Assert.IsType<ConnectLinkResult.Invalid>(result).Problems));
    }

    [Fact]
    public async Task Nobody_can_create_a_link_for_an_employer_outside_their_scope()
    {
        var other = await _app.AddEmployerAsync("Not Yours Inc");
        await using var scope = await _app.SignedInScopeAsync(Role.AccountManager, other);

        var result = await scope.ServiceProvider.GetRequiredService<ConnectLinks>()
            .CreateAsync(new NewConnectLinkRequest(_employer.Id, ["company"], RedirectUri));

        Assert.Equal("Choose an employer your account can see.", Assert.Single(Assert.IsType<ConnectLinkResult.Invalid>(result).Problems));
    }
}
