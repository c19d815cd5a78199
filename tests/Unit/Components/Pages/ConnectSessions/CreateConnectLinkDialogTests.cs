using Bunit;
using Microsoft.AspNetCore.Components;
using FinchDashboard.Dashboard.Components.Pages.ConnectSessions;
using FinchDashboard.Dashboard.ConnectSessions;
using FinchDashboard.Dashboard.Employers;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Shell;
using FinchDashboard.Domain.Finch;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Extensions;

namespace FinchDashboard.Unit.Components.Pages.ConnectSessions;

public class CreateConnectLinkDialogTests : MudTestContext
{
    private static readonly EmployerSummary Initech = new(Guid.NewGuid(), "initech", "Initech Software", null, DateTimeOffset.UnixEpoch);
    private readonly RecordingDesk desk = new();

    public CreateConnectLinkDialogTests()
    {
        Services.AddSingleton<IConnectLinkDesk>(desk);
        Services.AddSingleton(Options.Create(new FinchEnvironmentOptions()));
    }

    private IRenderedComponent<MudPopoverProvider> popovers = default!;

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> OpenAsync(Guid? employerId = null)
    {
        popovers = Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var dialog = await provider.InvokeAsync(() => dialogs.ShowAsync<CreateConnectLinkDialog>("Create a Connect link",
            new DialogParameters<CreateConnectLinkDialog> { { d => d.EmployerId, employerId } }));
        provider.WaitForElement("[data-testid=create-link]");
        return (provider, dialog);
    }

    [Fact]
    public async Task It_opens_with_the_focus_asked_for_in_the_employer_field()
    {
        var (provider, _) = await OpenAsync();

        var first = provider.FindAll("[role=dialog] input").First();
        Assert.Equal("employer", first.Id);
        // The last element anything asked the browser to focus is the first field: nothing takes the focus after it.
        provider.WaitForAssertion(() =>
        {
            var focus = JSInterop.Invocations.Last(i => i.Identifier.EndsWith(".focus", StringComparison.Ordinal));
            Assert.Equal(first.GetAttribute("blazor:elementreference"), ((ElementReference)focus.Arguments[0]!).Id);
        });
    }

    [Fact]
    public async Task Every_field_has_a_visible_label_and_every_button_a_name()
    {
        var (provider, _) = await OpenAsync();

        foreach (var input in provider.FindAll("[role=dialog] input:not([type=hidden]):not([aria-hidden=true])"))
        {
            // Tied by for/id, or by the label around the input (MudCheckBox).
            var label = string.IsNullOrEmpty(input.Id) ? input.Closest("label") : provider.FindAll($"label[for='{input.Id}']").SingleOrDefault();
            Assert.False(string.IsNullOrWhiteSpace(label?.TextContent), input.OuterHtml);
        }

        Assert.All(provider.FindAll("[role=dialog] button"),
            button => Assert.False(string.IsNullOrWhiteSpace(button.GetAttribute("aria-label") ?? button.TextContent), button.OuterHtml));
    }

    [Fact]
    public async Task Creating_without_an_employer_says_to_choose_one_and_sends_nothing()
    {
        var (provider, _) = await OpenAsync();

        provider.Find("button[data-testid=create-link]").Click();

        provider.WaitForAssertion(() => Assert.Contains("Choose an employer.", provider.Find("[data-testid=connect-link-problems]").TextContent));
        Assert.Empty(desk.Requests);
    }

    [Fact]
    public async Task The_new_employer_problems_are_shown_and_no_link_is_made()
    {
        desk.EmployerAnswer = new NewEmployerResult.Invalid(["Customer ID is required (at most 64 characters)."]);
        var (provider, _) = await OpenAsync();
        provider.Find("button[data-testid=add-employer]").Click();

        provider.Find("button[data-testid=create-link]").Click();

        provider.WaitForAssertion(() => Assert.Contains("Customer ID is required", provider.Find("[data-testid=connect-link-problems]").TextContent));
        Assert.Empty(desk.Requests);
    }

