using Bunit;
using FinchDashboard.Dashboard.Components.Pages.ConnectSessions;
using FinchDashboard.Dashboard.ConnectSessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;

namespace FinchDashboard.Unit.Components.Pages.ConnectSessions;

public class ReauthLinkDialogTests : DialogTestContext
{
    public ReauthLinkDialogTests()
    {
        // Without a database or Finch: creating a link would fail loudly, so a test that passes made no call.
        Services.AddSingleton(new ConnectLinks(null!, null!, null!, null!, null!, null!, null!, null!, TimeProvider.System, NullLogger<ConnectLinks>.Instance));
    }

    private Task<IRenderedComponent<MudDialogProvider>> OpenReauthDialogAsync() =>
        OpenAsync(new DialogParameters<ReauthLinkDialog>
        {
            { d => d.ConnectionId, Guid.NewGuid() },
            { d => d.CompanyName, "Acme Manufacturing" },
            { d => d.ProviderName, "Gusto" },
        });

    [Fact]
    public async Task It_has_no_field_before_the_link_exists_so_it_opens_with_the_focus_on_creating_it()
    {
        var dialog = await OpenReauthDialogAsync();

        Assert.Equal("create-reauth-link", LastFocused(dialog).GetAttribute("data-testid"));
        Assert.Contains("sign in to Gusto again", dialog.Markup);
    }

    [Fact]
    public async Task It_offers_only_products_the_connection_lacks_and_a_lifetime_defaulting_to_Finchs_30_days()
    {
        var dialog = await OpenAsync(new DialogParameters<ReauthLinkDialog>
        {
            { d => d.ConnectionId, Guid.NewGuid() },
            { d => d.CompanyName, "Acme Manufacturing" },
            { d => d.ProviderName, "Gusto" },
            { d => d.GrantedProducts, ["company", "directory"] },
        });

        Assert.Contains("Already granted: company, directory.", dialog.Find("[data-testid=reauth-products]").TextContent);
        Assert.Empty(dialog.FindAll("[data-testid=reauth-product-company]"));
        Assert.Single(dialog.FindAll("[data-testid=reauth-product-ssn]"));
        Assert.Equal("43200", dialog.Find("#reauth-minutes").GetAttribute("value"));
        Assert.Contains("About 30 days", dialog.Markup);
    }

    [Fact]
    public async Task Cancelling_creates_no_link()
    {
        var dialog = await OpenReauthDialogAsync();

        dialog.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        Assert.True((await Dialog.Result)!.Canceled);
        Assert.Empty(dialog.FindAll("[role=dialog]"));
    }
}
