using System.Text.Json.Serialization;
using FinchDashboard.StripeSandbox.Hosting;

namespace FinchDashboard.StripeSandbox.Api;

/// <summary>Stripe's error body: <c>{"error": {"type", "code", "message", "param"}}</c> (the API reference's "Errors").</summary>
public sealed record StripeErrorBody(StripeErrorDetail Error);

public sealed record StripeErrorDetail(
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Code,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Param,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DocUrl);

/// <summary>
/// The errors the emulator answers with. Stripe's API knows the types api_error, card_error, idempotency_error and
/// invalid_request_error; a bad or missing key is an invalid_request_error with 401, which the SDKs turn into their
/// authentication error by the status code.
/// </summary>
public static class StripeErrors
{
    public static IResult Create(int status, string type, string? code, string message, string? param = null) =>
        Results.Json(new StripeErrorBody(new StripeErrorDetail(type, code, message, param,
            code is null ? null : $"https://stripe.com/docs/error-codes/{code.Replace('_', '-')}")), StripeJson.Options, statusCode: status);

    public static IResult MissingApiKey() =>
        Create(401, "invalid_request_error", null,
            "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth " +
            "(e.g. 'Authorization: Bearer YOUR_SECRET_KEY').");

    public static IResult InvalidApiKey(string key) =>
        Create(401, "invalid_request_error", null, $"Invalid API Key provided: {Redact(key)}");

    /// <summary>404 for the object in the URL; 400 when a parameter names an object that does not exist.</summary>
    public static IResult ResourceMissing(string objectName, string id, string param, int status = 404) =>
        Create(status, "invalid_request_error", "resource_missing", $"No such {objectName}: '{id}'", param);

    public static IResult ParameterMissing(string param) =>
        Create(400, "invalid_request_error", "parameter_missing", $"Missing required param: {param}.", param);

    public static IResult InvalidRequest(string message, string? param = null) =>
        Create(400, "invalid_request_error", null, message, param);

    public static IResult IdempotencyMismatch(string key) =>
        Create(400, "idempotency_error", null,
            $"Keys for idempotent requests can only be used with the same parameters they were first used with. " +
            $"Try using a key other than '{key}' if you meant to execute a different request.");

    public static IResult IdempotencyInProgress() =>
        Create(409, "idempotency_error", null,
            "There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, " +
            "and the other request is still going through): please try again later.");

    public static IResult UnrecognizedUrl(string method, string path) =>
        Create(404, "invalid_request_error", null, $"Unrecognized request URL ({method}: {path}).");

    public static IResult RateLimited() =>
        Create(429, "invalid_request_error", "rate_limit",
            "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.");

    public static IResult ApiError() =>
        Create(500, "api_error", null, "An unknown error occurred while processing your request.");

    /// <summary>Stripe echoes only the start and the last four characters of a rejected key.</summary>
    private static string Redact(string key) =>
        key.Length <= 12 ? new string('*', key.Length) : key[..8] + new string('*', key.Length - 12) + key[^4..];
}

/// <summary>Thrown where a request cannot go on; <see cref="StripeExceptionMiddleware"/> answers with its error.</summary>
public sealed class StripeRequestException(IResult error) : Exception("Stripe error response")
{
    public IResult Error { get; } = error;
}
