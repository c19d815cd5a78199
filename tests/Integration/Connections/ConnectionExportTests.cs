using System.Net;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;

namespace FinchDashboard.Integration.Connections;

/// <summary>The CSV export over HTTP, signed in through the real sign-in form.</summary>
public sealed class ConnectionExportTests(DashboardFactory app) : IClassFixture<DashboardFactory>, IAsyncLifetime
{
    private Employer _a = default!;
    private Employer _b = default!;
    private Connection _liveA = default!;
    private Connection _liveB = default!;

    public async Task InitializeAsync()
    {
        (_a, _b) = await app.AddTwoEmployersAsync("Export Alpha", "Export Bravo");
        _liveA = await app.AddConnectionAsync(_a, ConnectionState.Live, c => c
            .Company("=HYPERLINK(\"http://evil\")")
            .Provider("gusto", "Gusto")
            .LastSynced(new DateTimeOffset(2026, 11, 20, 8, 30, 0, TimeSpan.Zero))
            .ActiveEntities(1));
        await app.AddConnectionAsync(_a, ConnectionState.Staged, _ => { });
        _liveB = await app.AddConnectionAsync(_b, ConnectionState.Live, c => c.Company("Bravo Only"));
        await app.AddConnectionAsync(_a, ConnectionState.Disconnected, c => c.Company("Alpha Ended Here").DisconnectedBy("Ada Admin", "Employer offboarded"));
        await app.AddConnectionAsync(_a, ConnectionState.Disconnected, c => c.Company("Alpha Ended By Finch"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_range_ending_on_the_last_day_of_the_calendar_exports_instead_of_failing()
    {
        var client = await app.SignedInClientAsync(await app.AddUserAsync(Role.AccountManager, _a));

        var response = await client.GetAsync("/connections/export?tab=live&synced_from=2026-11-20&synced_to=9999-12-31");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1);
        Assert.Contains(_liveA.FinchConnectionId!, Assert.Single(rows));
    }

    [Fact]
    public async Task The_export_streams_the_tab_in_scope_with_ids_and_ISO_times_and_no_token()
    {
        var client = await app.SignedInClientAsync(await app.AddUserAsync(Role.AccountManager, _a));

        var response = await client.GetAsync("/connections/export?tab=live&sort=company&dir=asc");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"connections-live-\d{4}-\d{2}-\d{2}\.csv", response.Content.Headers.ContentDisposition?.FileName);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            "company_name,company_id,connection_id,customer_name,customer_id,entities,connection_status,status_message,last_synced_at," +
            "connection_type,connected_at,disconnected_at,provider,provider_id,products,dashboard_connection_id,employer_id,sync_overdue",
            lines[0]);
        var row = Assert.Single(lines.Skip(1));
        // Last synced on 20 November: long past an automated connection's 24-hour cadence.
        Assert.EndsWith(",yes", row);
        Assert.Contains(_liveA.FinchConnectionId!, row);
        Assert.Contains("2026-11-20T08:30:00Z", row);
        Assert.Contains(",connected,", row);
        Assert.DoesNotContain("\"=HYPERLINK", row);
        Assert.DoesNotContain(_liveB.FinchConnectionId!, string.Join('\n', lines));
        Assert.DoesNotContain("token", lines[0], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_employer_admins_export_leaves_out_Finchs_ids_as_their_pages_do()
    {
        var client = await app.SignedInClientAsync(await app.AddUserAsync(Role.EmployerAdmin, _a));

        var lines = (await client.GetStringAsync("/connections/export?tab=live")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(
            "company_name,customer_name,customer_id,entities,connection_status,status_message,last_synced_at," +
            "connection_type,connected_at,disconnected_at,provider,provider_id,products,dashboard_connection_id,employer_id,sync_overdue",
            lines[0].TrimEnd());
        var row = Assert.Single(lines.Skip(1));
        Assert.DoesNotContain(_liveA.FinchConnectionId!, row);
        Assert.DoesNotContain(_liveA.CompanyId!, row);
        Assert.Contains(_a.CustomerId, row);
    }

    [Fact]
    public async Task The_disconnected_tab_exports_who_ended_each_connection_and_why_Finch_included()
    {
        var client = await app.SignedInClientAsync(await app.AddUserAsync(Role.AccountManager, _a));

        var lines = (await client.GetStringAsync("/connections/export?tab=disconnected&sort=company&dir=asc"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.EndsWith(",disconnected_at,provider,provider_id,products,dashboard_connection_id,employer_id,disconnected_by,disconnect_reason", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("Alpha Ended By Finch,", lines[1]);
        Assert.EndsWith($",Finch,\"{Connection.EndedOutsideDashboard}\"", lines[1]);
        Assert.StartsWith("Alpha Ended Here,", lines[2]);
        Assert.EndsWith(",Ada Admin,Employer offboarded", lines[2]);
        Assert.DoesNotContain("token", lines[0], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_staged_tab_exports_session_columns()
    {
        var client = await app.SignedInClientAsync(await app.AddUserAsync(Role.AccountManager, _a));

        var csv = await client.GetStringAsync("/connections/export?tab=staged");

        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("customer_name,customer_id,products,provider,provider_id,session_id,progress,created_at,expires_at", lines[0]);
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public async Task Support_cannot_export()
    {
        var client = await app.SignedInClientAsync(await app.AddUserAsync(Role.Support));

        var response = await client.GetAsync("/connections/export?tab=live");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("connection_id", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Anonymous_callers_get_no_csv()
    {
        var response = await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/connections/export");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
    }
}
