using System.Net;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FinchDashboard.Integration.Access;

/// <summary>
/// The idle timeout (30 minutes) and absolute lifetime (12 hours) of a session, on a clock the test moves: the app,
/// its sign-in cookie and its session store all read the time from it.
/// </summary>
public sealed class SessionLifetimeTests(SessionLifetimeTests.FakeClock fixture) : IClassFixture<SessionLifetimeTests.FakeClock>
{
    private readonly DashboardFactory _app = fixture.App;
    private readonly FakeTimeProvider _clock = fixture.Clock;

    public sealed class FakeClock : IAsyncLifetime
    {
        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

        public DashboardFactory App { get; }

        public FakeClock() => App = new DashboardFactory(new Dictionary<string, string>(), Clock);

        public Task InitializeAsync() => App.InitializeAsync();

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    [Fact]
    public async Task A_session_nobody_uses_for_the_idle_timeout_ends_and_use_keeps_it_going()
    {
        var browser = await SignedInAsync();

        _clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        _clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        _clock.Advance(TimeSpan.FromMinutes(30));

        AssertSentToSignIn(await browser.GetAsync("/"));
    }

    [Fact]
    public async Task Activity_reported_by_an_open_page_counts_as_use()
    {
        var browser = await SignedInAsync();

        _clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.NoContent, (await browser.Client.PostAsync("/account/activity", null)).StatusCode);
        _clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        _clock.Advance(TimeSpan.FromMinutes(30));

        AssertSentToSignIn(await browser.GetAsync("/"));
    }

    [Fact]
    public async Task A_session_ends_at_its_absolute_lifetime_however_busy()
    {
        var user = await _app.AddUserAsync(Role.Support);
        var browser = await _app.SignedInBrowserAsync(user);

        for (var used = TimeSpan.Zero; used < TimeSpan.FromHours(12) - TimeSpan.FromMinutes(20); used += TimeSpan.FromMinutes(20))
        {
            _clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        }

        var session = await SessionOfAsync(user.Id);
        Assert.Equal(TimeSpan.FromHours(12), session.ExpiresAt - session.CreatedAt);
        _clock.Advance(TimeSpan.FromMinutes(20));

        AssertSentToSignIn(await browser.GetAsync("/"));
    }

    [Fact]
    public async Task Use_is_written_down_at_most_once_a_minute()
    {
        var user = await _app.AddUserAsync(Role.Support);
        var browser = await _app.SignedInBrowserAsync(user);
        var signedInAt = (await SessionOfAsync(user.Id)).LastSeenAt;

        _clock.Advance(TimeSpan.FromSeconds(50));
        await browser.GetAsync("/");
        var withinTheMinute = (await SessionOfAsync(user.Id)).LastSeenAt;
        _clock.Advance(TimeSpan.FromSeconds(20));
        await browser.GetAsync("/");

        Assert.Equal(signedInAt, withinTheMinute);
        Assert.Equal(_clock.GetUtcNow(), (await SessionOfAsync(user.Id)).LastSeenAt, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Sessions_that_ended_unseen_are_deleted_at_the_next_sign_in()
    {
        var forgotten = await _app.AddUserAsync(Role.Support);
        await _app.SignedInBrowserAsync(forgotten);
        Assert.NotNull(await SessionOfAsync(forgotten.Id));

        _clock.Advance(TimeSpan.FromMinutes(31));
        await SignedInAsync();

        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        Assert.False(await db.SignInSessions.AnyAsync(s => s.UserId == forgotten.Id));
    }

    private async Task<HttpBrowser> SignedInAsync() =>
        await _app.SignedInBrowserAsync(await _app.AddUserAsync(Role.Support));

    private async Task<SignInSession> SessionOfAsync(string userId)
    {
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        return await db.SignInSessions.AsNoTracking().SingleAsync(s => s.UserId == userId);
    }

    private static void AssertSentToSignIn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
    }
}
