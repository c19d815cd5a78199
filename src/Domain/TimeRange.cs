namespace FinchDashboard.Domain;

/// <summary>An inclusive range of instants; either end may be open.</summary>
public sealed record TimeRange(DateTimeOffset? From, DateTimeOffset? To)
{
    public bool IsEmpty => From is null && To is null;
}
