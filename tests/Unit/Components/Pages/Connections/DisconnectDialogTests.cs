using AngleSharp.Dom;
using Bunit;
using FinchDashboard.Dashboard.Components.Pages.Connections;
using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Domain.Connections;
using MudBlazor;
using Npgsql;

namespace FinchDashboard.Unit.Components.Pages.Connections;

public class DisconnectDialogTests : DialogTestContext
{
    private static readonly Guid ConnectionId = Guid.NewGuid();
    private readonly List<ConnectionDisconnectRequest> _requests = [];
    private int _entityDisconnects;
    private int _reauthOpened;

    private Task<IRenderedComponent<MudDialogProvider>> OpenConnectionDialogAsync(params DisconnectOutcome[] outcomes)
    {
        var answers = new Queue<DisconnectOutcome>(outcomes);
        return OpenConnectionDialogAsync(() => Task.FromResult(answers.Dequeue()));
    }

    private Task<IRenderedComponent<MudDialogProvider>> OpenConnectionDialogAsync(Func<Task<DisconnectOutcome>> answer, bool needsReauth = false) =>
        OpenAsync(new DialogParameters<DisconnectConnectionDialog>
        {
            { d => d.ConnectionId, ConnectionId },
            { d => d.CompanyName, "Acme Manufacturing" },
            { d => d.ProviderName, "Gusto" },
            {
                d => d.Disconnect, request =>
                {
                    _requests.Add(request);
                    return answer();
                }
            },
            { d => d.NeedsReauth, needsReauth },
            { d => d.OpenReauth, OpenReauthAsync },
        });

    private Task OpenReauthAsync()
    {
        _reauthOpened++;
        return Task.CompletedTask;
    }

    private static IElement Reason(IRenderedComponent<MudDialogProvider> dialog) => dialog.Find("textarea[data-testid=disconnect-reason]");

    private static IElement TypedName(IRenderedComponent<MudDialogProvider> dialog) => dialog.Find("input[data-testid=disconnect-confirmation]");

    private static void Fill(IRenderedComponent<MudDialogProvider> dialog, string reason, string name)
    {
        Reason(dialog).Input(reason);
        TypedName(dialog).Input(name);
    }

    /// <summary>A field's problem, read as assistive technology reads it: the element its aria-describedby names.</summary>
    private static string? Problem(IRenderedComponent<MudDialogProvider> dialog, IElement field) =>
        field.GetAttribute("aria-describedby") is { } id ? dialog.Find($"#{id}").TextContent.Trim() : null;

    [Fact]
    public async Task The_connection_dialog_opens_with_the_focus_in_the_reason()
    {
        var dialog = await OpenConnectionDialogAsync();

        Assert.Equal("disconnect-reason", LastFocused(dialog).Id);
    }

    [Fact]
    public async Task On_a_connection_in_reauth_the_connection_dialog_offers_the_reauthentication_link_first()
    {
        var dialog = await OpenConnectionDialogAsync(() => Task.FromResult(new DisconnectOutcome(true, "Disconnected.")), needsReauth: true);

        Assert.Contains("needs re-authentication, which is not a disconnect", dialog.Find("[data-testid=reauth-first]").TextContent);
        Assert.Equal("reauth-instead", LastFocused(dialog).GetAttribute("data-testid"));
        Assert.Empty(dialog.FindAll("[data-testid=disconnect-reason]"));
        Assert.Empty(dialog.FindAll("[data-testid=confirm-disconnect-connection]"));

        dialog.Find("button[data-testid=reauth-instead]").Click();

        Assert.True((await Dialog.Result)!.Canceled);
        Assert.Equal(1, _reauthOpened);
        Assert.Empty(_requests);
    }

    [Fact]
    public async Task On_a_connection_in_reauth_the_disconnect_is_still_there_after_choosing_it()
    {
        var dialog = await OpenConnectionDialogAsync(() => Task.FromResult(new DisconnectOutcome(true, "Disconnected.")), needsReauth: true);

        dialog.Find("button[data-testid=disconnect-anyway]").Click();
        Fill(dialog, "Offboarded", "Acme Manufacturing");
        dialog.Find("form").Submit();

        Assert.Empty(dialog.FindAll("[data-testid=reauth-first]"));
        Assert.Single(_requests);
        Assert.False((await Dialog.Result)!.Canceled);
        Assert.Equal(0, _reauthOpened);
    }

    [Fact]
    public async Task A_connection_not_in_reauth_goes_straight_to_the_disconnect()
    {
        var dialog = await OpenConnectionDialogAsync();

        Assert.Empty(dialog.FindAll("[data-testid=reauth-first]"));
        Assert.NotNull(Reason(dialog));
    }

