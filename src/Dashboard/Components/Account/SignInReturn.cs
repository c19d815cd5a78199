using FinchDashboard.Dashboard.Web;

namespace FinchDashboard.Dashboard.Components.Account;

/// <summary>Where the sign-in pages send a user when they are done, passed from step to step as <c>ReturnUrl</c>.</summary>
public static class SignInReturn
{
    /// <summary>Only local paths: a crafted ReturnUrl must not send a freshly signed-in user to another site.</summary>
    public static string Safe(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\")
            ? returnUrl
            : "/";

    /// <summary>The address of the next sign-in step, <paramref name="page"/>, carrying the return address on.</summary>
    public static string Via(string page, string? returnUrl) =>
        page + UrlQuery.Create(("ReturnUrl", returnUrl is null ? null : Safe(returnUrl)));
}
