using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace FinchDashboard.FinchSandbox.Tests.Infrastructure;

/// <summary>
/// Drives the hosted Connect page like a browser without JavaScript: GET the page, read the hidden fields of its
/// form, POST the user's answers, follow same-site redirects, stop at the redirect leaving the emulator.
/// </summary>
public sealed partial class ConnectPageDriver(HttpClient http)
{
    public string Html { get; private set; } = "";
    public HttpStatusCode Status { get; private set; }

    /// <summary>Set once the flow redirected to the application's redirect_uri.</summary>
    public Uri? LeftTo { get; private set; }

    public async Task OpenAsync(string connectUrl, string? state)
    {
        var url = new Uri(connectUrl).PathAndQuery + (state is null ? "" : "&state=" + Uri.EscapeDataString(state));
        await LoadAsync(await http.GetAsync(url));
    }

    public async Task SubmitAsync(params (string Name, string Value)[] fields)
    {
        var hidden = HiddenField().Matches(Html).Select(m => (m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value)));
        var content = new FormUrlEncodedContent(hidden.Concat(fields).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));
        await LoadAsync(await http.PostAsync("/connect", content));
    }

    public IReadOnlyDictionary<string, string> RedirectQuery =>
        QueryHelpers.ParseQuery(LeftTo!.Query).ToDictionary(kv => kv.Key, kv => kv.Value.ToString());

    /// <summary>Values of the checkboxes/radios named <paramref name="name"/> on the current page.</summary>
    public IReadOnlyList<string> OptionValues(string name) =>
        [.. Regex.Matches(Html, $"name=\"{name}\" value=\"([^\"]*)\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    private async Task LoadAsync(HttpResponseMessage response)
    {
        while (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther)
        {
            var location = response.Headers.Location!;
            if (location.IsAbsoluteUri)
            {
                LeftTo = location;
                Status = response.StatusCode;
                return;
            }
            response = await http.GetAsync(location);
        }
        Status = response.StatusCode;
        Html = await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenField();
}