    [Fact]
    public async Task Nothing_is_sent_without_a_reason_and_the_company_name()
    {
        var dialog = await OpenConnectionDialogAsync();

        dialog.Find("form").Submit();

        Assert.StartsWith("Say why", Problem(dialog, Reason(dialog)));
        Assert.Equal("Type the company name exactly as shown: Acme Manufacturing", Problem(dialog, TypedName(dialog)));
        Assert.Equal("true", Reason(dialog).GetAttribute("aria-invalid"));
        Assert.Empty(_requests);
    }

    [Theory]
    [InlineData("acme manufacturing")]
    [InlineData("Acme")]
    [InlineData("Acme Manufacturing Inc")]
    public async Task The_typed_name_must_match_exactly(string typed)
    {
        var dialog = await OpenConnectionDialogAsync();
        Fill(dialog, "Offboarded", typed);

        dialog.Find("form").Submit();

        Assert.Null(Problem(dialog, Reason(dialog)));
        Assert.Equal("Type the company name exactly as shown: Acme Manufacturing", Problem(dialog, TypedName(dialog)));
        Assert.Empty(_requests);
    }

    [Fact]
    public async Task A_reason_of_only_spaces_is_no_reason()
    {
        var dialog = await OpenConnectionDialogAsync();
        Fill(dialog, "   ", "Acme Manufacturing");

        dialog.Find("form").Submit();

        Assert.StartsWith("Say why", Problem(dialog, Reason(dialog)));
        Assert.Empty(_requests);
    }

    [Fact]
    public async Task Cancelling_the_connection_dialog_sends_nothing()
    {
        var dialog = await OpenConnectionDialogAsync();
        Fill(dialog, "Offboarded", "Acme Manufacturing");

        dialog.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        Assert.True((await Dialog.Result)!.Canceled);
        Assert.Empty(_requests);
    }

    [Fact]
    public async Task A_failure_is_shown_in_the_dialog_and_the_input_stays()
    {
        var dialog = await OpenConnectionDialogAsync(new DisconnectOutcome(false, "Finch is rate limiting us; try again in 60 seconds.", "req-42"));
        Fill(dialog, "Moving payroll in-house", "Acme Manufacturing");

        dialog.Find("form").Submit();

        var request = Assert.Single(_requests);
        Assert.Equal((ConnectionId, "Moving payroll in-house", "Acme Manufacturing", false),
            (request.ConnectionId, request.Reason, request.TypedCompanyName, request.RecordIfTokenRevoked));
        Assert.Contains("rate limiting", dialog.Find("[data-testid=disconnect-error]").TextContent);
        Assert.Contains("req-42", dialog.Find("[data-testid=disconnect-error]").TextContent);
        Assert.Equal("Moving payroll in-house", Reason(dialog).GetAttribute("value"));
        Assert.Equal("Acme Manufacturing", TypedName(dialog).GetAttribute("value"));
        Assert.Empty(dialog.FindAll("[data-testid=record-disconnected]"));
        Assert.False(Dialog.Result.IsCompleted);
    }

