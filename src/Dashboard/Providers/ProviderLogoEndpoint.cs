namespace FinchDashboard.Dashboard.Providers;

/// <summary>
/// GET /provider-logos/{providerId}: the provider's logo from the dashboard's own origin (the Content-Security-Policy
/// allows images only from there and data: URIs). A provider without a usable logo gets a plain placeholder, so an
/// image never shows broken; pages mark these images decorative, as the provider's name is always written beside them.
/// </summary>
public static class ProviderLogoEndpoint
{
    public const string Path = "/provider-logos";

    /// <summary>A grey rounded square, drawn here: what a provider without a logo shows.</summary>
    private static readonly byte[] Placeholder =
        """<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="#9e9e9e"/></svg>"""u8.ToArray();

    /// <summary>The address of a provider's logo, for an img's src.</summary>
    public static string For(string providerId) => $"{Path.TrimStart('/')}/{Uri.EscapeDataString(providerId)}";

    /// <summary>Any signed-in user: every page that shows a provider needs its logo.</summary>
    public static IEndpointConventionBuilder MapProviderLogos(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path + "/{providerId}", async (string providerId, HttpContext context, ProviderLogos logos) =>
        {
            var logo = await logos.FindAsync(providerId, context.RequestAborted);
            // A logo may be an SVG from elsewhere: opened on its own it is downloaded, not rendered as a page of our
            // origin (an img ignores this header, and the site-wide CSP forbids its scripts anyway).
            context.Response.Headers.ContentDisposition = "attachment";
            context.Response.Headers.CacheControl = logo is null ? "private, max-age=300" : "private, max-age=3600";
            return logo is null
                ? Results.Bytes(Placeholder, "image/svg+xml")
                : Results.Bytes(logo.Content, logo.MediaType);
        }).RequireAuthorization();
}
