using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Throttling;

public static class ThrottlingServiceCollectionExtensions
{
    /// <summary>
    /// ASP.NET Core's rate limiter with the configured <see cref="RateLimitOptions"/> (validated at start-up): sign-in by
    /// address and by email, the Connect callback and webhooks by address, and the CSV export one at a time per user.
    /// </summary>
    public static IHostApplicationBuilder AddThrottling(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RateLimitOptions>()
            .Bind(builder.Configuration.GetSection(RateLimitOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidation>();
        services.AddSingleton<SignInThrottle>();

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>, SignInThrottle>((options, configured, signIn) =>
        {
            var limits = configured.Value;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = new TooManyRequests(limits).WriteAsync;
            options.GlobalLimiter = signIn.Create(limits);
            options.AddPolicy(Throttles.ConnectCallback, context =>
                RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(context), _ => limits.ConnectCallbackPerAddress.ToLimiterOptions()));
            options.AddPolicy(Throttles.Webhooks, context =>
                RateLimitPartition.GetTokenBucketLimiter(ClientAddress.Of(context), _ => limits.WebhooksPerAddress.ToLimiterOptions()));
            // The export requires a signed-in user, and the limiter runs after authorization, so every caller has an id.
            options.AddPolicy(Throttles.Export, context =>
                RateLimitPartition.GetConcurrencyLimiter(context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", _ => limits.ExportsPerUser.ToLimiterOptions()));
        });
        return builder;
    }

    /// <summary>
    /// Reads the sign-in form, then applies the limits. After authentication and authorization: the export's limit is
    /// per user, and a request refused its endpoint is refused before it spends a permit.
    /// </summary>
    public static IApplicationBuilder UseThrottling(this IApplicationBuilder app)
    {
        var signIn = app.ApplicationServices.GetRequiredService<SignInThrottle>();
        app.Use(signIn.ReadFormAsync);
        return app.UseRateLimiter();
    }
}
