using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;

namespace FinchDashboard.Dashboard.Access;

/// <summary>
/// What stays anonymous under the fallback policy (which requires a signed-in user wherever an endpoint says nothing)
/// and is not an endpoint of ours that can say so itself.
/// </summary>
public static class AnonymousEndpoints
{
    private static readonly Endpoint NotFound = new(
        context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        },
        new EndpointMetadataCollection(new AllowAnonymousAttribute()),
        "Not found");

    /// <summary>
    /// Blazor's own endpoints (the circuit's hub and its negotiation, the opaque redirect) stay anonymous as they were:
    /// the not-found and error pages open a circuit for anonymous visitors too, and each page keeps its own
    /// <c>[Authorize]</c> or <c>[AllowAnonymous]</c>, checked again inside the circuit.
    /// </summary>
    public static RazorComponentsEndpointConventionBuilder AllowAnonymousFrameworkEndpoints(this RazorComponentsEndpointConventionBuilder components)
    {
        components.Add(endpoint =>
        {
            if (!endpoint.Metadata.OfType<ComponentTypeMetadata>().Any())
            {
                endpoint.Metadata.Add(new AllowAnonymousAttribute());
            }
        });
        return components;
    }

    /// <summary>
    /// An address no endpoint answers stays a 404 (the not-found page, through the status code pages) for anyone, as
    /// it was: left without an endpoint, the fallback policy would send anonymous visitors to sign in instead. Runs after
    /// routing, so a known address asked with the wrong method still answers 405. Register before UseAuthorization.
    /// </summary>
    public static IApplicationBuilder UseNotFoundForUnknownAddresses(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.GetEndpoint() is null)
            {
                context.SetEndpoint(NotFound);
            }

            return next(context);
        });
}
