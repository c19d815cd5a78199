using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Unit.Access;

public class OneTimePasswordTests
{
    [Fact]
    public async Task Generated_passwords_pass_the_dashboards_password_rules_and_differ()
    {
        // The rules Extensions.cs configures: Identity's defaults with a 12-character minimum.
        var options = new IdentityOptions { Password = { RequiredLength = 12 } };
        var users = new UserManager<DashboardUser>(new NoStore(), Options.Create(options), new PasswordHasher<DashboardUser>(),
            [], [new PasswordValidator<DashboardUser>()], new UpperInvariantLookupNormalizer(), new IdentityErrorDescriber(), null!, null!);
        var validator = new PasswordValidator<DashboardUser>();

        var passwords = Enumerable.Range(0, 200).Select(_ => OneTimePassword.Generate().Value).ToList();

        foreach (var password in passwords)
        {
            var result = await validator.ValidateAsync(users, new DashboardUser(), password);
            Assert.True(result.Succeeded, $"{password}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            Assert.Matches("^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$", password);
        }

        Assert.Equal(passwords.Count, passwords.Distinct().Count());
    }

    [Fact]
    public void The_password_never_shows_in_its_text_form()
    {
        var password = OneTimePassword.Generate();

        Assert.DoesNotContain(password.Value, password.ToString());
        Assert.DoesNotContain(password.Value, $"{password}");
    }

    private sealed class NoStore : IUserStore<DashboardUser>
    {
        public void Dispose()
        {
        }

        public Task<string> GetUserIdAsync(DashboardUser user, CancellationToken cancellationToken) => Task.FromResult(user.Id);
        public Task<string?> GetUserNameAsync(DashboardUser user, CancellationToken cancellationToken) => Task.FromResult(user.UserName);
        public Task SetUserNameAsync(DashboardUser user, string? userName, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<string?> GetNormalizedUserNameAsync(DashboardUser user, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task SetNormalizedUserNameAsync(DashboardUser user, string? normalizedName, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IdentityResult> CreateAsync(DashboardUser user, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IdentityResult> UpdateAsync(DashboardUser user, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IdentityResult> DeleteAsync(DashboardUser user, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<DashboardUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<DashboardUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
