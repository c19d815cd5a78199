using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using FinchDashboard.Domain.Finch;
using FinchDashboard.Tests;

namespace FinchDashboard.Unit.Connections;

/// <summary>The company name a connection keeps from /introspect and Finch's company read.</summary>
public class IntrospectionApplierTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static Connection Connection(string? companyName) =>
        new ConnectionBuilder(new Employer(Guid.CreateVersion7(), "acme", "Acme", null, Now), ConnectionState.Live)
            .Company(companyName)
            .Status(ConnectionStatus.Connected, since: Now.AddDays(-3))
            .Build().Connection;

    private static FinchIntrospection Introspection(params FinchEntity[] entities) => new(
        null, "client", "production", "conn-1", new FinchConnectionStatus("connected", null, null), "provider", ["company"], "gusto",
        null, [], "company-1", null, "customer-1", "Acme", entities, Manual: false, null, null);

    private static string? NameAfter(string? known, string? legalName, params FinchEntity[] entities)
    {
        var connection = Connection(known);
        IntrospectionApplier.Apply(connection, [], [], Introspection(entities), legalName, Now);
        return connection.CompanyName;
    }

    [Fact]
    public void The_legal_name_wins_when_Finch_gives_it()
    {
        Assert.Equal("Acme Manufacturing, Inc.", NameAfter("Acme", "Acme Manufacturing, Inc.", new FinchEntity("e1", "Acme Manufacturing", "1", "connected")));
    }

    [Fact]
    public void A_failed_company_read_keeps_the_name_already_known()
    {
        Assert.Equal("Acme Manufacturing, Inc.", NameAfter("Acme Manufacturing, Inc.", null, new FinchEntity("e1", "Acme Manufacturing", "1", "connected")));
    }

    [Fact]
    public void Without_a_name_yet_the_first_connected_entity_names_the_company()
    {
        Assert.Equal("Acme West", NameAfter(null, null, new FinchEntity("e0", "Acme East", "0", "disconnected"), new FinchEntity("e1", "Acme West", "1", "connected")));
    }

    [Fact]
    public void Finchs_environment_connection_type_manual_and_username_are_kept_and_bounded()
    {
        var connection = Connection("Acme");
        var introspection = Introspection() with { ClientType = "sandbox", ConnectionType = "finch", Manual = true, Username = "payroll@acme.test" };

        IntrospectionApplier.Apply(connection, [], [], introspection, null, Now);

        Assert.Equal((FinchEnvironment.Sandbox, "finch", true, "payroll@acme.test"),
            (connection.Environment, connection.FinchConnectionType, connection.Manual, connection.Username));

        IntrospectionApplier.Apply(connection, [], [], introspection with { Username = new string('u', 1000) }, null, Now.AddMinutes(1));

        Assert.Equal(IntrospectedAccount.UsernameMaxLength, connection.Username!.Length);
    }
}
