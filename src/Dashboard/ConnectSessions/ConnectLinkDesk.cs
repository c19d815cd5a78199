using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Employers;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Providers;

namespace FinchDashboard.Dashboard.ConnectSessions;

/// <summary>
/// What the "Create a Connect link" dialog asks of the dashboard: the employers and providers to choose from, a new
/// employer, and the link itself. An interface so the dialog can be tested without PostgreSQL or Finch.
/// </summary>
public interface IConnectLinkDesk
{
    Task<IReadOnlyList<EmployerSummary>> EmployersAsync();

    /// <summary>Finch's provider catalogue by name; empty when Finch does not answer, so the employer chooses.</summary>
    Task<IReadOnlyList<FinchProvider>> ProvidersAsync();

    /// <summary>Where Finch Connect may send the employer back to; the first is the default.</summary>
    IReadOnlyList<string> RedirectUris { get; }

    Task<NewEmployerResult> CreateEmployerAsync(string? customerId, string? name, string? email);

    Task<ConnectLinkResult> CreateAsync(NewConnectLinkRequest request);

    Task<ConnectLinkResult> CreateReauthenticationAsync(Guid connectionId, string redirectUri, IReadOnlyList<string> products, int minutesToExpire);
}

public sealed class ConnectLinkDesk(ConnectLinks links, ConnectRedirects redirects, EmployerDirectory employers, ProviderCatalogue providers) : IConnectLinkDesk
{
    public IReadOnlyList<string> RedirectUris => redirects.Allowed;

    public async Task<IReadOnlyList<EmployerSummary>> EmployersAsync() =>
        (await employers.ListAsync(new EmployerListQuery(null, EmployerSort.NameAscending, new PageRequest(0, PageRequest.MaxSize)))).Items;

    public Task<IReadOnlyList<FinchProvider>> ProvidersAsync() => providers.ListAsync();

    public Task<NewEmployerResult> CreateEmployerAsync(string? customerId, string? name, string? email) =>
        employers.CreateAsync(customerId, name, email);

    public Task<ConnectLinkResult> CreateAsync(NewConnectLinkRequest request) => links.CreateAsync(request);

    public Task<ConnectLinkResult> CreateReauthenticationAsync(Guid connectionId, string redirectUri, IReadOnlyList<string> products, int minutesToExpire) =>
        links.CreateReauthenticationAsync(connectionId, redirectUri, products, minutesToExpire);
}
