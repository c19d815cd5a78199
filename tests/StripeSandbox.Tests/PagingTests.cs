using System.Net;
using FinchDashboard.StripeSandbox.Tests.Infrastructure;

namespace FinchDashboard.StripeSandbox.Tests;

public class PagingTests(StripeSandboxFactory factory) : IClassFixture<StripeSandboxFactory>
{
    private readonly StripeApi _api = new(factory);

    private const string Accounts = "/v1/financial_connections/accounts";

    private async Task<(string Customer, List<string> NewestFirst)> FiveAccountsAsync()
    {
        var customer = await _api.CreateCustomerAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add((await _api.CreateAccountAsync(customer, ("last4", $"000{i}"))).Id);
        ids.Reverse();
        return (customer, ids);
    }

    private static List<string> Ids(StripeResponse page) =>
        page.Json.GetProperty("data").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToList();

    [Fact]
    public async Task Lists_page_newest_first_with_has_more_and_starting_after()
    {
        var (customer, newestFirst) = await FiveAccountsAsync();

        var first = await _api.GetAsync(Accounts, ("account_holder[customer]", customer), ("limit", "2"));
        var second = await _api.GetAsync(Accounts, ("account_holder[customer]", customer), ("limit", "2"), ("starting_after", Ids(first)[^1]));
        var last = await _api.GetAsync(Accounts, ("account_holder[customer]", customer), ("limit", "2"), ("starting_after", Ids(second)[^1]));

        Assert.Equal("list", first.Json.GetProperty("object").GetString());
        Assert.Equal(Accounts, first.Json.GetProperty("url").GetString());
        Assert.Equal(newestFirst[..2], Ids(first));
        Assert.True(first.Json.GetProperty("has_more").GetBoolean());
        Assert.Equal(newestFirst[2..4], Ids(second));
        Assert.True(second.Json.GetProperty("has_more").GetBoolean());
        Assert.Equal(newestFirst[4..], Ids(last));
        Assert.False(last.Json.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task Ending_before_pages_back_towards_the_newest()
    {
        var (customer, newestFirst) = await FiveAccountsAsync();

        var before = await _api.GetAsync(Accounts, ("account_holder[customer]", customer), ("limit", "2"), ("ending_before", newestFirst[4]));
        var top = await _api.GetAsync(Accounts, ("account_holder[customer]", customer), ("limit", "2"), ("ending_before", newestFirst[1]));

        Assert.Equal(newestFirst[2..4], Ids(before));
        Assert.True(before.Json.GetProperty("has_more").GetBoolean());
        Assert.Equal(newestFirst[..1], Ids(top));
        Assert.False(top.Json.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task The_default_limit_is_ten_and_out_of_range_limits_or_unknown_cursors_are_refused()
    {
        var (customer, _) = await FiveAccountsAsync();

        var all = await _api.GetAsync(Accounts, ("account_holder[customer]", customer));
        var tooBig = await _api.GetAsync(Accounts, ("account_holder[customer]", customer), ("limit", "101"));
        var unknown = await _api.GetAsync(Accounts, ("account_holder[customer]", customer), ("starting_after", "fca_unknown"));

        Assert.Equal(5, Ids(all).Count);
        Assert.False(all.Json.GetProperty("has_more").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.Status);
        Assert.Equal("limit", tooBig.Error.GetProperty("param").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("resource_missing", unknown.Error.GetProperty("code").GetString());
        Assert.Equal("starting_after", unknown.Error.GetProperty("param").GetString());
    }
}