    [Fact]
    public async Task A_database_that_does_not_answer_is_said_in_the_dialog_and_the_input_stays()
    {
        var dialog = await OpenConnectionDialogAsync(() => Task.FromException<DisconnectOutcome>(new NpgsqlException("Failed to connect to 127.0.0.1:5432")));
        Fill(dialog, "Moving payroll in-house", "Acme Manufacturing");

        dialog.Find("form").Submit();

        Assert.Single(_requests);
        Assert.Contains("The database did not answer, so nothing was changed", dialog.Find("[data-testid=disconnect-error]").TextContent);
        Assert.Equal("Moving payroll in-house", Reason(dialog).GetAttribute("value"));
        Assert.False(dialog.Find("button[data-testid=confirm-disconnect-connection]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task While_Finch_is_asked_the_buttons_wait_and_say_so()
    {
        var answer = new TaskCompletionSource<DisconnectOutcome>();
        var dialog = await OpenConnectionDialogAsync(() => answer.Task);
        Fill(dialog, "Offboarded", "Acme Manufacturing");

        dialog.Find("form").Submit();

        var confirm = dialog.Find("button[data-testid=confirm-disconnect-connection]");
        Assert.True(confirm.HasAttribute("disabled"));
        Assert.Contains("Asking Finch", confirm.TextContent);
        Assert.NotNull(confirm.QuerySelector("[role=progressbar]"));
        Assert.True(dialog.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").HasAttribute("disabled"));

        await dialog.InvokeAsync(() => answer.SetResult(new DisconnectOutcome(true, "Disconnected.")));
        var result = await Dialog.Result;
        Assert.Equal("Disconnected.", Assert.IsType<DisconnectOutcome>(result!.Data).Message);
    }

    [Fact]
    public async Task A_revoked_token_offers_to_record_the_disconnect_here_only()
    {
        var dialog = await OpenConnectionDialogAsync(
            new DisconnectOutcome(false, "Finch no longer accepts this connection's access token.") { TokenRevoked = true },
            new DisconnectOutcome(false, "still refused"));
        Fill(dialog, "Offboarded", "Acme Manufacturing");
        dialog.Find("form").Submit();

        dialog.Find("button[data-testid=record-disconnected]").Click();

        Assert.Equal([false, true], _requests.Select(r => r.RecordIfTokenRevoked));
    }

    private Task<IRenderedComponent<MudDialogProvider>> OpenEntitiesDialogAsync(
        bool everyActiveEntity, Func<Task>? instead, Func<Task<DisconnectOutcome>>? disconnect = null, bool showFinchIds = true, bool needsReauth = false) =>
        OpenAsync(new DialogParameters<DisconnectEntitiesDialog>
        {
            { d => d.Entities, [Entity("Acme East"), Entity("Acme West")] },
            { d => d.EveryActiveEntity, everyActiveEntity },
            { d => d.ShowFinchIds, showFinchIds },
            {
                d => d.Disconnect, () =>
                {
                    _entityDisconnects++;
                    return disconnect?.Invoke() ?? Task.FromResult(new DisconnectOutcome(true, "done"));
                }
            },
            { d => d.OpenReauth, OpenReauthAsync },
            { d => d.NeedsReauth, needsReauth },
            { d => d.DisconnectConnectionInstead, instead },
        });

    private static ConnectionEntity Entity(string name) =>
        new(Guid.NewGuid(), ConnectionId, Guid.Empty, Guid.NewGuid().ToString(), name, null, "connected");

    private static IElement Button(IRenderedComponent<MudDialogProvider> dialog, string text) =>
        dialog.FindAll("button").Single(b => b.TextContent.Trim() == text);

    [Fact]
    public async Task The_entities_dialog_has_no_field_so_it_opens_with_the_focus_on_Cancel()
    {
        var dialog = await OpenEntitiesDialogAsync(everyActiveEntity: false, instead: null);

        Assert.Equal("Cancel", LastFocused(dialog).TextContent.Trim());
    }

    [Fact]
    public async Task On_a_connection_in_reauth_the_entities_dialog_offers_the_reauthentication_link_first()
    {
        var dialog = await OpenEntitiesDialogAsync(everyActiveEntity: false, instead: null, needsReauth: true);

        Assert.Contains("needs re-authentication, which is not a disconnect", dialog.Find("[data-testid=reauth-first]").TextContent);
        Assert.Equal("reauth-instead", LastFocused(dialog).GetAttribute("data-testid"));
        Assert.Empty(dialog.FindAll("[data-testid=confirm-disconnect-entities]"));

        dialog.Find("button[data-testid=reauth-instead]").Click();

        Assert.True((await Dialog.Result)!.Canceled);
        Assert.Equal(1, _reauthOpened);
        Assert.Equal(0, _entityDisconnects);
    }

    [Fact]
    public async Task On_a_connection_in_reauth_the_entities_can_still_be_disconnected_after_choosing_to()
    {
        var dialog = await OpenEntitiesDialogAsync(everyActiveEntity: false, instead: null, needsReauth: true);

        dialog.Find("button[data-testid=disconnect-anyway]").Click();

        Assert.Empty(dialog.FindAll("[data-testid=reauth-first]"));
        dialog.Find("button[data-testid=confirm-disconnect-entities]").Click();
        Assert.False((await Dialog.Result)!.Canceled);
        Assert.Equal((1, 0), (_entityDisconnects, _reauthOpened));
    }

    [Fact]
    public async Task Cancelling_the_entities_dialog_disconnects_nothing()
    {
        var dialog = await OpenEntitiesDialogAsync(everyActiveEntity: false, instead: null);

        Button(dialog, "Cancel").Click();

        Assert.True((await Dialog.Result)!.Canceled);
        Assert.Equal(0, _entityDisconnects);
    }

    [Fact]
    public async Task Choosing_every_entity_suggests_the_full_disconnect()
    {
        var switched = false;
        var dialog = await OpenEntitiesDialogAsync(everyActiveEntity: true, instead: () =>
        {
            switched = true;
            return Task.CompletedTask;
        });

        Assert.Contains("Finch stops billing this connection", dialog.Find("[data-testid=all-entities-selected]").TextContent);
        Assert.StartsWith("Billing stops.", dialog.Find("[data-testid=entities-billing]").TextContent.Trim());
        dialog.Find("button[data-testid=switch-to-full-disconnect]").Click();
        Assert.True(switched);
        Assert.True((await Dialog.Result)!.Canceled);
        Assert.Equal(0, _entityDisconnects);
    }

    [Fact]
    public async Task Some_entities_get_no_hint_and_the_dialog_says_what_stays()
    {
        var dialog = await OpenEntitiesDialogAsync(everyActiveEntity: false, instead: () => Task.CompletedTask);

        Assert.Empty(dialog.FindAll("[data-testid=all-entities-selected]"));
        Assert.Contains("access token stays valid", dialog.Markup);
        Assert.StartsWith("Billing does not stop.", dialog.Find("[data-testid=entities-billing]").TextContent.Trim());
        Assert.Contains("reauthentication", dialog.Markup);
        Assert.Equal(2, dialog.FindAll("[data-testid=entities-to-disconnect] li").Count);
        Assert.Contains("Disconnect 2 entities", dialog.Find("[data-testid=confirm-disconnect-entities]").TextContent);
    }

    [Fact]
    public async Task Without_the_permission_to_disconnect_connections_the_hint_offers_no_switch()
    {
        var dialog = await OpenEntitiesDialogAsync(everyActiveEntity: true, instead: null);

        Assert.NotEmpty(dialog.FindAll("[data-testid=all-entities-selected]"));
        Assert.Empty(dialog.FindAll("[data-testid=switch-to-full-disconnect]"));
    }

    [Fact]
    public async Task A_failed_entity_disconnect_is_shown_in_the_dialog()
    {
        var dialog = await OpenEntitiesDialogAsync(everyActiveEntity: false, instead: null,
            () => Task.FromResult(new DisconnectOutcome(false, "Finch could not be reached or failed; nothing was changed.", "req-7")));

        dialog.Find("button[data-testid=confirm-disconnect-entities]").Click();

        var error = dialog.Find("[data-testid=disconnect-entities-error]").TextContent;
        Assert.Contains("nothing was changed", error);
        Assert.Contains("req-7", error);
        Assert.False(Dialog.Result.IsCompleted);
    }

    [Fact]
    public async Task A_database_that_does_not_answer_is_said_in_the_entities_dialog()
    {
        var dialog = await OpenEntitiesDialogAsync(everyActiveEntity: false, instead: null,
            () => Task.FromException<DisconnectOutcome>(new NpgsqlException("Failed to connect to 127.0.0.1:5432")));

        dialog.Find("button[data-testid=confirm-disconnect-entities]").Click();

        Assert.Contains("The database did not answer, so nothing was changed", dialog.Find("[data-testid=disconnect-entities-error]").TextContent);
        Assert.False(dialog.Find("button[data-testid=confirm-disconnect-entities]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task While_Finch_is_asked_the_entities_dialog_waits_and_says_so()
    {
        var answer = new TaskCompletionSource<DisconnectOutcome>();
        var dialog = await OpenEntitiesDialogAsync(everyActiveEntity: false, instead: null, () => answer.Task);

        dialog.Find("button[data-testid=confirm-disconnect-entities]").Click();

        var confirm = dialog.Find("button[data-testid=confirm-disconnect-entities]");
        Assert.True(confirm.HasAttribute("disabled"));
        Assert.Contains("Asking Finch", confirm.TextContent);
        Assert.NotNull(confirm.QuerySelector("[role=progressbar]"));
        Assert.True(Button(dialog, "Cancel").HasAttribute("disabled"));

        await dialog.InvokeAsync(() => answer.SetResult(new DisconnectOutcome(true, "Disconnected Acme East.")));
        Assert.False((await Dialog.Result)!.Canceled);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Finch_entity_ids_are_shown_only_to_roles_that_work_with_Finch(bool showFinchIds)
    {
        var dialog = await OpenEntitiesDialogAsync(everyActiveEntity: false, instead: null, showFinchIds: showFinchIds);

        var listed = dialog.FindAll("[data-testid=entities-to-disconnect] li");
        Assert.Equal(["Acme East", "Acme West"], listed.Select(li => li.QuerySelector("strong")!.TextContent));
        Assert.Equal(showFinchIds ? 2 : 0, dialog.FindAll("[data-testid=entities-to-disconnect] code").Count);
        var first = listed[0].TextContent.Trim();
        Assert.Equal(showFinchIds ? $"Acme East {listed[0].QuerySelector("code")!.TextContent}" : "Acme East", first);
    }
}
