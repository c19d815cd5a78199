using Bunit;
using FinchDashboard.Dashboard.BankAccounts;
using FinchDashboard.Dashboard.Components.Pages.BankAccounts;
using MudBlazor;

namespace FinchDashboard.Unit.Components.Pages.BankAccounts;

public class DisconnectBankAccountDialogTests : DialogTestContext
{
    private readonly List<string> _reasons = [];

    private Task<IRenderedComponent<MudDialogProvider>> OpenDialogAsync(BankAccountDisconnectOutcome answer) =>
        OpenAsync(new DialogParameters<DisconnectBankAccountDialog>
        {
            { d => d.AccountName, "PNC Bank Operating ••••4242" },
            {
                d => d.Disconnect, reason =>
                {
                    _reasons.Add(reason);
                    return Task.FromResult(answer);
                }
            },
        });

    [Fact]
    public async Task The_dialog_says_what_stripes_disconnection_means_and_starts_in_the_reason()
    {
        var dialog = await OpenDialogAsync(new BankAccountDisconnectOutcome(true, "Disconnected."));

        var consequences = dialog.Find("[data-testid=bank-disconnect-consequences]").TextContent;
        Assert.Contains("stays readable", consequences);
        Assert.Contains("Nothing is refreshed again", consequences);
        Assert.Contains("Payment methods made from this account keep working", consequences);
        Assert.Contains("link the account again", consequences);
        Assert.Contains("PNC Bank Operating ••••4242", dialog.Markup);
        Assert.Equal("bank-disconnect-reason", LastFocused(dialog).Id);
    }

    [Fact]
    public async Task Without_a_reason_nothing_is_asked_of_stripe()
    {
        var dialog = await OpenDialogAsync(new BankAccountDisconnectOutcome(true, "Disconnected."));

        dialog.Find("form").Submit();

        Assert.Empty(_reasons);
        Assert.Contains("Say why the bank account is being disconnected", dialog.Markup);
    }

    [Fact]
    public async Task With_a_reason_it_disconnects_and_closes_with_the_outcome()
    {
        var dialog = await OpenDialogAsync(new BankAccountDisconnectOutcome(true, "Disconnected.", "req_1"));

        dialog.Find("textarea[data-testid=bank-disconnect-reason]").Input("  Account closed  ");
        dialog.Find("form").Submit();

        Assert.Equal(["Account closed"], _reasons);
        var result = await Dialog.Result;
        Assert.False(result!.Canceled);
        Assert.True(Assert.IsType<BankAccountDisconnectOutcome>(result.Data).Succeeded);
    }

    [Fact]
    public async Task A_stripe_failure_stays_in_the_dialog_with_stripes_request_id()
    {
        var dialog = await OpenDialogAsync(new BankAccountDisconnectOutcome(false, "Stripe is receiving too many requests (429), so nothing was changed here.", "req_429"));

        dialog.Find("textarea[data-testid=bank-disconnect-reason]").Input("Closing");
        dialog.Find("form").Submit();

        var error = dialog.Find("[data-testid=bank-disconnect-error]").TextContent;
        Assert.Contains("nothing was changed here", error);
        Assert.Contains("req_429", error);
    }
}
