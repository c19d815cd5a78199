using System.Net;
using System.Xml.Linq;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Access;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Access;

public sealed class DataProtectionKeysTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task The_key_ring_lives_in_PostgreSQL_and_a_second_instance_accepts_the_first_ones_cookie()
    {
        var user = await app.AddUserAsync(Role.Support);
        var browser = await app.SignedInBrowserAsync(user);
        await using var second = new DashboardFactory(new Dictionary<string, string> { ["ConnectionStrings:Dashboard"] = app.ConnectionString });
        await second.InitializeAsync();

        List<Guid> stored;
        await using (var db = await app.Services.GetRequiredService<SystemData>().OpenAsync())
        {
            stored = [.. (await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync()).Select(xml => Guid.Parse(XElement.Parse(xml!).Attribute("id")!.Value))];
        }

        Assert.NotEmpty(stored);
        Assert.Equal(stored.Order(), second.Services.GetRequiredService<IKeyManager>().GetAllKeys().Select(k => k.KeyId).Order());
        Assert.Equal(HttpStatusCode.OK, (await browser.Copy(second).GetAsync("/")).StatusCode);
    }
}
