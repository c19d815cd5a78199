using FinchDashboard.StripeSandbox.Accounts;
using FinchDashboard.StripeSandbox.Api;
using FinchDashboard.StripeSandbox.Events;
using FinchDashboard.StripeSandbox.Hosting;

namespace FinchDashboard.StripeSandbox.Sandbox;

/// <summary>
/// Emulator-only control endpoint (not part of Stripe's API): changes an account's status as the account holder or
/// their bank would from outside — deactivated, reactivated or disconnected — and emits Stripe's event for it.
/// </summary>
public static class SandboxAccountEndpoints
{
    public static void MapSandboxAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/_sandbox/financial_connections/accounts/{id}/status", (string id, StripeParameters parameters, AccountService accounts) =>
        {
            var status = parameters.OneOf("status", AccountStatuses.All) ?? throw new StripeRequestException(StripeErrors.ParameterMissing("status"));
            return Results.Json(accounts.SetStatus(id, status, EventCause.None), StripeJson.Options);
        });
    }
}
