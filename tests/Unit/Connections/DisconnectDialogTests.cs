using Bunit;
using FinchDashboard.Dashboard.Components.Pages.Connections;
using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Domain.Connections;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Radzen;

namespace FinchDashboard.Unit.Connections;

public class DisconnectDialogTests : BunitContext
{
    private static readonly Guid ConnectionId = Guid.NewGuid();
    private readonly List<ConnectionDisconnectRequest> _requests = [];

    public DisconnectDialogTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddScoped<DialogService>();
    }

    private IRenderedComponent<DisconnectConnectionDialog> RenderConnectionDialog(params DisconnectOutcome[] outcomes)
    {
        var answers = new Queue<DisconnectOutcome>(outcomes);
        return RenderConnectionDialog(() => Task.FromResult(answers.Dequeue()));
    }

    private IRenderedComponent<DisconnectConnectionDialog> RenderConnectionDialog(Func<Task<DisconnectOutcome>> answer) =>
        Render<DisconnectConnectionDialog>(p => p
            .Add(d => d.ConnectionId, ConnectionId)
            .Add(d => d.CompanyName, "Acme Manufacturing")
            .Add(d => d.ProviderName, "Gusto")
            .Add(d => d.Disconnect, request =>
            {
                _requests.Add(request);
                return answer();
            }));

    private static void Fill(IRenderedComponent<DisconnectConnectionDialog> dialog, string reason, string name)
    {
        dialog.Find("textarea[data-testid=disconnect-reason]").Change(reason);
        dialog.Find("input[data-testid=disconnect-confirmation]").Change(name);
    }

    private static string Problems(IRenderedComponent<DisconnectConnectionDialog> dialog) =>
        string.Join(" | ", dialog.FindAll(".dialog-problem").Select(p => p.TextContent));

    [Fact]
    public void Nothing_is_sent_without_a_reason_and_the_company_name()
    {
        var dialog = RenderConnectionDialog();

        dialog.Find("form").Submit();

        Assert.Contains("Say why", Problems(dialog));
        Assert.Contains("Type the company name exactly as shown: Acme Manufacturing", Problems(dialog));
        Assert.Empty(_requests);
    }

    [Theory]
    [InlineData("acme manufacturing")]
    [InlineData("Acme")]
    [InlineData("Acme Manufacturing Inc")]
    public void The_typed_name_must_match_exactly(string typed)
    {
        var dialog = RenderConnectionDialog();
        Fill(dialog, "Offboarded", typed);

        dialog.Find("form").Submit();

        Assert.Equal("Type the company name exactly as shown: Acme Manufacturing", Problems(dialog));
        Assert.Empty(_requests);
    }

    [Fact]
    public void A_reason_of_only_spaces_is_no_reason()
    {
        var dialog = RenderConnectionDialog();
        Fill(dialog, "   ", "Acme Manufacturing");

        dialog.Find("form").Submit();

        Assert.Contains("Say why", Problems(dialog));
        Assert.Empty(_requests);
    }

    [Fact]
    public void A_failure_is_shown_in_the_dialog_and_the_input_stays()
    {
        var dialog = RenderConnectionDialog(new DisconnectOutcome(false, "Finch is rate limiting us; try again in 60 seconds.", "req-42"));
        Fill(dialog, "Moving payroll in-house", "Acme Manufacturing");

        dialog.Find("form").Submit();

        var request = Assert.Single(_requests);
        Assert.Equal((ConnectionId, "Moving payroll in-house", "Acme Manufacturing", false),
            (request.ConnectionId, request.Reason, request.TypedCompanyName, request.RecordIfTokenRevoked));
        Assert.Contains("rate limiting", dialog.Find("[data-testid=disconnect-error]").TextContent);
        Assert.Contains("req-42", dialog.Find("[data-testid=disconnect-error]").TextContent);
        Assert.Equal("Moving payroll in-house", dialog.Find("textarea[data-testid=disconnect-reason]").GetAttribute("value"));
        Assert.Equal("Acme Manufacturing", dialog.Find("input[data-testid=disconnect-confirmation]").GetAttribute("value"));
        Assert.Empty(dialog.FindAll("[data-testid=record-disconnected]"));
    }

    [Fact]
    public void A_database_that_does_not_answer_is_said_in_the_dialog_and_the_input_stays()
    {
        var dialog = RenderConnectionDialog(() => Task.FromException<DisconnectOutcome>(new NpgsqlException("Failed to connect to 127.0.0.1:5432")));
        Fill(dialog, "Moving payroll in-house", "Acme Manufacturing");

        dialog.Find("form").Submit();

        Assert.Single(_requests);
        Assert.Contains("The database did not answer, so nothing was changed", dialog.Find("[data-testid=disconnect-error]").TextContent);
        Assert.Equal("Moving payroll in-house", dialog.Find("textarea[data-testid=disconnect-reason]").GetAttribute("value"));
        Assert.False(dialog.Find("button[data-testid=confirm-disconnect-connection]").HasAttribute("disabled"));
    }

    [Fact]
    public void A_revoked_token_offers_to_record_the_disconnect_here_only()
    {
        var dialog = RenderConnectionDialog(
            new DisconnectOutcome(false, "Finch no longer accepts this connection's access token.") { TokenRevoked = true },
            new DisconnectOutcome(false, "still refused"));
        Fill(dialog, "Offboarded", "Acme Manufacturing");
        dialog.Find("form").Submit();

        dialog.Find("button[data-testid=record-disconnected]").Click();

        Assert.Equal([false, true], _requests.Select(r => r.RecordIfTokenRevoked));
    }

    private IRenderedComponent<DisconnectEntitiesDialog> RenderEntitiesDialog(
        bool everyActiveEntity, Func<Task>? instead, Func<Task<DisconnectOutcome>>? disconnect = null, bool showFinchIds = true) =>
        Render<DisconnectEntitiesDialog>(p => p
            .Add(d => d.Entities, [Entity("Acme East"), Entity("Acme West")])
            .Add(d => d.EveryActiveEntity, everyActiveEntity)
            .Add(d => d.ShowFinchIds, showFinchIds)
            .Add(d => d.Disconnect, disconnect ?? (() => Task.FromResult(new DisconnectOutcome(true, "done"))))
            .Add(d => d.OpenReauth, () => Task.CompletedTask)
            .Add(d => d.DisconnectConnectionInstead, instead));

    private static ConnectionEntity Entity(string name) => new()
    {
        Id = Guid.NewGuid(), ConnectionId = ConnectionId, FinchEntityId = Guid.NewGuid().ToString(), Name = name, Status = "connected",
    };

    [Fact]
    public void Choosing_every_entity_suggests_the_full_disconnect()
    {
        var switched = false;
        var dialog = RenderEntitiesDialog(everyActiveEntity: true, instead: () =>
        {
            switched = true;
            return Task.CompletedTask;
        });

        Assert.Contains("Finch would keep billing", dialog.Find("[data-testid=all-entities-selected]").TextContent);
        dialog.Find("[data-testid=switch-to-full-disconnect]").Click();
        Assert.True(switched);
    }

    [Fact]
    public void Some_entities_get_no_hint_and_the_dialog_says_what_stays()
    {
        var dialog = RenderEntitiesDialog(everyActiveEntity: false, instead: () => Task.CompletedTask);

        Assert.Empty(dialog.FindAll("[data-testid=all-entities-selected]"));
        Assert.Contains("access token stays valid", dialog.Markup);
        Assert.Contains("Billing does not stop", dialog.Markup);
        Assert.Contains("reauthentication", dialog.Markup);
        Assert.Equal(2, dialog.FindAll("[data-testid=entities-to-disconnect] li").Count);
        Assert.Contains("Disconnect 2 entities", dialog.Find("[data-testid=confirm-disconnect-entities]").TextContent);
    }

    [Fact]
    public void Without_the_permission_to_disconnect_connections_the_hint_offers_no_switch()
    {
        var dialog = RenderEntitiesDialog(everyActiveEntity: true, instead: null);

        Assert.NotEmpty(dialog.FindAll("[data-testid=all-entities-selected]"));
        Assert.Empty(dialog.FindAll("[data-testid=switch-to-full-disconnect]"));
    }

    [Fact]
    public void A_failed_entity_disconnect_is_shown_in_the_dialog()
    {
        var dialog = RenderEntitiesDialog(everyActiveEntity: false, instead: null,
            () => Task.FromResult(new DisconnectOutcome(false, "Finch could not be reached or failed; nothing was changed.", "req-7")));

        dialog.Find("[data-testid=confirm-disconnect-entities]").Click();

        var error = dialog.Find("[data-testid=disconnect-entities-error]").TextContent;
        Assert.Contains("nothing was changed", error);
        Assert.Contains("req-7", error);
    }

    [Fact]
    public void A_database_that_does_not_answer_is_said_in_the_entities_dialog()
    {
        var dialog = RenderEntitiesDialog(everyActiveEntity: false, instead: null,
            () => Task.FromException<DisconnectOutcome>(new NpgsqlException("Failed to connect to 127.0.0.1:5432")));

        dialog.Find("[data-testid=confirm-disconnect-entities]").Click();

        Assert.Contains("The database did not answer, so nothing was changed", dialog.Find("[data-testid=disconnect-entities-error]").TextContent);
        Assert.False(dialog.Find("button[data-testid=confirm-disconnect-entities]").HasAttribute("disabled"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Finch_entity_ids_are_shown_only_to_roles_that_work_with_Finch(bool showFinchIds)
    {
        var dialog = RenderEntitiesDialog(everyActiveEntity: false, instead: null, showFinchIds: showFinchIds);

        var listed = dialog.FindAll("[data-testid=entities-to-disconnect] li");
        Assert.Equal(["Acme East", "Acme West"], listed.Select(li => li.QuerySelector("strong")!.TextContent));
        Assert.Equal(showFinchIds ? 2 : 0, dialog.FindAll("[data-testid=entities-to-disconnect] code").Count);
        var first = listed[0].TextContent;
        Assert.Equal(showFinchIds ? $"Acme East {listed[0].QuerySelector("code")!.TextContent}" : "Acme East", first);
    }
}
