using FinchDashboard.Dashboard.Users;
using FinchDashboard.Domain.Access;

namespace FinchDashboard.Unit.Users;

public class UserEditorFormTests
{
    private static readonly EmployerName Stark = new(Guid.NewGuid(), "Stark Logistics");
    private static readonly EmployerName Umbrella = new(Guid.NewGuid(), "Umbrella Health");
    private static readonly EmployerName Wayne = new(Guid.NewGuid(), "Wayne Hospitality");

    private static UserSummary User(IReadOnlyList<Role> roles, params EmployerName[] employers) =>
        new("user-1", "peo@demo.local", "Pat PEO", roles, employers, null, null);

    [Fact]
    public void Editing_starts_from_the_users_roles_and_employers()
    {
        var form = new UserEditorForm(User([Role.EmployerAdmin], Stark, Umbrella));

        Assert.False(form.IsNew);
        Assert.True(form.Has(Role.EmployerAdmin));
        Assert.False(form.Has(Role.Admin));
        Assert.Equal([Stark, Umbrella], form.Employers);
        Assert.Equal(EmployerReach.Granted, form.Scope);
        Assert.Equal([Stark.Id, Umbrella.Id], form.EmployerIdsToGrant);
    }

    [Fact]
    public void Granted_employers_stay_in_name_order_and_are_not_granted_twice()
    {
        var form = new UserEditorForm(User([Role.EmployerAdmin], Umbrella));

        form.Grant(Wayne);
        form.Grant(Stark);
        form.Grant(Wayne);

        Assert.Equal([Stark, Umbrella, Wayne], form.Employers);

        form.Revoke(Umbrella);

        Assert.Equal([Stark, Wayne], form.Employers);
    }

    [Fact]
    public void The_picker_offers_only_employers_not_granted_yet_and_asks_for_enough_to_fill_its_list()
    {
        var form = new UserEditorForm(User([Role.AccountManager], Stark));
        var found = Enumerable.Range(0, 30).Select(i => new EmployerName(Guid.NewGuid(), $"Employer {i:00}")).Prepend(Stark).ToList();

        var offered = form.Choosable(found);

        Assert.DoesNotContain(Stark, offered);
        Assert.Equal(UserEditorForm.EmployerChoiceCount, offered.Count);
        Assert.Equal(UserEditorForm.EmployerChoiceCount + 1, form.EmployerSearchSize);
    }

    [Fact]
    public void A_role_that_sees_every_employer_drops_the_grants_and_says_so()
    {
        var form = new UserEditorForm(User([Role.AccountManager], Stark, Wayne));

        form.Choose(Role.Support, true);

        Assert.Equal(EmployerReach.EveryEmployer, form.Scope);
        Assert.Empty(form.EmployerIdsToGrant);
        Assert.Equal("Admin and Support see every employer, so there is nothing to choose here. Saving removes the 2 employers granted before.", form.ScopeNote);

        form.Revoke(Wayne);
        Assert.EndsWith("Saving removes the 1 employer granted before.", form.ScopeNote);
    }

    [Fact]
    public void Without_a_role_there_is_nothing_to_grant()
    {
        var form = new UserEditorForm(User([Role.EmployerAdmin], Stark));

        form.Choose(Role.EmployerAdmin, false);

        Assert.Equal(EmployerReach.NoRole, form.Scope);
        Assert.Equal("Choose a role first.", form.ScopeNote);
        Assert.Empty(form.ChosenRoles);
        Assert.Empty(form.EmployerIdsToGrant);
    }

    [Fact]
    public void The_note_names_what_the_grants_mean_for_the_role()
    {
        var manager = new UserEditorForm(User([Role.AccountManager]));
        var employerAdmin = new UserEditorForm(User([Role.EmployerAdmin]));

        Assert.Equal("An account manager's book. They see these employers' connections and nothing else.", manager.ScopeNote);
        Assert.Equal("The employer this admin works for; a PEO admin gets several. They see these employers' connections and nothing else.", employerAdmin.ScopeNote);
    }

    [Fact]
    public void A_new_user_gets_a_generated_password_unless_the_admin_types_one()
    {
        var form = new UserEditorForm(null) { Email = "new@demo.local", DisplayName = "New Person", Password = "ignored until chosen" };
        form.Choose(Role.EmployerAdmin, true);
        form.Choose(Role.AccountManager, true);
        form.Grant(Stark);

        Assert.True(form.IsNew);
        Assert.Equal(new NewUser("new@demo.local", "New Person", [Role.AccountManager, Role.EmployerAdmin], [Stark.Id], null), form.ToNewUser(), NewUserComparer);

        form.TypePassword = true;
        Assert.Equal("ignored until chosen", form.ToNewUser().Password);

        form.Password = null;
        Assert.Equal("", form.ToNewUser().Password);
    }

    private static readonly IEqualityComparer<NewUser> NewUserComparer = EqualityComparer<NewUser>.Create((a, b) =>
        a!.Email == b!.Email && a.DisplayName == b.DisplayName && a.Roles.SequenceEqual(b.Roles) && a.EmployerIds.SequenceEqual(b.EmployerIds) && a.Password == b.Password);
}
