using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Health;
using FinchDashboard.Domain.Connections;

namespace FinchDashboard.Unit.Health;

/// <summary>Which kind a failed /introspect is counted as, and what the page says about it.</summary>
public class HealthCheckFailuresTests
{
    private static FinchError Error(string? finchCode, string message, string name = "error") => new(null, name, finchCode, message, null);

    public static TheoryData<FinchFailure, HealthCheckFailureKind> Failures => new()
    {
        { new FinchFailure.ReauthenticationRequired("r1", Error("reauthenticate_user", "Reconnect")), HealthCheckFailureKind.ReauthRequired },
        { new FinchFailure.Unauthorized("r2", Error(null, "Invalid token", "invalid_token_error")), HealthCheckFailureKind.Unauthorized },
        { new FinchFailure.AccountSetupRequired("r10", Error("account_setup_required", "Connect the system")), HealthCheckFailureKind.AccountSetupRequired },
        { new FinchFailure.NotImplemented("r11", Error(null, "Not supported", "not_implemented_error")), HealthCheckFailureKind.FinchError },
        { new FinchFailure.RateLimited("r3", Error("finch_application_rl", "Too many"), FinchRateLimitScope.Application, TimeSpan.FromSeconds(30)), HealthCheckFailureKind.RateLimited },
        { new FinchFailure.Pending("r4", Error("authorization_pending", "Pending")), HealthCheckFailureKind.Pending },
        { new FinchFailure.ServerError("r5", 500, Error(null, "Internal server error", "server_error")), HealthCheckFailureKind.FinchError },
        { new FinchFailure.ServerError("r6", 502, null), HealthCheckFailureKind.FinchError },
        { new FinchFailure.UnexpectedResponse("r7", 200, "Could not read FinchIntrospection"), HealthCheckFailureKind.FinchError },
        { new FinchFailure.Unreachable("ConnectionError: refused"), HealthCheckFailureKind.Unreachable },
        { new FinchFailure.TimedOut(TimeSpan.FromMinutes(6)), HealthCheckFailureKind.TimedOut },
        { new FinchFailure.Rejected("r8", 403, Error("insufficient_account_permissions", "No access")), HealthCheckFailureKind.Rejected },
        { new FinchFailure.Rejected("r9", 404, null), HealthCheckFailureKind.Rejected },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Each_Finch_failure_maps_to_its_kind(FinchFailure failure, HealthCheckFailureKind expected)
    {
        Assert.Equal(expected, HealthCheckFailures.KindOf(failure));
    }

    [Fact]
    public void The_message_carries_the_status_Finchs_code_and_message()
    {
        Assert.Equal("500 server_error: Internal server error",
            HealthCheckFailures.MessageOf(new FinchFailure.ServerError("r", 500, Error(null, "Internal server error", "server_error"))));
        Assert.Equal("401 reauthenticate_user: Reconnect",
            HealthCheckFailures.MessageOf(new FinchFailure.ReauthenticationRequired("r", Error("reauthenticate_user", "Reconnect"))));
        Assert.Equal("502: ServerError", HealthCheckFailures.MessageOf(new FinchFailure.ServerError("r", 502, null)));
        Assert.Equal("ConnectionError: refused", HealthCheckFailures.MessageOf(new FinchFailure.Unreachable("ConnectionError: refused")));
    }

    [Fact]
    public void A_long_message_is_cut_to_what_the_column_holds()
    {
        var message = HealthCheckFailures.MessageOf(new FinchFailure.Rejected("r", 400, Error("invalid_request", new string('x', 5_000))));

        Assert.Equal(HealthCheckFailures.MessageMaxLength, message.Length);
    }

    [Fact]
    public void Every_kind_has_its_own_name_and_an_explanation()
    {
        var kinds = Enum.GetValues<HealthCheckFailureKind>();

        Assert.Equal(kinds.Length, kinds.Select(k => k.DisplayName()).Distinct().Count());
        Assert.All(kinds, kind => Assert.False(string.IsNullOrWhiteSpace(kind.Explanation())));
    }
}
