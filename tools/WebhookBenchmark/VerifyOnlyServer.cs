using System.Text;
using System.Text.Unicode;
using FinchDashboard.Dashboard.BankAccounts;
using FinchDashboard.Dashboard.Components;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Webhooks;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using EventUtility = Stripe.EventUtility;
using StripeException = Stripe.StripeException;

/// <summary>
/// The baseline the stored figure is compared with: the dashboard itself (its Program, services and background work,
/// in Production) in its own process, with two paths the dashboard does not carry: <see cref="FinchPath"/> and
/// <see cref="StripePath"/> check a delivery as the dashboard's webhook endpoints do, with the dashboard's own verifiers,
/// behind all of the dashboard's middleware, and store nothing. So the ratio measures what durable storing costs, not
/// the pipeline both paths share.
/// </summary>
// Any type of the dashboard's assembly names its entry point; its own Program would clash with this tool's.
internal sealed class VerifyOnlyServer(int port) : WebApplicationFactory<App>
{
    public const string Command = "verify-only";

    public const string FinchPath = "/benchmark/verify-only/finch";

    public const string StripePath = "/benchmark/verify-only/stripe";

    /// <summary>Serves until the benchmark ends the process.</summary>
    public static async Task RunAsync(int port)
    {
        await using var server = new VerifyOnlyServer(port);
        server.UseKestrel(port);
        server.StartServer();
        await Task.Delay(Timeout.Infinite);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseUrls($"http://127.0.0.1:{port}");
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, VerifyOnlyPath>());
    }

    // The dashboard answers every unmatched path itself (its not-found page) and its code has no hook for a path of ours,
    // so the path's endpoint is chosen here, ahead of routing, which then keeps it: the request still passes every
    // middleware of the dashboard's, anonymous and without antiforgery, as a delivery to the real webhook endpoint does.
    private sealed class VerifyOnlyPath : IStartupFilter
    {
        private static readonly Dictionary<PathString, Endpoint> Endpoints = new()
        {
            [FinchPath] = Anonymous(VerifyFinchAsync, FinchPath),
            [StripePath] = Anonymous(VerifyStripeAsync, StripePath),
        };

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate after) =>
            {
                if (HttpMethods.IsPost(context.Request.Method) && Endpoints.TryGetValue(context.Request.Path, out var endpoint))
                {
                    context.SetEndpoint(endpoint);
                }

                return after(context);
            });
            next(app);
        };

        private static Endpoint Anonymous(RequestDelegate verify, string path) =>
            new(verify, new EndpointMetadataCollection(new AllowAnonymousAttribute(), new RequireAntiforgeryTokenAttribute(required: false)), path);

        private static async Task VerifyFinchAsync(HttpContext context)
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var verifier = context.RequestServices.GetRequiredService<FinchWebhookVerifier>();
            var verification = verifier.Verify(body.GetBuffer().AsSpan(0, (int)body.Length), context.Request.Headers);
            context.Response.StatusCode = verification.IsValid ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized;
        }

        // As StripeWebhookEndpoint verifies: the bounded body, read as UTF-8, and Stripe.net's own check against each
        // configured secret within the tolerance.
        private static async Task VerifyStripeAsync(HttpContext context)
        {
            var stripe = context.RequestServices.GetRequiredService<IOptions<StripeOptions>>().Value;
            var limit = context.RequestServices.GetRequiredService<IOptions<WebhookOptions>>().Value.MaxBodyBytes;
            var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds();
            var signature = context.Request.Headers[StripeWebhookEndpoint.SignatureHeader].ToString();
            using var body = await WebhookBody.ReadAsync(context.Request, limit, context.RequestAborted);
            var verified = body is { } read && Utf8.IsValid(read.Span)
                && Verifies(Encoding.UTF8.GetString(read.Span), signature, stripe.WebhookSecrets, (long)stripe.WebhookTolerance.TotalSeconds, now);
            context.Response.StatusCode = verified ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized;
        }

        private static bool Verifies(string json, string signature, IReadOnlyList<string> secrets, long tolerance, long now)
        {
            foreach (var secret in secrets)
            {
                try
                {
                    EventUtility.ConstructEvent(json, signature, secret, tolerance, now, throwOnApiVersionMismatch: false);
                    return true;
                }
                catch (StripeException)
                {
                    // Not this secret; the next one is tried.
                }
            }

            return false;
        }
    }
}
