namespace FinchDashboard.FinchSandbox.Faults;

/// <summary>
/// One injected fault: applies to the next <see cref="Remaining"/> requests whose path starts with PathPrefix.
/// <see cref="ClientType"/> is what a <c>client_type</c> fault makes /introspect report.
/// </summary>
public sealed record FaultRule(string Id, string Kind, int Remaining, int LatencyMs, int RetryAfterSeconds, string PathPrefix, string? ClientType = null);

/// <summary>
/// Faults queued through /_sandbox/faults, consumed in order by <see cref="FaultInjectionMiddleware"/>.
/// Only registered when FinchSandbox:EnableFaultInjection is true.
/// </summary>
public sealed class FaultInjector
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

    private readonly List<FaultRule> _rules = [];
    private readonly Lock _gate = new();

    public FaultRule Add(string kind, int count, int latencyMs, int retryAfterSeconds, string pathPrefix, string? clientType = null)
    {
        var rule = new FaultRule(Guid.NewGuid().ToString(), kind, count, latencyMs, retryAfterSeconds, pathPrefix, clientType);
        lock (_gate)
        {
            _rules.Add(rule);
        }
        return rule;
    }

    public IReadOnlyList<FaultRule> Snapshot()
    {
        lock (_gate)
        {
            return [.. _rules];
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>Takes one use of the first rule matching the path, or null when none applies.</summary>
    public FaultRule? Consume(PathString path)
    {
        lock (_gate)
        {
            var index = _rules.FindIndex(r => r.PathPrefix == "/" || path.StartsWithSegments(r.PathPrefix, StringComparison.OrdinalIgnoreCase));
            if (index < 0) return null;
            var rule = _rules[index];
            if (rule.Remaining <= 1) _rules.RemoveAt(index);
            else _rules[index] = rule with { Remaining = rule.Remaining - 1 };
            return rule;
        }
    }
}
