using System.Globalization;
using System.Net;

namespace FinchDashboard.FinchSandbox.Providers;

/// <summary>
/// The emulator's own provider images, drawn here so nothing is fetched from the network: an icon (a square with the
/// provider's initials in its colour) and a logo (the icon beside its name). Finch serves its images from its own CDN,
/// unauthenticated, so these are anonymous too.
/// </summary>
public static class ProviderLogos
{
    public const string PathPrefix = "/logos";

    public static string IconPath(ProviderDefinition provider) => $"{PathPrefix}/{provider.Id}-icon.svg";

    public static string LogoPath(ProviderDefinition provider) => $"{PathPrefix}/{provider.Id}-logo.svg";

    public static void MapProviderLogoEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(PathPrefix + "/{file}", (string file) =>
        {
            var svg = file switch
            {
                _ when file.EndsWith("-icon.svg", StringComparison.Ordinal) && ProviderCatalog.Find(file[..^"-icon.svg".Length]) is { } p => Icon(p),
                _ when file.EndsWith("-logo.svg", StringComparison.Ordinal) && ProviderCatalog.Find(file[..^"-logo.svg".Length]) is { } p => Logo(p),
                _ => null,
            };
            return svg is null ? Results.NotFound() : Results.Text(svg, "image/svg+xml");
        });
    }

    public static string Icon(ProviderDefinition provider) =>
        $"""<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">{Mark(provider, 0)}</svg>""";

    public static string Logo(ProviderDefinition provider) =>
        $"""<svg xmlns="http://www.w3.org/2000/svg" width="240" height="64" viewBox="0 0 240 64">{Mark(provider, 0)}<text x="76" y="41" font-family="sans-serif" font-size="22" fill="#1f2937">{WebUtility.HtmlEncode(provider.DisplayName)}</text></svg>""";

    private static string Mark(ProviderDefinition provider, int x) => string.Create(CultureInfo.InvariantCulture,
        $"""<rect x="{x}" width="64" height="64" rx="12" fill="{provider.PrimaryColor}"/><text x="{x + 32}" y="41" text-anchor="middle" font-family="sans-serif" font-size="24" font-weight="700" fill="#ffffff">{WebUtility.HtmlEncode(Initials(provider.DisplayName))}</text>""");

    private static string Initials(string name) =>
        string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(word => char.ToUpperInvariant(word[0])));
}
