using FinchDashboard.FinchSandbox.Connections;
using FinchDashboard.FinchSandbox.ConnectSessions;
using FinchDashboard.FinchSandbox.Providers;
using FinchDashboard.FinchSandbox.State;
using Microsoft.AspNetCore.WebUtilities;

namespace FinchDashboard.FinchSandbox.ConnectPage;

/// <summary>What the hosted page should do next.</summary>
public abstract record FlowResult
{
    /// <summary>Render the session's current step (optionally with a validation message).</summary>
    public sealed record Step(ConnectSession Session, string? Error = null) : FlowResult;

    /// <summary>Post/Redirect/Get back to the page after a step was accepted.</summary>
    public sealed record Continue : FlowResult;

    /// <summary>Leave Finch Connect for the application's redirect_uri.</summary>
    public sealed record Leave(string Url) : FlowResult;

    /// <summary>A terminal or error page.</summary>
    public sealed record Notice(int StatusCode, string Title, string Text, string? Code = null) : FlowResult;
}

/// <summary>
/// The steps of Finch Connect: consent, provider choice, login, entity choice, then a code for the redirect_uri.
/// State comes through untouched from the connect_url query, as Finch Connect passes it back.
/// </summary>
public sealed class ConnectFlow(SandboxStore store, ConnectionService connections, TimeProvider time)
{
    public FlowResult Open(string? sessionId)
    {
        lock (store.Gate)
        {
            var (session, notice) = Find(sessionId);
            if (notice is not null) return notice;
            if (session!.Status == ConnectSessionStatuses.Created)
            {
                session.Status = ConnectSessionStatuses.Opened;
                session.OpenedAt = time.GetUtcNow();
            }
            return new FlowResult.Step(session);
        }
    }

    public FlowResult Submit(IFormCollection form, string apiBaseUrl)
    {
        lock (store.Gate)
        {
            var (session, notice) = Find(form["session"]);
            if (notice is not null) return notice;
            var state = form["state"].ToString();
            return form["step"].ToString() switch
            {
                "consent" => Consent(session!, form["decision"].ToString(), state),
                "provider" => ChooseProvider(session!, form["provider_id"].ToString(), form["auth_method"].ToString()),
                "login" => LogIn(session!, form, state, apiBaseUrl),
                "entities" => ChooseEntities(session!, form["entity"].Select(v => v ?? "").ToList(), state, apiBaseUrl),
                _ => new FlowResult.Notice(400, "Something went wrong", "The form was not recognised. Please reopen the link you were given."),
            };
        }
    }

    private (ConnectSession?, FlowResult?) Find(string? sessionId)
    {
        if (string.IsNullOrEmpty(sessionId) || !store.Sessions.TryGetValue(sessionId, out var session))
            return (null, new FlowResult.Notice(404, "Link not found", "This Finch Connect link is not valid. Ask the application for a new link."));
        return session.EffectiveStatus(time.GetUtcNow()) switch
        {
            ConnectSessionStatuses.Expired => (null, new FlowResult.Notice(410, "This link has expired",
                "This Finch Connect session has expired. Ask the application that sent it for a new link.")),
            ConnectSessionStatuses.Completed or ConnectSessionStatuses.Declined => (null, new FlowResult.Notice(409, "This link was already used",
                "This Finch Connect session is finished. Ask the application for a new link if you need to connect again.")),
            _ => (session, null),
        };
    }

    private FlowResult Consent(ConnectSession session, string decision, string state)
    {
        if (decision == "decline")
        {
            Finish(session, ConnectSessionStatuses.Declined);
            return session.RedirectUri is null
                ? new FlowResult.Notice(200, "Connection cancelled", "You declined to share your employment data. You can close this window.")
                : new FlowResult.Leave(WithQuery(session.RedirectUri, state,
                    ("error", "access_denied"), ("error_description", "The user declined to grant access.")));
        }
        if (decision != "allow") return new FlowResult.Step(session, "Choose Allow or Decline.");

        session.ConsentGiven = true;
        // integration.provider (or a reauth's fixed provider) skips the provider screen, as in Finch Connect.
        var preset = ProviderCatalog.Find(session.IntegrationProvider);
        if (preset is not null)
        {
            session.ProviderId = preset.Id;
            session.AuthMethod = session.IntegrationAuthMethod ?? ProviderCatalog.OfferedMethods(preset, session.Manual)[0];
        }
        return new FlowResult.Continue();
    }

    private FlowResult ChooseProvider(ConnectSession session, string providerId, string authMethod)
    {
        if (!session.ConsentGiven) return new FlowResult.Step(session);
        var provider = ProviderCatalog.Selectable(session.Manual).FirstOrDefault(p => p.Id == providerId);
        if (provider is null) return new FlowResult.Step(session, "Choose your payroll or HR provider.");
        var offered = ProviderCatalog.OfferedMethods(provider, session.Manual);
        if (!string.IsNullOrEmpty(authMethod) && !offered.Contains(authMethod))
            return new FlowResult.Step(session, $"{provider.DisplayName} cannot be connected with that sign-in method.");
        session.ProviderId = provider.Id;
        session.AuthMethod = string.IsNullOrEmpty(authMethod) ? offered[0] : authMethod;
        return new FlowResult.Continue();
    }

