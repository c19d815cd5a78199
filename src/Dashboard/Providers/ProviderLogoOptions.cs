namespace FinchDashboard.Dashboard.Providers;

/// <summary>Finch's provider catalogue and the logos the dashboard serves from it, bound from the <c>Providers</c> section.</summary>
public sealed class ProviderLogoOptions
{
    public const string Section = "Providers";

    /// <summary>How long Finch's <c>/providers</c> answer and the logos fetched from it are kept before they are asked for again.</summary>
    public TimeSpan CatalogueLifetime { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long a failed <c>/providers</c> call or logo fetch is remembered, so a page of logos asks Finch once, not per row.</summary>
    public TimeSpan FailureLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The hosts the dashboard fetches logo images from, over https (Finch's CDN). The host of <c>Finch:BaseUrl</c> is
    /// allowed as well, so the emulator's own logos work; any other address in Finch's answer is ignored.
    /// </summary>
    public string[] AllowedHosts { get; set; } = ["finch-logos.s3.us-west-2.amazonaws.com"];

    /// <summary>The largest logo image accepted; Finch's are a few kilobytes.</summary>
    public int MaxBytes { get; set; } = 256 * 1024;

    /// <summary>How long one logo fetch may take.</summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
