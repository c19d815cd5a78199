using FinchDashboard.StripeSandbox.Sessions;

namespace FinchDashboard.StripeSandbox.LinkPage;

/// <summary>
/// The hosted authentication page of a session (its <c>hosted_auth_url</c>): pick a bank, pick accounts, and go back to
/// the session's return_url. For the user's browser: no API key, the client_secret in the URL is the capability.
/// </summary>
public static class LinkPageEndpoints
{
    public static void MapLinkPageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(LinkPageHtml.Path, (HttpRequest request, LinkFlow flow) =>
        {
            var session = flow.Find(request.Query["client_secret"]);
            if (session is null || session.Finished) return Unusable(session);
            return TestInstitutions.Find(request.Query["institution"]) is { } institution
                ? Html(200, LinkPageHtml.ChooseAccounts(session, institution, LinkFlow.Offered(session, institution), null))
                : Html(200, LinkPageHtml.ChooseInstitution(session, null));
        });

        // Forms are read by hand rather than bound with [FromForm], which would demand antiforgery tokens a pretend bank has no use for.
        app.MapPost(LinkPageHtml.Path, async (HttpRequest request, LinkFlow flow) =>
        {
            var form = await request.ReadFormAsync();
            var session = flow.Find(form["client_secret"]);
            if (session is null || session.Finished) return Unusable(session);

            var decision = form["decision"].ToString();
            if (decision == "cancel")
            {
                flow.Cancel(session);
                return Leave(session, "You cancelled linking your bank account. You can close this window.");
            }
            if (decision == "back") return Results.Redirect(PageUrl(session, null));

            var institution = TestInstitutions.Find(form["institution"]);
            if (institution is null)
                return Html(422, LinkPageHtml.ChooseInstitution(session, "Select your bank to continue."));
            if (form["step"] == "institution") return Results.Redirect(PageUrl(session, institution.Id));

            var offered = LinkFlow.Offered(session, institution);
            var chosen = offered.Where(a => form["account"].Contains(a.Key)).ToList();
            if (chosen.Count == 0)
                return Html(422, LinkPageHtml.ChooseAccounts(session, institution, offered, "Select at least one account to link, or cancel."));
            return flow.Link(session, institution, chosen)
                ? Leave(session, $"Your {(chosen.Count == 1 ? "account is" : "accounts are")} linked. You can close this window.")
                : Unusable(session);
        });
    }

    private static IResult Leave(LinkSession session, string notice) =>
        session.ReturnUrl is { } returnUrl ? Results.Redirect(returnUrl) : Html(200, LinkPageHtml.Notice("Done", notice));

    private static IResult Unusable(LinkSession? session) => session is null
        ? Html(404, LinkPageHtml.Notice("Link not valid", "This link is not valid. Ask the business for a new one."))
        : Html(410, LinkPageHtml.Notice("Link already used",
            "This link has already been used. If you need to link another account, ask the business for a new link."));

    private static string PageUrl(LinkSession session, string? institution) =>
        $"{LinkPageHtml.Path}?client_secret={Uri.EscapeDataString(session.ClientSecret)}" +
        (institution is null ? "" : $"&institution={Uri.EscapeDataString(institution)}");

    private static IResult Html(int status, string html) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);
}