    [Fact]
    public async Task A_live_connection_at_Finch_offers_a_reauthentication_link_instead()
    {
        var existing = Guid.NewGuid();
        desk.LinkAnswer = new ConnectLinkResult.AlreadyConnected(existing, "conn-1");
        var (provider, dialog) = await OpenAsync();
        await ChooseInitechAsync(provider);

        provider.Find("button[data-testid=create-link]").Click();
        provider.WaitForElement("[data-testid=already-connected]");
        provider.Find("button[data-testid=create-reauth-instead]").Click();

        provider.WaitForAssertion(() => Assert.Contains("Reauthentication link created.", provider.Markup));
        Assert.Equal([existing], desk.Reauthentications);
        Assert.Equal("https://connect.example/link", provider.Find("input[data-testid=connect-url]").GetAttribute("value"));
        provider.FindAll("button").Single(b => b.TextContent.Trim() == "Done").Click();
        var result = await dialog.Result;
        Assert.Equal(existing, Assert.IsType<DialogResult>(result).Data);
    }

    [Fact]
    public async Task Connect_another_system_opens_with_the_employer_chosen_and_links_it()
    {
        var (provider, _) = await OpenAsync(Initech.Id);
        provider.WaitForAssertion(() => Assert.Equal("Initech Software", provider.Find("input#employer").GetAttribute("value")));

        provider.Find("button[data-testid=create-link]").Click();

        provider.WaitForAssertion(() => Assert.Equal(Initech.Id, Assert.Single(desk.Requests).EmployerId));
    }

    [Fact]
    public async Task In_Development_Gusto_and_assisted_providers_are_not_offered_and_connections_must_be_made_again_in_Production()
    {
        Services.AddSingleton(Options.Create(new FinchEnvironmentOptions { Environment = FinchEnvironment.Development }));
        desk.Providers = [Provider("gusto", "Gusto", "oauth"), Provider("trinet", "TriNet", "assisted"), Provider("adp_run", "ADP Run", "credential", "assisted"),
            Provider("rippling", "Rippling", "oauth")];
        var (provider, _) = await OpenAsync();

        Assert.Contains("must connect again in Production", provider.Find("[data-testid=environment-note]").TextContent);
        Assert.DoesNotContain("Also show assisted providers", provider.Markup);
        var choice = provider.FindComponents<MudSelect<string>>().Single(s => s.Instance.GetState(x => x.InputId) == "provider");
        await provider.InvokeAsync(() => choice.Instance.OpenMenu());
        popovers.WaitForAssertion(() => Assert.Contains("Rippling", popovers.Markup));
        Assert.Contains("ADP Run", popovers.Markup);
        Assert.DoesNotContain("Gusto", popovers.Markup);
        Assert.DoesNotContain("TriNet", popovers.Markup);
        await provider.InvokeAsync(() => choice.Instance.SelectOption("adp_run"));
        Assert.Empty(provider.FindAll("input#auth-method"));
    }

    [Fact]
    public async Task In_Production_the_dialog_says_every_connection_is_billable()
    {
        Services.AddSingleton(Options.Create(new FinchEnvironmentOptions { Environment = FinchEnvironment.Production }));
        var (provider, _) = await OpenAsync();

        Assert.Contains("every connection made here is billable", provider.Find("[data-testid=environment-note]").TextContent);
        Assert.Contains("Also show assisted providers", provider.Markup);
    }

    [Fact]
    public async Task In_Sandbox_there_is_no_environment_note()
    {
        var (provider, _) = await OpenAsync();

        Assert.Empty(provider.FindAll("[data-testid=environment-note]"));
    }

    private static FinchProvider Provider(string id, string name, params string[] methods) =>
        new(id, name, null, [.. methods.Select(m => new FinchProviderAuthenticationMethod(m))], null, null, null, null, null, null);

    [Fact]
    public async Task Cancel_creates_nothing()
    {
        var (provider, dialog) = await OpenAsync();
        await ChooseInitechAsync(provider);

        provider.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        var result = await dialog.Result;
        Assert.True(result!.Canceled);
        Assert.Empty(desk.Requests);
        Assert.Empty(desk.Reauthentications);
        Assert.Equal(0, desk.EmployersCreated);
    }

