using FinchDashboard.SandboxHosting;

namespace FinchDashboard.FinchSandbox.ConnectPage;

public static class ConnectPageEndpoints
{
    public static void MapConnectPageEndpoints(this IEndpointRouteBuilder app)
    {
        // The page is for the employer's browser: no API credentials, the session id in the URL is the capability.
        app.MapGet("/connect", (HttpRequest request, ConnectFlow flow) =>
            Render(flow.Open(request.Query["session"]), request, request.Query["state"].ToString()));

        // Forms are read by hand rather than bound with [FromForm], which would demand antiforgery tokens
        // that a pretend provider login has no use for.
        app.MapPost("/connect", async (HttpRequest request, ConnectFlow flow, PublicUrls urls) =>
        {
            var form = await request.ReadFormAsync();
            var state = form["state"].ToString();
            var result = flow.Submit(form, urls.BaseUrl(request));
            return result is FlowResult.Continue
                ? Results.Redirect(PageUrl(request, form["session"].ToString(), state))
                : Render(result, request, state);
        });
    }

    private static IResult Render(FlowResult result, HttpRequest request, string state) => result switch
    {
        FlowResult.Step step => Html(step.Error is null ? 200 : 422,
            ConnectPageHtml.Step(step.Session, state, $"{request.PathBase}/connect", step.Error)),
        FlowResult.Leave leave => Results.Redirect(leave.Url),
        FlowResult.Notice notice => Html(notice.StatusCode, ConnectPageHtml.Notice(notice.Title, notice.Text, notice.Code)),
        _ => Results.Redirect(PageUrl(request, request.Query["session"].ToString(), state)),
    };

    private static string PageUrl(HttpRequest request, string session, string state)
    {
        var url = $"{request.PathBase}/connect?session={Uri.EscapeDataString(session)}";
        return string.IsNullOrEmpty(state) ? url : $"{url}&state={Uri.EscapeDataString(state)}";
    }

    private static IResult Html(int status, string html) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);
}
