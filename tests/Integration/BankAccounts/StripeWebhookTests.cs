using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using FinchDashboard.Dashboard.BankAccounts;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Live;
using FinchDashboard.Domain.BankAccounts;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using EventUtility = Stripe.EventUtility;

namespace FinchDashboard.Integration.BankAccounts;

/// <summary>
/// POST /webhooks/stripe with the emulator's own signed deliveries: verified with Stripe.net against every configured
/// secret, stored once per event id, applied in the background, never backwards, and heard by open pages.
/// </summary>
[Collection(StripeSandboxCollection.Name)]
public sealed class StripeWebhookTests(StripeSandboxFixture stripe)
{
    private DashboardFactory App => stripe.Dashboard;

    [Fact]
    public async Task An_event_delivered_twice_is_stored_once_and_adds_the_account_to_the_employer_of_its_customer()
    {
        var employer = await App.AddEmployerAsync("Webhook Bank Co");
        var created = await stripe.CreateStripeAccountAsync(employer, "Chase");
        var webhook = await stripe.WaitForEventAsync("financial_connections.account.created", created.Id);

        var first = await stripe.ForwardAsync(webhook);
        var again = await stripe.ForwardAsync(webhook);
        await stripe.WaitUntilEventsAppliedAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await using var db = await App.Services.GetRequiredService<SystemData>().OpenAsync();
        var account = await db.BankAccounts.SingleAsync(a => a.StripeAccountId == created.Id);
        Assert.Equal(employer.Id, account.EmployerId);
        Assert.Equal("Chase", account.InstitutionName);
        Assert.Equal(BankAccountStatus.Active, account.Status);
        Assert.Equal("Stripe", account.LinkedBy);
        var stored = await db.StripeWebhookEvents.Where(e => e.BankAccountId == account.Id).ToListAsync();
        Assert.Equal(WebhookEventState.Applied, Assert.Single(stored).State);
        Assert.Equal(1, stored[0].Attempts);
    }

    [Fact]
    public async Task An_account_created_event_that_meets_the_links_return_storing_the_account_waits_for_it_and_is_applied_at_once()
    {
        var employer = await App.AddEmployerAsync("Return Race Co");
        var created = await stripe.CreateStripeAccountAsync(employer, "Chase");
        var webhook = await stripe.WaitForEventAsync("financial_connections.account.created", created.Id);
        var system = App.Services.GetRequiredService<SystemData>();
        // The link's return read the account a moment before Stripe sent the event, and has stored it but not yet
        // committed when the event is applied.
        var readAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        await using var returning = await system.OpenAsync();
        await using var transaction = await returning.Database.BeginTransactionAsync();
        await LinkedBankAccounts.RecordAsync(returning, employer.Id, StripeAccountSnapshots.Of(created, readAt)!, "Ada Admin", readAt, default);
        await returning.SaveChangesAsync();

        Assert.Equal(HttpStatusCode.OK, (await stripe.ForwardAsync(webhook)).StatusCode);
        await using var db = await system.OpenAsync();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").SingleAsync() == 0
               && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(DateTime.UtcNow < deadline, "The processor never waited for the account's lock.");
        await transaction.CommitAsync();
        await stripe.WaitUntilEventsAppliedAsync();

        var account = await db.BankAccounts.SingleAsync(a => a.StripeAccountId == created.Id);
        Assert.Equal("Ada Admin", account.LinkedBy);
        var stored = Assert.Single(await db.StripeWebhookEvents.Where(e => e.BankAccountId == account.Id).ToListAsync());
        Assert.Equal((WebhookEventState.Applied, 1), (stored.State, stored.Attempts));
    }

