namespace FinchDashboard.Domain.Connections;

/// <summary>
/// The sealed access token of one connection, in its own table so that no list, page or export query can select it
/// by accident. Only the dashboard's <c>ConnectionTokens</c> reads or writes it.
/// </summary>
public sealed class StoredAccessToken
{
    public Guid ConnectionId { get; init; }

    public Guid EmployerId { get; init; }

    public required string KeyId { get; set; }

    public required byte[] Ciphertext { get; set; }

    public DateTimeOffset StoredAt { get; set; }
}