    private FlowResult LogIn(ConnectSession session, IFormCollection form, string state, string apiBaseUrl)
    {
        if (session.ProviderId is null) return new FlowResult.Step(session);
        var username = form["username"].ToString().Trim();
        var error = session.AuthMethod switch
        {
            "credential" when username.Length == 0 || form["password"].ToString().Length == 0 => "Enter your username and password.",
            "api_token" when form["api_token"].ToString().Trim().Length == 0 => "Enter your API token.",
            "assisted" when form["admin_added"] != "yes" => "Confirm that you added Finch as an administrator.",
            _ => null,
        };
        if (error is not null) return new FlowResult.Step(session, error);

        session.LoggedIn = true;
        session.Username = username.Length > 0 ? username : null;
        session.CandidateEntities.Clear();
        session.CandidateEntities.AddRange(CandidatesFor(session));
        var provider = ProviderCatalog.Find(session.ProviderId)!;
        return provider.MultiEntity || session.CandidateEntities.Count > 1
            ? new FlowResult.Continue()
            : Complete(session, [.. session.CandidateEntities.Select(c => c.Key)], state, apiBaseUrl);
    }

    private FlowResult ChooseEntities(ConnectSession session, List<string> keys, string state, string apiBaseUrl)
    {
        if (!session.LoggedIn) return new FlowResult.Step(session);
        // Reauth cannot remove entities (Finch's "Disconnect Connections" guide), so the currently connected ones always stay selected.
        var chosen = session.CandidateEntities
            .Where(c => c.CurrentlyConnected || keys.Contains(c.Key))
            .Select(c => c.Key)
            .ToList();
        if (chosen.Count == 0) return new FlowResult.Step(session, "Select at least one company to connect.");
        return Complete(session, chosen, state, apiBaseUrl);
    }

    private List<CandidateEntity> CandidatesFor(ConnectSession session)
    {
        if (session.IsReauthentication && store.Connections.TryGetValue(session.ConnectionId!, out var connection))
            return [.. connection.Entities.Select(e => new CandidateEntity(e.Id, e.Name, e.Id, !e.Disconnected))];
        var provider = ProviderCatalog.Find(session.ProviderId)!;
        var employer = string.IsNullOrWhiteSpace(session.CustomerName) ? CompanyNames.Random() : session.CustomerName!;
        return [.. CompanyNames.EntitiesOf(employer, provider.MultiEntity ? 3 : 1)
            .Select((name, i) => new CandidateEntity($"new-{i}", name, null, false))];
    }

    private FlowResult Complete(ConnectSession session, List<string> chosenKeys, string state, string apiBaseUrl)
    {
        var chosen = session.CandidateEntities.Where(c => chosenKeys.Contains(c.Key)).ToList();
        Connection connection;
        Account account;
        if (session.IsReauthentication)
        {
            connection = store.Connections[session.ConnectionId!];
            if (connection.Disconnected)
                return new FlowResult.Notice(409, "Connection no longer exists",
                    "This connection was disconnected, so it cannot be reauthenticated. Ask the application for a new link.");
            account = connections.Reauthenticate(connection, session.AuthMethod!, session.Username, session.Products,
                [.. chosen.Where(c => c.ExistingEntityId is not null).Select(c => c.ExistingEntityId!)]);
        }
        else
        {
            (connection, account) = connections.CreateConnection(
                session.ProviderId!,
                session.Sandbox == "finch" ? "finch" : "provider",
                new NewAccount(session.AuthMethod!, session.Products, session.Username, [.. chosen.Select(c => c.Name)]),
                apiBaseUrl,
                new ConnectionOwner(session.CustomerId, session.CustomerName, session.CustomerEmail));
        }

        session.ConnectionId = connection.Id;
        Finish(session, ConnectSessionStatuses.Completed);
        var code = connections.IssueCode(connection, account, session.Products, session.RedirectUri);
        // Without a redirect_uri (embedded flow) the code is shown instead, standing in for the SDK's onSuccess.
        return session.RedirectUri is null
            ? new FlowResult.Notice(200, "You're connected", "Your employment system is now connected.", code)
            : new FlowResult.Leave(WithQuery(session.RedirectUri, state, ("code", code)));
    }

    private void Finish(ConnectSession session, string status)
    {
        session.Status = status;
        session.CompletedAt = time.GetUtcNow();
    }

    private static string WithQuery(string uri, string state, params (string Key, string Value)[] values)
    {
        var result = values.Aggregate(uri, (current, pair) => QueryHelpers.AddQueryString(current, pair.Key, pair.Value));
        return string.IsNullOrEmpty(state) ? result : QueryHelpers.AddQueryString(result, "state", state);
    }
}
