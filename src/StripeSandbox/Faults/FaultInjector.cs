using FinchDashboard.SandboxHosting.Faults;

namespace FinchDashboard.StripeSandbox.Faults;

/// <summary>
/// Faults queued through /_sandbox/faults, consumed in order by <see cref="FaultInjectionMiddleware"/>.
/// Only registered when StripeSandbox:EnableFaultInjection is true.
/// </summary>
public sealed class FaultInjector : FaultQueue<FaultRule>
{
    /// <summary>A slow answer, Stripe's 429 and its 500: what a client must survive and a test cannot bring about otherwise.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["latency", "rate_limit", "api_error"];

    public FaultRule Add(string kind, int count, int latencyMs, string pathPrefix) =>
        Enqueue(new FaultRule(Guid.NewGuid().ToString(), kind, count, latencyMs, pathPrefix));
}
