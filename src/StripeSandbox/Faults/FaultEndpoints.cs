using FinchDashboard.StripeSandbox.Api;
using FinchDashboard.StripeSandbox.Hosting;

namespace FinchDashboard.StripeSandbox.Faults;

/// <summary>
/// Emulator-only control endpoints (not part of Stripe's API): make the next API calls slow, or answer Stripe's 429 or
/// 500. Form-encoded like the API. Mapped only when StripeSandbox:EnableFaultInjection is true.
/// </summary>
public static class FaultEndpoints
{
    public static void MapFaultEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/_sandbox/faults", (StripeParameters parameters, FaultInjector injector) =>
        {
            var kind = parameters.OneOf("kind", FaultInjector.Kinds) ?? throw new StripeRequestException(StripeErrors.ParameterMissing("kind"));
            var latencyMs = parameters.Integer("latency_ms", 1, 120_000);
            if (kind == "latency" && latencyMs is null) throw new StripeRequestException(StripeErrors.ParameterMissing("latency_ms"));
            var prefix = parameters.String("path_prefix") ?? "/";
            if (!prefix.StartsWith('/')) throw StripeParameters.Invalid("path_prefix", "Invalid path_prefix: must start with '/'");
            var rule = injector.Add(kind, parameters.Integer("count", 1, 10_000) ?? 1, latencyMs ?? 0, prefix);
            return Results.Json(rule, StripeJson.Options, statusCode: 201);
        });

        app.MapDelete("/_sandbox/faults", (FaultInjector injector) =>
        {
            injector.Reset();
            return Results.NoContent();
        });
    }
}
