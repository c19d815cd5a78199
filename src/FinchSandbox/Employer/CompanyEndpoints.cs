using System.Globalization;
using FinchDashboard.FinchSandbox.Api;
using FinchDashboard.FinchSandbox.Auth;
using FinchDashboard.FinchSandbox.Connections;
using FinchDashboard.FinchSandbox.State;

namespace FinchDashboard.FinchSandbox.Employer;

public static class CompanyEndpoints
{
    public sealed record EntityTypeDto(string? Type, string? Subtype);

    public sealed record DepartmentDto(string? Name, DepartmentParentDto? Parent);

    public sealed record DepartmentParentDto(string? Name);

    public sealed record LocationDto(string? Line1, string? Line2, string? City, string? State, string? PostalCode, string? Country);

    public sealed record BankAccountDto(string? AccountName, string? AccountNumber, string? AccountType, string? InstitutionName, string? RoutingNumber);

    /// <summary>The Company shape of the SDK (hris/company.ts).</summary>
    public sealed record CompanyResponse(
        string Id,
        string? LegalName,
        string? Ein,
        EntityTypeDto? Entity,
        string? PrimaryEmail,
        string? PrimaryPhoneNumber,
        IReadOnlyList<DepartmentDto?>? Departments,
        IReadOnlyList<LocationDto?>? Locations,
        IReadOnlyList<BankAccountDto>? Accounts);

    public static void MapCompanyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/employer/company", (HttpContext context, SandboxStore store) =>
            {
                var token = context.GetAccessToken();
                var requested = context.Request.Query["entity_ids"].Concat(context.Request.Query["entity_ids[]"]).ToList();
                if (requested.Count > 1) return FinchErrors.InvalidRequest("Provide exactly one entity_id per request.");
                lock (store.Gate)
                {
                    var connection = store.Connections[token.ConnectionId];
                    // Finch's "Disconnect Connections" guide: requests naming a disconnected entity fail with an invalid entity_id error.
                    var entity = requested.Count == 0
                        ? connection.ActiveEntities.FirstOrDefault()
                        : connection.ActiveEntities.FirstOrDefault(e => e.Id == requested[0]);
                    if (entity is null)
                        return FinchErrors.InvalidRequest(requested.Count == 0 ? "The connection has no connected entity." : $"Invalid entity_id '{requested[0]}'.");
                    return Results.Json(Describe(connection, entity));
                }
            })
            .RequireFinchAuth(FinchAuthScheme.AccessToken)
            .ReadsEmployerData("company");
    }

    /// <summary>Stable fake data derived from the entity, so repeated reads agree with each other.</summary>
    private static CompanyResponse Describe(Connection connection, Entity entity)
    {
        var seed = int.Parse(entity.SourceId, CultureInfo.InvariantCulture);
        var domain = new string([.. entity.Name.ToLowerInvariant().Where(char.IsLetterOrDigit).Take(16)]) + ".example.com";
        return new CompanyResponse(
            connection.CompanyId,
            entity.Name,
            $"{seed % 90 + 10:00}-{seed % 9_000_000 + 1_000_000:0000000}",
            new EntityTypeDto("corporation", "c_corporation"),
            $"payroll@{domain}",
            $"+1415555{seed % 10_000:0000}",
            [new DepartmentDto("Engineering", null), new DepartmentDto("Sales", null), new DepartmentDto("Platform", new DepartmentParentDto("Engineering"))],
            [new LocationDto("100 Market St", null, "San Francisco", "CA", "94105", "US")],
            [new BankAccountDto("Operating", $"00{seed:000000}12", "checking", "First Sandbox Bank", "121000248")]);
    }
}
