using FinchDashboard.Dashboard.Components.Pages.Triage;
using FinchDashboard.Dashboard.Triage;
using FinchDashboard.Domain.Connections;
using MudBlazor;

namespace FinchDashboard.Unit.Components.Pages.Triage;

public class TriageQueueViewTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static TriageItem Item(ActionNeededKind kind = ActionNeededKind.Reauth, string? lastError = null, int entities = 1, int notes = 0) =>
        new(Guid.NewGuid(), "Acme Corp", "Acme Manufacturing", entities, "gusto", null, kind, Now.AddDays(-3), lastError, null, null, null, null, notes);

    [Theory]
    [InlineData(30, "1 min")]
    [InlineData(60 * 5, "5 min")]
    [InlineData(60 * 60 * 3, "3 h")]
    [InlineData(60 * 60 * 50, "2 d 2 h")]
    public void The_wait_reads_in_days_and_hours_hours_or_minutes(int seconds, string expected) =>
        Assert.Equal(expected, TriageQueueView.Age(Now.AddSeconds(-seconds), Now));

    [Fact]
    public void Finchs_message_comes_first_and_the_kinds_meaning_stands_in_for_a_missing_one()
    {
        Assert.Equal("Token expired", TriageQueueView.Problem(Item(lastError: "Token expired")));
        Assert.Equal("The employer must sign in to the provider again.", TriageQueueView.Problem(Item()));
        Assert.Equal("Still being set up by Finch, longer than a set-up of this type should take.", TriageQueueView.Problem(Item(ActionNeededKind.StuckPending)));
        Assert.StartsWith("Finch has not synced its data on schedule.", TriageQueueView.Problem(Item(ActionNeededKind.SyncOverdue)));
    }

    [Fact]
    public void A_multi_entity_connection_is_not_named_after_one_of_its_companies()
    {
        Assert.Equal("Acme Manufacturing", TriageQueueView.Company(Item()));
        Assert.Equal("Multi-entity connection", TriageQueueView.Company(Item(entities: 2)));
        Assert.Equal("Acme Corp · gusto", TriageQueueView.EmployerAndProvider(Item()));
    }

    [Fact]
    public void Counts_notes_follow_ups_and_empty_states_read_naturally()
    {
        Assert.Equal("1 connection", TriageQueueView.Count(1));
        Assert.Equal("1,204 connections", TriageQueueView.Count(1204));
        Assert.Equal("Notes", TriageQueueView.NotesLabel(Item()));
        Assert.Equal("Notes (2)", TriageQueueView.NotesLabel(Item(notes: 2)));
        Assert.Equal("Nothing needs action. Every live connection is healthy.", TriageQueueView.EmptyText(filtered: false));
        Assert.Equal("No connection of this provider or kind needs action.", TriageQueueView.EmptyText(filtered: true));

        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        Assert.EndsWith("(due)", TriageQueueView.FollowUp(today, today));
        Assert.DoesNotContain("due", TriageQueueView.FollowUp(today.AddDays(1), today));
    }

    [Theory]
    [InlineData(ActionNeededKind.Reauth, Color.Error)]
    [InlineData(ActionNeededKind.PermissionsError, Color.Warning)]
    [InlineData(ActionNeededKind.NoAccountSetUp, Color.Warning)]
    [InlineData(ActionNeededKind.StuckPending, Color.Info)]
    public void Each_kind_has_a_palette_colour(ActionNeededKind kind, Color colour) =>
        Assert.Equal(colour, TriageQueueView.KindColour(kind));
}
