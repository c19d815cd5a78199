using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Throttling;

/// <summary>
/// Limits posts of the sign-in forms by client address, and of the password form by email too. An endpoint policy partitions by one key,
/// so this is the rate limiter's global limiter, chaining both and letting every other request through. The address
/// comes first: one client cycling through emails is stopped before it creates an email partition per guess.
/// </summary>
public sealed class SignInThrottle(IOptionsMonitor<CookieAuthenticationOptions> cookies)
{
    /// <summary>The email field of the sign-in form (Components/Pages/Account/Login.razor, form "login").</summary>
    public const string EmailField = "Input.Email";

    // Identity's email column is 256 long; a longer key only costs memory for as long as its window lasts.
    private const int MaxEmailLength = 256;

    private const string NotSignIn = "";

    /// <summary>
    /// The second step's forms (Components/Pages/Account/LoginWithAuthenticator.razor and LoginWithRecoveryCode.razor):
    /// a guessed code is a guessed password, so they count towards the same limit per address. They carry no email.
    /// </summary>
    private static readonly PathString[] SecondStepPaths = ["/account/login-2fa", "/account/login-recovery"];

    /// <summary>
    /// Whether <paramref name="context"/> posts the sign-in form (a POST to the page the sign-in cookie sends people
    /// to) or one of the second step's.
    /// </summary>
    public bool Applies(HttpContext context) =>
        IsPasswordForm(context) || (HttpMethods.IsPost(context.Request.Method) && SecondStepPaths.Any(path => context.Request.Path.Equals(path)));

    private bool IsPasswordForm(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(cookies.Get(IdentityConstants.ApplicationScheme).LoginPath);

    /// <summary>
    /// A limiter cannot wait for a request body, so the sign-in form is read here, ahead of it. ASP.NET Core keeps the
    /// parsed form, and antiforgery and Blazor's form binding read that copy. A body that does not parse (malformed,
    /// cut short, over the form limits) is refused here with the 400 antiforgery gave it before; past this point its
    /// spent body would surface as a 500.
    /// </summary>
    public async Task ReadFormAsync(HttpContext context, RequestDelegate next)
    {
        if (Applies(context) && context.Request.HasFormContentType)
        {
            try
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
        }

        await next(context);
    }

    public PartitionedRateLimiter<HttpContext> Create(RateLimitOptions limits) =>
        PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(context => Applies(context)
                ? RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(context), _ => limits.SignInPerAddress.ToLimiterOptions())
                : RateLimitPartition.GetNoLimiter(NotSignIn)),
            PartitionedRateLimiter.Create<HttpContext, string>(context => IsPasswordForm(context) && Email(context) is { } email
                ? RateLimitPartition.GetFixedWindowLimiter(email, _ => limits.SignInPerEmail.ToLimiterOptions())
                : RateLimitPartition.GetNoLimiter(NotSignIn)));

    /// <summary>The posted email as Identity compares it (case-insensitively), from the form <see cref="ReadFormAsync"/> read.</summary>
    private static string? Email(HttpContext context)
    {
        var email = context.Features.Get<IFormFeature>()?.Form?[EmailField].ToString().Trim();
        return string.IsNullOrEmpty(email) ? null : email[..Math.Min(email.Length, MaxEmailLength)].ToLowerInvariant();
    }
}
