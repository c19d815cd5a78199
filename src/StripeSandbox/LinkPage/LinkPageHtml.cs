using System.Text;
using System.Text.Encodings.Web;
using FinchDashboard.StripeSandbox.Sessions;

namespace FinchDashboard.StripeSandbox.LinkPage;

/// <summary>
/// Server-rendered pages of the hosted authentication flow: plain forms with labels and buttons, no JavaScript, so they
/// work with the keyboard, in any browser, and with an HttpClient in tests.
/// </summary>
public static class LinkPageHtml
{
    public const string Path = "/link-accounts";

    public static string ChooseInstitution(LinkSession session, string? error)
    {
        var body = new StringBuilder();
        Alert(body, error);
        body.Append("<p>Link your bank account to share the account details you allow with this business.</p>");
        body.Append("<fieldset><legend>Select your bank</legend>");
        foreach (var institution in TestInstitutions.All)
        {
            var id = "institution-" + institution.Id;
            body.Append($"<div><input type=\"radio\" id=\"{id}\" name=\"institution\" value=\"{E(institution.Id)}\" required>")
                .Append($"<label for=\"{id}\">{E(institution.Name)}</label></div>");
        }
        body.Append("</fieldset>");
        body.Append("<button type=\"submit\" name=\"decision\" value=\"continue\">Continue</button> ");
        body.Append("<button type=\"submit\" name=\"decision\" value=\"cancel\" formnovalidate>Cancel</button>");
        return Page("Link your bank account", Form(body.ToString(), session, "institution", null));
    }

    public static string ChooseAccounts(LinkSession session, TestInstitution institution, IReadOnlyList<TestAccount> offered, string? error)
    {
        var body = new StringBuilder();
        Alert(body, error);
        body.Append("<p>Test mode: no real bank data is used.</p>");
        if (offered.Count == 0)
        {
            body.Append($"<p>{E(institution.Name)} has no accounts of the kinds this business asked for. Go back and choose another bank.</p>");
        }
        else
        {
            body.Append("<fieldset><legend>Which accounts should be linked?</legend>");
            foreach (var account in offered)
            {
                var id = "account-" + account.Key;
                body.Append($"<div><input type=\"checkbox\" id=\"{id}\" name=\"account\" value=\"{E(account.Key)}\" checked>")
                    .Append($"<label for=\"{id}\">{E(account.DisplayName)} ending in {E(account.Last4)}</label></div>");
            }
            body.Append("</fieldset>");
            body.Append("<button type=\"submit\" name=\"decision\" value=\"link\">Link accounts</button> ");
        }
        body.Append("<button type=\"submit\" name=\"decision\" value=\"back\">Choose another bank</button> ");
        body.Append("<button type=\"submit\" name=\"decision\" value=\"cancel\">Cancel</button>");
        return Page($"Select accounts at {institution.Name}", Form(body.ToString(), session, "accounts", institution.Id));
    }

    public static string Notice(string title, string text) => Page(title, $"<p>{E(text)}</p>");

    private static void Alert(StringBuilder body, string? error)
    {
        if (error is not null) body.Append("<p role=\"alert\" class=\"error\">").Append(E(error)).Append("</p>");
    }

    private static string Form(string inner, LinkSession session, string step, string? institution) =>
        $"<form method=\"post\" action=\"{Path}\">" +
        $"<input type=\"hidden\" name=\"client_secret\" value=\"{E(session.ClientSecret)}\">" +
        $"<input type=\"hidden\" name=\"step\" value=\"{step}\">" +
        (institution is null ? "" : $"<input type=\"hidden\" name=\"institution\" value=\"{E(institution)}\">") +
        inner + "</form>";

    private static string Page(string title, string main) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">" +
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<title>{E(title)} - Stripe Financial Connections (sandbox)</title>" +
        "<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}" +
        "div{margin:.5rem 0}button{margin-top:1rem;padding:.4rem 1rem}.error{color:#a40000}</style></head>" +
        $"<body><main><h1>{E(title)}</h1>{main}</main></body></html>";

    private static string E(string? value) => HtmlEncoder.Default.Encode(value ?? "");
}
