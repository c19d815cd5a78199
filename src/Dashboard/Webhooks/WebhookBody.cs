using System.Buffers;

namespace FinchDashboard.Dashboard.Webhooks;

/// <summary>Reads a webhook's raw body, bounded, into a pooled buffer: the signature is over these exact bytes.</summary>
public static class WebhookBody
{
    /// <summary>The body in a pooled buffer, or null when it is larger than <paramref name="limit"/>.</summary>
    public static async Task<PooledBody?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(request.ContentLength is { } length ? (int)length + 1 : 4096);
        var read = 0;
        while (true)
        {
            if (read == buffer.Length)
            {
                if (buffer.Length > limit)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return null;
                }

                var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                buffer.AsSpan(0, read).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }

            var count = await request.Body.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (count == 0)
            {
                break;
            }

            read += count;
            if (read > limit)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                return null;
            }
        }

        return new PooledBody(buffer, read);
    }
}

/// <summary>A body read by <see cref="WebhookBody"/>; disposing returns its buffer to the pool.</summary>
public readonly record struct PooledBody(byte[] Buffer, int Length) : IDisposable
{
    public ReadOnlySpan<byte> Span => Buffer.AsSpan(0, Length);

    public ReadOnlyMemory<byte> Memory => Buffer.AsMemory(0, Length);

    public void Dispose() => ArrayPool<byte>.Shared.Return(Buffer);
}
