using FinchDashboard.Domain.Finch;

namespace FinchDashboard.Unit.Finch;

/// <summary>What Finch's "Environments" page says each environment connects, and client_type on the wire.</summary>
public class FinchEnvironmentTests
{
    [Theory]
    [InlineData("sandbox", FinchEnvironment.Sandbox)]
    [InlineData("development", FinchEnvironment.Development)]
    [InlineData("production", FinchEnvironment.Production)]
    [InlineData("Production", null)]
    [InlineData("staging", null)]
    [InlineData(null, null)]
    public void Client_type_names_the_environment_exactly_as_Finch_sends_it(string? clientType, FinchEnvironment? environment) =>
        Assert.Equal(environment, FinchEnvironments.FromClientType(clientType));

    [Theory]
    [InlineData(FinchEnvironment.Development, "gusto", new[] { "oauth" }, false)]
    [InlineData(FinchEnvironment.Development, "trinet", new[] { "assisted" }, false)]
    [InlineData(FinchEnvironment.Development, "adp_run", new[] { "credential", "assisted" }, true)]
    [InlineData(FinchEnvironment.Development, "rippling", new[] { "oauth" }, true)]
    [InlineData(FinchEnvironment.Production, "gusto", new[] { "oauth" }, true)]
    [InlineData(FinchEnvironment.Production, "trinet", new[] { "assisted" }, true)]
    [InlineData(FinchEnvironment.Sandbox, "gusto", new[] { "oauth" }, true)]
    public void Development_offers_neither_Gusto_nor_assisted_only_providers(FinchEnvironment environment, string provider, string[] methods, bool offered)
    {
        Assert.Equal(offered, environment.Offers(provider, methods));
        Assert.Equal(environment != FinchEnvironment.Development, environment.OffersAssisted());
    }
}
