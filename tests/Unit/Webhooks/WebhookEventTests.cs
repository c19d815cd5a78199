using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using FinchDashboard.Domain.Webhooks;

namespace FinchDashboard.Unit.Webhooks;

public class WebhookEventTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static WebhookEvent Event() => new()
    {
        EventId = "msg_1",
        EventType = "account.updated",
        ReceivedAt = ReceivedAt,
        SentAt = ReceivedAt,
        FinchConnectionId = "conn_1",
        Body = "{}",
    };

    [Fact]
    public void A_matched_event_belongs_to_its_connection_and_that_connections_employer()
    {
        var employer = new Employer(Guid.CreateVersion7(), "acme", "Acme", null, ReceivedAt);
        var connection = Connection.Stage(Guid.CreateVersion7(), employer, null, ["company"], "sess_1", ReceivedAt.AddDays(1), ReceivedAt);
        var webhook = Event();

        webhook.MatchTo(connection);

        Assert.Equal((connection.Id, employer.Id), (webhook.ConnectionId, webhook.EmployerId));
    }

    [Fact]
    public void An_event_is_finished_once_with_its_outcome_cut_to_the_column()
    {
        var webhook = Event();

        webhook.Finish(WebhookEventState.Applied, new string('x', WebhookEvent.OutcomeMaxLength + 10), ReceivedAt.AddSeconds(1));

        Assert.Equal((WebhookEventState.Applied, ReceivedAt.AddSeconds(1)), (webhook.State, webhook.ProcessedAt));
        Assert.Equal(WebhookEvent.OutcomeMaxLength, webhook.Outcome!.Length);
        Assert.EndsWith("…", webhook.Outcome);
        Assert.Throws<InvalidOperationException>(() => webhook.Finish(WebhookEventState.Ignored, "again", ReceivedAt.AddSeconds(2)));
        Assert.Equal(WebhookEventState.Applied, webhook.State);
    }

    [Fact]
    public void A_finished_event_is_no_longer_pending()
    {
        Assert.Throws<ArgumentException>(() => Event().Finish(WebhookEventState.Pending, "still waiting", ReceivedAt));
    }

    [Fact]
    public void A_failed_attempt_waits_for_the_next_one_and_after_the_last_the_event_has_failed()
    {
        var retried = Event();
        var givenUp = Event();

        retried.RecordFailedAttempt("Attempt 1 of 5 failed", givingUp: false, ReceivedAt.AddSeconds(1));
        givenUp.RecordFailedAttempt("Attempt 5 of 5 failed", givingUp: true, ReceivedAt.AddSeconds(1));

        Assert.Equal((WebhookEventState.Pending, null, "Attempt 1 of 5 failed"), (retried.State, retried.ProcessedAt, retried.Outcome));
        Assert.Equal((WebhookEventState.Failed, ReceivedAt.AddSeconds(1), "Attempt 5 of 5 failed"), (givenUp.State, givenUp.ProcessedAt, givenUp.Outcome));
    }
}
