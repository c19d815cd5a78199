using FinchDashboard.FinchSandbox.Api;
using FinchDashboard.FinchSandbox.Auth;
using FinchDashboard.FinchSandbox.Connections;
using FinchDashboard.SandboxHosting;

namespace FinchDashboard.FinchSandbox.Jobs;

public static class JobEndpoints
{
    public sealed record CreateJobRequest(string? Type);

    public static void MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/jobs/automated", (CreateJobRequest request, HttpContext context, JobService jobs, PublicUrls urls) =>
            request.Type switch
            {
                "data_sync_all" => jobs.Create(context.GetAccessToken(), urls.BaseUrl(context.Request)),
                "w4_form_employee_sync" => FinchErrors.InvalidRequest("w4_form_employee_sync is not available to this application."),
                _ => FinchErrors.InvalidRequest("type must be 'data_sync_all' or 'w4_form_employee_sync'."),
            })
            .RequireFinchAuth(FinchAuthScheme.AccessToken)
            .ReadsEmployerData(product: null);

        app.MapGet("/jobs/automated", (int? limit, int? offset, HttpContext context, JobService jobs) => jobs.List(context.GetAccessToken(), limit, offset))
            .RequireFinchAuth(FinchAuthScheme.AccessToken);

        app.MapGet("/jobs/automated/{jobId}", (string jobId, HttpContext context, JobService jobs) => jobs.Get(context.GetAccessToken(), jobId))
            .RequireFinchAuth(FinchAuthScheme.AccessToken);
    }
}
