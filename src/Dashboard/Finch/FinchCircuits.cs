using System.Collections.Concurrent;
using Polly.CircuitBreaker;

namespace FinchDashboard.Dashboard.Finch;

/// <summary>One endpoint group's circuit as the operator page shows it.</summary>
public sealed record FinchCircuit(string EndpointGroup, CircuitState State, DateTimeOffset? OpenedAt);

/// <summary>
/// The circuit breakers of every Finch endpoint group, for the operator page and the open-circuits gauge. Each typed
/// client has its own pipeline per group, so a group can have two breakers; the group shows the worse of them.
/// </summary>
public sealed class FinchCircuits(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<Breaker>> _breakers = new();

    /// <summary>A state provider for a new pipeline of <paramref name="endpointGroup"/>, and the callbacks that date its openings.</summary>
    internal Breaker Track(string endpointGroup)
    {
        var breaker = new Breaker(new CircuitBreakerStateProvider(), time);
        _breakers.GetOrAdd(endpointGroup, _ => []).Add(breaker);
        return breaker;
    }

    /// <summary>Every known group, in <see cref="FinchEndpointGroup.All"/>'s order; a group not called yet is closed.</summary>
    public IReadOnlyList<FinchCircuit> Snapshot() =>
    [
        .. FinchEndpointGroup.All.Select(group =>
        {
            var worst = _breakers.TryGetValue(group, out var breakers)
                ? breakers.MaxBy(breaker => Severity(breaker.State.CircuitState))
                : null;
            return worst is null
                ? new FinchCircuit(group, CircuitState.Closed, null)
                : new FinchCircuit(group, worst.State.CircuitState, worst.OpenedAt);
        }),
    ];

    public int OpenCount => Snapshot().Count(circuit => circuit.State is CircuitState.Open or CircuitState.Isolated);

    private static int Severity(CircuitState state) => state switch
    {
        CircuitState.Closed => 0,
        CircuitState.HalfOpen => 1,
        _ => 2,
    };

    internal sealed class Breaker(CircuitBreakerStateProvider state, TimeProvider time)
    {
        public CircuitBreakerStateProvider State { get; } = state;

        public DateTimeOffset? OpenedAt { get; private set; }

        public void Opened() => OpenedAt = time.GetUtcNow();

        public void Closed() => OpenedAt = null;
    }
}