    [Fact]
    public async Task A_bank_accounts_lock_is_refused_outside_a_transaction()
    {
        await using var db = await App.Services.GetRequiredService<SystemData>().OpenAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => LinkedBankAccounts.LockAsync(db, "fca_outside", default));
    }

    [Fact]
    public async Task An_account_the_employer_disconnects_in_stripe_shows_disconnected_and_open_pages_hear_of_it()
    {
        var employer = await App.AddEmployerAsync("Holder Disconnects Co");
        var account = await stripe.AddBankAccountAsync(employer);
        var heard = new ConcurrentBag<ConnectionChange>();
        using var subscription = App.Services.GetRequiredService<ConnectionChangeFeed>().Subscribe(batch => { foreach (var c in batch.Changes) heard.Add(c); });

        await stripe.SetStatusAtStripeAsync(account.StripeAccountId, "disconnected");
        var webhook = await stripe.WaitForEventAsync("financial_connections.account.disconnected", account.StripeAccountId);
        Assert.Equal(HttpStatusCode.OK, (await stripe.ForwardAsync(webhook)).StatusCode);
        await stripe.WaitUntilEventsAppliedAsync();

        var stored = await stripe.FindBankAccountAsync(account.StripeAccountId);
        Assert.Equal(BankAccountStatus.Disconnected, stored!.Status);
        Assert.Equal("Stripe", stored.DisconnectedBy);
        Assert.Equal("PNC Bank", stored.InstitutionName);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!heard.Contains(new ConnectionChange(employer.Id, account.Id, ConnectionChangeKind.BankAccount)) && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Contains(new ConnectionChange(employer.Id, account.Id, ConnectionChangeKind.BankAccount), heard);
    }

    [Fact]
    public async Task An_event_older_than_what_the_dashboard_holds_is_ignored()
    {
        var employer = await App.AddEmployerAsync("Stale Event Co");
        var account = await stripe.AddBankAccountAsync(employer);
        await stripe.SetStatusAtStripeAsync(account.StripeAccountId, "inactive");
        var deactivated = await stripe.WaitForEventAsync("financial_connections.account.deactivated", account.StripeAccountId);
        Assert.Equal(HttpStatusCode.OK, (await stripe.ForwardAsync(deactivated)).StatusCode);
        await stripe.WaitUntilEventsAppliedAsync();

        // The account's .created, as Stripe would redeliver it late: an hour older than what the dashboard holds.
        var created = await stripe.WaitForEventAsync("financial_connections.account.created", account.StripeAccountId);
        var late = JsonNode.Parse(created.Text)!;
        late["id"] = $"evt_late_{Guid.NewGuid():N}";
        late["created"] = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds();
        var body = late.ToJsonString();
        Assert.Equal(HttpStatusCode.OK, (await stripe.PostWebhookAsync(body, EventUtility.GenerateSignatureHeader(body, StripeSandboxFixture.WebhookSecret))).StatusCode);
        await stripe.WaitUntilEventsAppliedAsync();

        Assert.Equal(BankAccountStatus.Inactive, (await stripe.FindBankAccountAsync(account.StripeAccountId))!.Status);
        await using var db = await App.Services.GetRequiredService<SystemData>().OpenAsync();
        var ignored = await db.StripeWebhookEvents.SingleAsync(e => e.EventId == late["id"]!.GetValue<string>());
        Assert.Equal(WebhookEventState.Ignored, ignored.State);
        Assert.Contains("Stale", ignored.Outcome);
    }

    [Fact]
    public async Task A_secret_listed_beside_the_current_one_verifies_too()
    {
        var body = EventBody($"evt_rotation_{Guid.NewGuid():N}");

        var response = await stripe.PostWebhookAsync(body, EventUtility.GenerateSignatureHeader(body, StripeSandboxFixture.RetiredWebhookSecret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Three_hundred_deliveries_at_once_are_all_answered_200_and_each_repeat_is_told_apart_from_the_first()
    {
        var tag = Guid.NewGuid().ToString("N");
        var events = Enumerable.Range(0, 200).Select(i => $"evt_burst_{tag}_{i}").ToList();
        // Every other event twice and side by side, as a retry crossing the first delivery: often in one statement.
        var repeated = events.Where((_, i) => i % 2 == 0).ToHashSet();
        var deliveries = events.SelectMany(id => Enumerable.Repeat(id, repeated.Contains(id) ? 2 : 1))
            .Select(id => EventBody(id))
            .Select(body => (Body: body, Signature: EventUtility.GenerateSignatureHeader(body, StripeSandboxFixture.WebhookSecret)))
            .ToList();

        var responses = await Task.WhenAll(deliveries.Select(d => stripe.PostWebhookAsync(d.Body, d.Signature)));

        Assert.Equal(300, responses.Length);
        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        await using var db = await App.Services.GetRequiredService<SystemData>().OpenAsync();
        var stored = await db.StripeWebhookEvents.Where(e => e.EventId.StartsWith($"evt_burst_{tag}_")).Select(e => e.EventId).ToListAsync();
        Assert.Equal(events.Order(), stored.Order());
        var toldRepeated = App.Logs.Lines.Where(l => l.Contains($"evt_burst_{tag}_") && l.Contains("already stored"))
            .Select(l => events.Single(id => l.Contains($"event {id} ", StringComparison.Ordinal)))
            .ToList();
        Assert.Equal(repeated.Order(), toldRepeated.Order());
        await stripe.WaitUntilEventsAppliedAsync();
    }

    [Fact]
    public async Task Copies_of_one_event_stored_at_once_are_one_new_event_and_repeats()
    {
        var eventId = $"evt_copies_{Guid.NewGuid():N}";
        var body = EventBody(eventId);
        var inbox = App.Services.GetRequiredService<StripeEventInbox>();

        // Queued back to back, so copies meet in one statement, which inserts the row once.
        var stored = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => inbox.StoreAsync(eventId, "customer.created", DateTimeOffset.UtcNow, body)));

        Assert.Single(stored, isNew => isNew);
        await using var db = await App.Services.GetRequiredService<SystemData>().OpenAsync();
        Assert.Equal(1, await db.StripeWebhookEvents.CountAsync(e => e.EventId == eventId));
        await stripe.WaitUntilEventsAppliedAsync();
    }

    public static TheoryData<string> BadSignatures() => new()
    {
        "a signature by another secret",
        "a forged v1",
        "a timestamp outside the tolerance",
    };

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public async Task A_bad_signature_is_refused_and_nothing_is_stored(string how)
    {
        var eventId = $"evt_refused_{Guid.NewGuid():N}";
        var body = EventBody(eventId);
        var signature = how switch
        {
            "a signature by another secret" => EventUtility.GenerateSignatureHeader(body, "whsec_someone_else"),
            "a forged v1" => $"t={DateTimeOffset.UtcNow.ToUnixTimeSeconds()},v1={new string('a', 64)}",
            _ => EventUtility.GenerateSignatureHeader(body, StripeSandboxFixture.WebhookSecret, DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds()),
        };

        var response = await stripe.PostWebhookAsync(body, signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await using var db = await App.Services.GetRequiredService<SystemData>().OpenAsync();
        Assert.False(await db.StripeWebhookEvents.AnyAsync(e => e.EventId == eventId));
    }

    [Fact]
    public async Task A_delivery_without_a_signature_is_refused()
    {
        var response = await stripe.PostWebhookAsync(EventBody("evt_unsigned"), "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>An event of a type the dashboard stores but does not act on.</summary>
    private static string EventBody(string eventId) => new JsonObject
    {
        ["id"] = eventId,
        ["object"] = "event",
        ["api_version"] = "2026-10-28.endive",
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["data"] = new JsonObject { ["object"] = new JsonObject { ["id"] = "cus_x", ["object"] = "customer" } },
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["type"] = "customer.created",
    }.ToJsonString();
}
