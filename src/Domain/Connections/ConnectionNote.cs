namespace FinchDashboard.Domain.Connections;

/// <summary>An internal note staff keep on a connection (support triage). Employers never see these.</summary>
public sealed class ConnectionNote
{
    public const int TextMaxLength = 4000;

    public Guid Id { get; init; }

    public Guid ConnectionId { get; init; }

    public Guid EmployerId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public required string Author { get; init; }

    public required string Text { get; init; }
}
