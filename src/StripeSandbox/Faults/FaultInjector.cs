namespace FinchDashboard.StripeSandbox.Faults;

/// <summary>One injected fault: applies to the next <see cref="Remaining"/> requests whose path starts with PathPrefix.</summary>
public sealed record FaultRule(string Id, string Kind, int Remaining, int LatencyMs, string PathPrefix);

/// <summary>
/// Faults queued through /_sandbox/faults, consumed in order by <see cref="FaultInjectionMiddleware"/>.
/// Only registered when StripeSandbox:EnableFaultInjection is true.
/// </summary>
public sealed class FaultInjector
{
    /// <summary>A slow answer, Stripe's 429 and its 500: what a client must survive and a test cannot bring about otherwise.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["latency", "rate_limit", "api_error"];

    private readonly List<FaultRule> _rules = [];
    private readonly Lock _gate = new();

    public FaultRule Add(string kind, int count, int latencyMs, string pathPrefix)
    {
        var rule = new FaultRule(Guid.NewGuid().ToString(), kind, count, latencyMs, pathPrefix);
        lock (_gate)
        {
            _rules.Add(rule);
        }
        return rule;
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
