using Bunit;
using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Components.Pages.Admin;
using FinchDashboard.Dashboard.Users;
using FinchDashboard.Domain.Access;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FinchDashboard.Unit.Components.Pages.Admin;

/// <summary>The user editor opened as the Users page opens it: through the dialog service, with the calls it makes recorded.</summary>
public class UserEditorDialogTests : MudTestContext
{
    private static readonly EmployerName Stark = new(Guid.NewGuid(), "Stark Logistics");
    private static readonly UserSummary Pat = new("user-1", "peo@demo.local", "Pat PEO", [Role.EmployerAdmin], [Stark], null, null);

    private readonly List<NewUser> created = [];
    private readonly List<(string UserId, IReadOnlyCollection<Role> Roles, IReadOnlyCollection<Guid> EmployerIds)> changed = [];
    private Func<Task<UserChangeResult>> answer = () => throw new InvalidOperationException("No answer set for this test.");
    private IRenderedComponent<MudDialogProvider> provider = default!;

    private async Task<IDialogReference> OpenAsync(UserSummary? user)
    {
        Render<MudPopoverProvider>();
        provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<UserEditorDialog>
        {
            { d => d.User, user },
            {
                d => d.Create, request =>
                {
                    created.Add(request);
                    return answer();
                }
            },
            {
                d => d.ChangeAccess, (userId, roles, employerIds) =>
                {
                    changed.Add((userId, roles, employerIds));
                    return answer();
                }
            },
            { d => d.FindEmployers, (_, _, _) => Task.FromResult<IReadOnlyList<EmployerName>>([]) },
        };
        IDialogReference? reference = null;
        await provider.InvokeAsync(async () => reference = await dialogs.ShowAsync<UserEditorDialog>("Add a user", parameters));
        return reference!;
    }

    private string Problems() => provider.Find("[data-testid=user-problems]").TextContent;

    [Fact]
    public async Task Adding_opens_with_the_focus_in_the_email_field()
    {
        await OpenAsync(null);

        var email = provider.Find("input[data-testid=user-email]");
        // The dialog focuses its first field as it opens, and that is the email, which asks for the focus itself too.
        Assert.Equal(DefaultFocus.FirstChild, provider.FindComponent<MudFocusTrap>().Instance.DefaultFocus);
        Assert.Equal(email.OuterHtml, provider.Find(".mud-dialog-content").QuerySelector("input, button, textarea, select, a[href]")?.OuterHtml);
        var focused = JSInterop.Invocations["Blazor._internal.domWrapper.focus"];
        Assert.Contains(focused, call => ((ElementReference)call.Arguments[0]!).Id == email.GetAttribute("blazor:elementReference"));
        Assert.Equal("Email (they sign in with it)", provider.Find($"label[for='{email.Id}']").TextContent.Trim());
    }

    [Fact]
    public async Task Editing_opens_with_the_focus_in_the_first_role()
    {
        await OpenAsync(Pat);

        Assert.Equal(DefaultFocus.FirstChild, provider.FindComponent<MudFocusTrap>().Instance.DefaultFocus);
        var roleBoxes = provider.FindAll("[data-testid=role-choices] input[type=checkbox]");
        Assert.Equal(Roles.All.Count, roleBoxes.Count);
        Assert.Equal(roleBoxes[0].OuterHtml, provider.Find(".mud-dialog-content").QuerySelector("input, button, textarea, select, a[href]")?.OuterHtml);
        Assert.Empty(provider.FindAll("input[data-testid=user-email]"));
    }

    [Fact]
    public async Task What_the_service_refuses_is_listed_and_the_dialog_stays_open()
    {
        answer = () => Task.FromResult<UserChangeResult>(new UserChangeResult.Refused(["Enter an email address.", "Choose at least one role."]));
        var dialog = await OpenAsync(null);

        await provider.Find("form").SubmitAsync();

        provider.WaitForAssertion(() => Assert.Contains("Enter an email address.", Problems()));
        Assert.Contains("Choose at least one role.", Problems());
        Assert.Single(created);
        Assert.False(dialog.Result.IsCompleted);
    }

    [Fact]
    public async Task A_database_that_does_not_answer_is_said_plainly()
    {
        answer = () => throw new TimeoutException("The database did not answer.");
        await OpenAsync(Pat);

        await provider.Find("form").SubmitAsync();

        provider.WaitForAssertion(() => Assert.Equal("Nothing was saved because the database is not answering. Try again in a moment.", Problems().Trim()));
    }

    [Fact]
    public async Task Cancel_changes_nothing()
    {
        var dialog = await OpenAsync(Pat);
        provider.FindAll("[data-testid=role-choices] input[type=checkbox]")[0].Change(true);

        // Found and clicked in one dispatch: the role change may still be re-rendering the buttons.
        await provider.InvokeAsync(() => provider.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").ClickAsync(new()));

        var result = await dialog.Result;
        Assert.True(result!.Canceled);
        Assert.Empty(changed);
        Assert.Empty(created);
    }

    [Fact]
    public async Task Saving_an_edit_sends_the_roles_and_grants_and_closes_with_the_user()
    {
        var saved = Pat with { Roles = [Role.AccountManager, Role.EmployerAdmin] };
        answer = () => Task.FromResult<UserChangeResult>(new UserChangeResult.Saved(saved));
        var dialog = await OpenAsync(Pat);
        provider.FindAll("[data-testid=role-choices] input[type=checkbox]")[(int)Role.AccountManager].Change(true);

        await provider.Find("form").SubmitAsync();

        var result = await dialog.Result;
        Assert.Equal(saved, result!.Data);
        var (userId, roles, employerIds) = Assert.Single(changed);
        Assert.Equal("user-1", userId);
        Assert.Equal([Role.AccountManager, Role.EmployerAdmin], roles);
        Assert.Equal([Stark.Id], employerIds);
    }

    [Fact]
    public async Task A_generated_password_closes_the_editor_with_it_for_the_page_to_show_once()
    {
        var issued = new UserChangeResult.PasswordIssued(Pat, OneTimePassword.Generate());
        answer = () => Task.FromResult<UserChangeResult>(issued);
        var dialog = await OpenAsync(null);
        provider.Find("input[data-testid=user-email]").Change("peo@demo.local");

        await provider.Find("form").SubmitAsync();

        Assert.Same(issued, (await dialog.Result)!.Data);
        Assert.Equal("peo@demo.local", Assert.Single(created).Email);
        Assert.Null(created[0].Password);
    }
}
