using FinchDashboard.FinchSandbox.Api;
using FinchDashboard.FinchSandbox.Auth;
using FinchDashboard.FinchSandbox.Hosting;
using FinchDashboard.FinchSandbox.RateLimits;
using FinchDashboard.FinchSandbox.State;
using Microsoft.Extensions.Options;

namespace FinchDashboard.FinchSandbox.Connections;

/// <summary>
/// Marks an endpoint as reading employer data. <see cref="Product"/> is the rate-limit bucket and permission scope
/// (null for endpoints, like jobs, that need a working connection but no product scope).
/// </summary>
public sealed record DataEndpoint(string? Product);

public static class DataEndpointExtensions
{
    public static TBuilder ReadsEmployerData<TBuilder>(this TBuilder builder, string? product) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new DataEndpoint(product));
}

/// <summary>
/// Runs after authentication for data endpoints, in Finch's order: application rate limit, product scope,
/// then the connection's status (reauth → 401 reauthenticate_user, assisted still pending → 202, ...).
/// </summary>
public sealed class DataAccessMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, SandboxStore store, ApplicationRateLimiter limiter, IOptions<FinchSandboxOptions> options)
    {
        var endpoint = context.GetEndpoint()?.Metadata.GetMetadata<DataEndpoint>();
        var token = context.FindAccessToken();
        if (endpoint is null || token is null)
        {
            await next(context);
            return;
        }

        if (options.Value.EnforceApplicationRateLimits && endpoint.Product is { } product && limiter.TryAcquire(options.Value.ClientId, product) is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await FinchErrors.ApplicationRateLimited().ExecuteAsync(context);
            return;
        }

        var failure = Check(endpoint, token, store);
        if (failure is not null)
        {
            await failure.ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    private static IResult? Check(DataEndpoint endpoint, AccessToken token, SandboxStore store)
    {
        if (endpoint.Product is { } product && !token.Products.Contains(product)) return FinchErrors.InsufficientScope(product);
        string status;
        lock (store.Gate)
        {
            status = store.Connections[token.ConnectionId].Status;
        }
        return status switch
        {
            ConnectionStatuses.Reauth => FinchErrors.ReauthenticateUser(),
            ConnectionStatuses.ErrorNoAccountSetup => FinchErrors.AccountSetupRequired(),
            ConnectionStatuses.ErrorPermissions => FinchErrors.InsufficientAccountPermissions(),
            ConnectionStatuses.Pending => FinchErrors.AuthorizationPending(),
            ConnectionStatuses.Processing => FinchErrors.DataSyncInProgress(),
            _ => null,
        };
    }
}
