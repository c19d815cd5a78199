using FinchDashboard.SandboxHosting.Faults;

namespace FinchDashboard.FinchSandbox.Faults;

/// <summary>
/// A fault with Finch's extras: <see cref="RetryAfterSeconds"/> is a <c>rate_limit</c> fault's Retry-After,
/// <see cref="ClientType"/> what a <c>client_type</c> fault makes /introspect report.
/// </summary>
public sealed record FinchFaultRule(string Id, string Kind, int Remaining, int LatencyMs, int RetryAfterSeconds, string PathPrefix, string? ClientType = null)
    : FaultRule(Id, Kind, Remaining, LatencyMs, PathPrefix);

/// <summary>
/// Faults queued through /_sandbox/faults, consumed in order by <see cref="FaultInjectionMiddleware"/>.
/// Only registered when FinchSandbox:EnableFaultInjection is true.
/// </summary>
public sealed class FaultInjector : FaultQueue<FinchFaultRule>
{
    /// <summary>
    /// Timing and load faults, the error answers Finch documents that a test cannot bring about otherwise, and
    /// <c>client_type</c>: /introspect reports another environment than the emulator's, as a token of an application
    /// in another Finch environment would.
    /// </summary>
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "latency", "server_error", "rate_limit", "account_setup_required", "payment_required", "no_access", "unprocessable", "not_implemented",
        "client_type",
    };

    public static readonly IReadOnlySet<string> ClientTypes = new HashSet<string>(StringComparer.Ordinal) { "production", "development", "sandbox" };

    /// <summary>Where a consumed client_type fault leaves the value for the endpoint that answers the request.</summary>
    public const string ClientTypeItem = "FinchSandbox.ClientType";

    public FinchFaultRule Add(string kind, int count, int latencyMs, int retryAfterSeconds, string pathPrefix, string? clientType = null) =>
        Enqueue(new FinchFaultRule(Guid.NewGuid().ToString(), kind, count, latencyMs, retryAfterSeconds, pathPrefix, clientType));
}
