namespace FinchDashboard.SandboxHosting.Faults;

/// <summary>One injected fault: applies to the next <see cref="Remaining"/> requests whose path starts with PathPrefix.</summary>
public record FaultRule(string Id, string Kind, int Remaining, int LatencyMs, string PathPrefix)
{
    /// <summary>The one kind every emulator knows: the request goes on, <see cref="LatencyMs"/> late.</summary>
    public const string Latency = "latency";
}