    // Picks the employer as a user does: click the field, then the option.
    private static async Task ChooseInitechAsync(IRenderedComponent<MudDialogProvider> provider)
    {
        var autocomplete = provider.FindComponent<MudAutocomplete<EmployerSummary>>();
        await provider.InvokeAsync(() => autocomplete.Instance.SelectOptionAsync(Initech));
        provider.WaitForAssertion(() => Assert.Equal("Initech Software", provider.Find("input#employer").GetAttribute("value")));
    }

    [Fact]
    public async Task The_link_returns_the_employer_to_the_only_allowed_redirect_uri_without_offering_a_text_field()
    {
        var (provider, _) = await OpenAsync();
        await ChooseInitechAsync(provider);
        Assert.Contains(desk.RedirectUris[0], provider.Find("[data-testid=redirect-uri]").TextContent);
        Assert.Empty(provider.FindAll("input#redirect"));

        provider.Find("button[data-testid=create-link]").Click();

        provider.WaitForAssertion(() => Assert.Equal(desk.RedirectUris[0], Assert.Single(desk.Requests).RedirectUri));
    }

    [Fact]
    public async Task Several_allowed_redirect_uris_are_offered_as_a_choice_and_the_chosen_one_is_sent()
    {
        desk.RedirectUris = ["https://dashboard.example/finch/callback", "https://portal.example/finch/callback"];
        var (provider, _) = await OpenAsync();
        await ChooseInitechAsync(provider);
        var select = provider.FindComponents<MudSelect<string>>().Single(s => s.Instance.GetState(x => x.InputId) == "redirect");
        Assert.Equal("https://dashboard.example/finch/callback", select.Instance.GetState(x => x.Value));

        await provider.InvokeAsync(() => select.Instance.SelectOption("https://portal.example/finch/callback"));
        provider.Find("button[data-testid=create-link]").Click();

        provider.WaitForAssertion(() => Assert.Equal("https://portal.example/finch/callback", Assert.Single(desk.Requests).RedirectUri));
    }

    private sealed class RecordingDesk : IConnectLinkDesk
    {
        public List<NewConnectLinkRequest> Requests { get; } = [];

        public IReadOnlyList<string> RedirectUris { get; set; } = ["http://localhost/finch/callback"];

        public List<Guid> Reauthentications { get; } = [];

        public int EmployersCreated { get; private set; }

        public NewEmployerResult EmployerAnswer { get; set; } = new NewEmployerResult.Created(Initech);

        public ConnectLinkResult LinkAnswer { get; set; } = new ConnectLinkResult.Created(Guid.NewGuid(), "https://connect.example/link", DateTimeOffset.UnixEpoch);

        public Task<IReadOnlyList<EmployerSummary>> EmployersAsync() => Task.FromResult<IReadOnlyList<EmployerSummary>>([Initech]);

        public IReadOnlyList<FinchProvider> Providers { get; set; } = [new FinchProvider("gusto", "Gusto", null, null, null, null, null, null, null, null)];

        public Task<IReadOnlyList<FinchProvider>> ProvidersAsync() => Task.FromResult(Providers);

        public Task<NewEmployerResult> CreateEmployerAsync(string? customerId, string? name, string? email)
        {
            EmployersCreated++;
            return Task.FromResult(EmployerAnswer);
        }

        public Task<ConnectLinkResult> CreateAsync(NewConnectLinkRequest request)
        {
            Requests.Add(request);
            return Task.FromResult(LinkAnswer);
        }

        public Task<ConnectLinkResult> CreateReauthenticationAsync(Guid connectionId, string redirectUri, IReadOnlyList<string> products, int minutesToExpire)
        {
            Reauthentications.Add(connectionId);
            return Task.FromResult<ConnectLinkResult>(new ConnectLinkResult.Created(connectionId, "https://connect.example/link", DateTimeOffset.UnixEpoch));
        }
    }
}
