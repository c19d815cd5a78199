using System.Text;
using System.Text.Encodings.Web;
using FinchDashboard.FinchSandbox.ConnectSessions;
using FinchDashboard.FinchSandbox.Providers;

namespace FinchDashboard.FinchSandbox.ConnectPage;

/// <summary>
/// Server-rendered pages of the hosted Connect flow: plain forms with labels and buttons, no JavaScript,
/// so they work with any browser and with an HttpClient in tests.
/// </summary>
public static class ConnectPageHtml
{
    private static readonly Dictionary<string, string> ProductLabels = new(StringComparer.Ordinal)
    {
        ["company"] = "Company information",
        ["directory"] = "Employee directory",
        ["individual"] = "Employee personal details",
        ["ssn"] = "Social Security numbers",
        ["employment"] = "Employment and income",
        ["payment"] = "Payroll runs",
        ["pay_statement"] = "Pay statements",
        ["benefits"] = "Deductions and contributions",
        ["deduction"] = "Deductions and contributions",
        ["documents"] = "Company documents",
    };

    public static string Step(ConnectSession session, string state, string formAction, string? error)
    {
        var body = new StringBuilder();
        if (error is not null) body.Append("<p role=\"alert\" class=\"error\">").Append(E(error)).Append("</p>");

        if (!session.ConsentGiven) Consent(body, session);
        else if (session.ProviderId is null) ProviderChoice(body, session);
        else if (!session.LoggedIn) Login(body, session);
        else Entities(body, session);

        return Page(TitleOf(session), Form(body.ToString(), session, state, formAction, StepName(session)));
    }

    public static string Notice(string title, string text, string? code) =>
        Page(title, $"<p>{E(text)}</p>" + (code is null ? "" : $"<p>Authorization code: <output id=\"code\">{E(code)}</output></p>"));

    private static string StepName(ConnectSession s) =>
        !s.ConsentGiven ? "consent" : s.ProviderId is null ? "provider" : !s.LoggedIn ? "login" : "entities";

    private static string TitleOf(ConnectSession s) => StepName(s) switch
    {
        "consent" => s.IsReauthentication ? "Reconnect your employment system" : "Connect your employment system",
        "provider" => "Select your provider",
        "login" => $"Sign in to {ProviderCatalog.Find(s.ProviderId)?.DisplayName}",
        _ => "Select companies",
    };

    private static void Consent(StringBuilder body, ConnectSession session)
    {
        var who = string.IsNullOrEmpty(session.CustomerName) ? "This application" : E(session.CustomerName);
        body.Append("<p>").Append(who).Append(" uses Finch to access the following data from your payroll or HR system:</p><ul>");
        foreach (var product in session.Products)
            body.Append("<li>").Append(E(ProductLabels.GetValueOrDefault(product, product))).Append("</li>");
        body.Append("</ul>");
        if (session.Sandbox is not null) body.Append("<p>Sandbox mode: no real employer data is used.</p>");
        body.Append("<button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button> ");
        body.Append("<button type=\"submit\" name=\"decision\" value=\"decline\">Decline</button>");
    }

    private static void ProviderChoice(StringBuilder body, ConnectSession session)
    {
        body.Append("<fieldset><legend>Which system does your company use?</legend>");
        foreach (var provider in ProviderCatalog.Selectable(session.Manual))
        {
            var id = "provider-" + provider.Id;
            body.Append($"<div><input type=\"radio\" id=\"{id}\" name=\"provider_id\" value=\"{E(provider.Id)}\" required>")
                .Append($"<label for=\"{id}\">{E(provider.DisplayName)}</label></div>");
        }
        body.Append("</fieldset><button type=\"submit\">Continue</button>");
    }

    private static void Login(StringBuilder body, ConnectSession session)
    {
        var provider = ProviderCatalog.Find(session.ProviderId)!;
        switch (session.AuthMethod)
        {
            case "credential":
                body.Append(Field("username", "Username", "text", "username"))
                    .Append(Field("password", "Password", "password", "current-password"));
                break;
            case "api_token":
                body.Append(Field("api_token", "API token", "password", "off"))
                    .Append(Field("username", "Account name (optional)", "text", "username", required: false));
                break;
            case "oauth":
                body.Append($"<p>You will be asked to approve access in {E(provider.DisplayName)}.</p>");
                break;
            default:
                body.Append($"<p>Finch's team will finish the setup with {E(provider.DisplayName)}. Add Finch as an administrator first.</p>")
                    .Append("<div><input type=\"checkbox\" id=\"admin_added\" name=\"admin_added\" value=\"yes\">")
                    .Append("<label for=\"admin_added\">I added Finch as an administrator</label></div>")
                    .Append(Field("username", "Your email", "email", "email", required: false));
                break;
        }
        body.Append($"<button type=\"submit\">{(session.AuthMethod == "oauth" ? "Authorize" : "Connect")}</button>");
    }

    private static void Entities(StringBuilder body, ConnectSession session)
    {
        body.Append("<fieldset><legend>Which companies should be connected?</legend>");
        foreach (var (candidate, index) in session.CandidateEntities.Select((c, i) => (c, i)))
        {
            var id = "entity-" + index;
            var attributes = candidate.CurrentlyConnected ? " checked disabled" : session.IsReauthentication ? "" : " checked";
            var note = candidate.CurrentlyConnected ? " (already connected)" : candidate.ExistingEntityId is not null ? " (disconnected)" : "";
            body.Append($"<div><input type=\"checkbox\" id=\"{id}\" name=\"entity\" value=\"{E(candidate.Key)}\"{attributes}>")
                .Append($"<label for=\"{id}\">{E(candidate.Name)}{note}</label></div>");
        }
        body.Append("</fieldset><button type=\"submit\">Connect</button>");
    }

    private static string Field(string name, string label, string type, string autocomplete, bool required = true) =>
        $"<div><label for=\"{name}\">{E(label)}</label> <input type=\"{type}\" id=\"{name}\" name=\"{name}\" autocomplete=\"{autocomplete}\"{(required ? " required" : "")}></div>";

    private static string Form(string inner, ConnectSession session, string state, string action, string step) =>
        $"<form method=\"post\" action=\"{E(action)}\">" +
        $"<input type=\"hidden\" name=\"session\" value=\"{E(session.Id)}\">" +
        $"<input type=\"hidden\" name=\"state\" value=\"{E(state)}\">" +
        $"<input type=\"hidden\" name=\"step\" value=\"{step}\">" +
        inner + "</form>";

    private static string Page(string title, string main) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">" +
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<title>{E(title)} - Finch Connect (sandbox)</title>" +
        "<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}" +
        "div{margin:.5rem 0}button{margin-top:1rem;padding:.4rem 1rem}.error{color:#a40000}</style></head>" +
        $"<body><main><h1>{E(title)}</h1>{main}</main></body></html>";

    private static string E(string? value) => HtmlEncoder.Default.Encode(value ?? "");
}
