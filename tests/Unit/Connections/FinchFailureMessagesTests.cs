using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.Finch;

namespace FinchDashboard.Unit.Connections;

/// <summary>Finch's documented errors as the user reads them: what happened, and what to do next.</summary>
public class FinchFailureMessagesTests
{
    private static FinchError Error(string name, string? finchCode, string message) => new(null, name, finchCode, message, null);

    public static TheoryData<FinchFailure, string> Failures => new()
    {
        {
            new FinchFailure.AccountSetupRequired("r1", Error("authentication_error", "account_setup_required", "The user will need to connect their employment system.")),
            "the employer still has to finish setting up the account Finch signs in with"
        },
        { new FinchFailure.Rejected("r2", 402, Error("payment_required", "payment_required", "Unpaid invoices")), "until an unpaid Finch invoice is settled" },
        {
            new FinchFailure.Rejected("r3", 403, Error("error_permissions", "insufficient_account_permissions", "Update the permissions")),
            "lacks the permissions Finch needs. Ask the employer to grant them"
        },
        { new FinchFailure.Rejected("r4", 403, Error("insufficient_scope_error", null, "Insufficient permissions")), "this connection has no access to that" },
        { new FinchFailure.Rejected("r5", 403, Error("no_access", "no_access", "No access")), "this connection has no access to that" },
        {
            new FinchFailure.Rejected("r6", 422, Error("unprocessable_request_error", "unsupported_parameters", "Parameters provided are not supported")),
            "does not accept this request, so nothing was changed. Finch's reason: Parameters provided are not supported"
        },
        { new FinchFailure.NotImplemented("r7", Error("not_implemented_error", null, "Not supported")), "does not support this through Finch" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Each_error_is_said_in_plain_words_and_never_as_a_revoked_token(FinchFailure failure, string expected)
    {
        var message = FinchFailureMessages.For(failure);

        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain("token", message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Try again in a moment", message, StringComparison.Ordinal);
    }
}
