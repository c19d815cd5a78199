namespace FinchDashboard.StripeSandbox.Api;

/// <summary>
/// Stripe's idempotent requests: a POST with an <c>Idempotency-Key</c> that comes back with the same method, path and
/// parameters gets the first answer again (status and body, with <c>Idempotent-Replayed: true</c> and the
/// <c>Original-Request</c> id); with anything else it is an idempotency_error. As at Stripe, a result is kept only once
/// the endpoint ran: a request refused while validating its parameters keeps nothing, and the key stays free.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyStore store)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        if (!HttpMethods.IsPost(context.Request.Method) || key.Length == 0 || !context.Request.Path.StartsWithSegments("/v1"))
        {
            await next(context);
            return;
        }

        var parameters = await StripeParameters.ReadAsync(context);
        var request = new IdempotentRequest(context.Request.Method, context.Request.Path.Value ?? "/", parameters.Fingerprint);
        switch (store.Begin(key, request))
        {
            case IdempotencyStore.Claim.Replay replay:
                context.Response.Headers["Idempotent-Replayed"] = "true";
                context.Response.Headers["Original-Request"] = replay.Response.RequestId;
                context.Response.StatusCode = replay.Response.StatusCode;
                context.Response.ContentType = replay.Response.ContentType;
                await context.Response.Body.WriteAsync(replay.Response.Body, context.RequestAborted);
                return;
            case IdempotencyStore.Claim.Mismatch:
                await StripeErrors.IdempotencyMismatch(key).ExecuteAsync(context);
                return;
            case IdempotencyStore.Claim.InProgress:
                await StripeErrors.IdempotencyInProgress().ExecuteAsync(context);
                return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            store.Abandon(key);
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }

        store.Complete(key, new IdempotentResponse(context.Response.StatusCode, context.Response.ContentType ?? "application/json",
            buffer.ToArray(), context.RequestId()));
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }
}

public sealed record IdempotentRequest(string Method, string Path, string Fingerprint);

public sealed record IdempotentResponse(int StatusCode, string ContentType, byte[] Body, string RequestId);

/// <summary>Idempotency keys and their first answers, in memory like the rest of the emulator's state.</summary>
public sealed class IdempotencyStore
{
    private readonly Dictionary<string, (IdempotentRequest Request, IdempotentResponse? Response)> _keys = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public abstract record Claim
    {
        public sealed record New : Claim;

        public sealed record Replay(IdempotentResponse Response) : Claim;

        public sealed record Mismatch : Claim;

        public sealed record InProgress : Claim;
    }

    public Claim Begin(string key, IdempotentRequest request)
    {
        lock (_gate)
        {
            if (!_keys.TryGetValue(key, out var entry))
            {
                _keys[key] = (request, null);
                return new Claim.New();
            }
            if (entry.Request != request) return new Claim.Mismatch();
            return entry.Response is null ? new Claim.InProgress() : new Claim.Replay(entry.Response);
        }
    }

    public void Complete(string key, IdempotentResponse response)
    {
        lock (_gate)
        {
            _keys[key] = (_keys[key].Request, response);
        }
    }

    public void Abandon(string key)
    {
        lock (_gate)
        {
            _keys.Remove(key);
        }
    }
}
