using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

/// <summary>
/// The baseline the stored figure is compared with: the dashboard's own webhook verifier, registered by the dashboard's
/// own <see cref="FinchServiceCollectionExtensions.AddFinch"/> from the same settings, answering the same requests on
/// the same path with Kestrel's defaults, in its own process, and storing nothing. The dashboard carries no endpoint
/// for this.
/// </summary>
internal static class VerifyOnlyServer
{
    public const string Command = "verify-only";

    public static async Task RunAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.AddFinch();
        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Ok());
        app.MapPost(FinchWebhookEndpoint.Path, async (HttpContext context, FinchWebhookVerifier verifier) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var verification = verifier.Verify(body.GetBuffer().AsSpan(0, (int)body.Length), context.Request.Headers);
            return verification.IsValid ? Results.Ok() : Results.Unauthorized();
        });
        await app.RunAsync();
    }
}
