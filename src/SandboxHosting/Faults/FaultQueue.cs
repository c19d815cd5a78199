using Microsoft.AspNetCore.Http;

namespace FinchDashboard.SandboxHosting.Faults;

/// <summary>Faults queued through an emulator's /_sandbox/faults, consumed in order by its <see cref="FaultMiddleware{TRule}"/>.</summary>
public abstract class FaultQueue<TRule> where TRule : FaultRule
{
    private readonly List<TRule> _rules = [];
    private readonly Lock _gate = new();

    protected TRule Enqueue(TRule rule)
    {
        lock (_gate)
        {
            _rules.Add(rule);
        }
        return rule;
    }

    public IReadOnlyList<TRule> Snapshot()
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
    public TRule? Consume(PathString path)
    {
        lock (_gate)
        {
            var index = _rules.FindIndex(r => r.PathPrefix == "/" || path.StartsWithSegments(r.PathPrefix, StringComparison.OrdinalIgnoreCase));
            if (index < 0) return null;
            var rule = _rules[index];
            if (rule.Remaining <= 1) _rules.RemoveAt(index);
            else _rules[index] = (TRule)((FaultRule)rule with { Remaining = rule.Remaining - 1 });
            return rule;
        }
    }
}
