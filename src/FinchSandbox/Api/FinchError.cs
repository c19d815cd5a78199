using System.Text.Json.Serialization;

namespace FinchDashboard.FinchSandbox.Api;

/// <summary>
/// Finch's error body. Finch's "Error Types" page defines code/name/finch_code/message; Finch's "Rate Limits" guide's rate-limit example
/// also carries statusCode and status, so every error here carries all three status fields.
/// </summary>
public sealed record FinchErrorBody(
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("finch_code"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FinchCode,
    [property: JsonPropertyName("context"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string?>? Context = null);

/// <summary>The error types of Finch's "Error Types" page that the emulator can produce.</summary>
public static class FinchErrors
{
    public static IResult Create(int status, string name, string? finchCode, string message, IReadOnlyDictionary<string, string?>? context = null) =>
        Results.Json(new FinchErrorBody(status, status, status, message, name, finchCode, context), statusCode: status);

    public static IResult InvalidRequest(string message) => Create(400, "bad_request", "invalid_request", message);

    public static IResult InvalidGrant(string message) => Create(400, "invalid_grant_error", null, message);

    public static IResult InvalidClient() =>
        Create(401, "invalid_client_error", null, "The provided application credentials were incorrect.");

    public static IResult MissingToken() =>
        Create(401, "unauthorized_request_error", null, "The access_token is missing from the Authorization header.");

    public static IResult InvalidToken() => Create(401, "invalid_token_error", null, "The access_token is incorrect.");

    public static IResult ReauthenticateUser() =>
        Create(401, "authentication_error", "reauthenticate_user", "Please reauthenticate user");

    public static IResult AccountSetupRequired() =>
        Create(401, "authentication_error", "account_setup_required", "The user will need to connect their employment system.");

    public static IResult InsufficientAccountPermissions() =>
        Create(403, "error_permissions", "insufficient_account_permissions",
            "The user will need to update the permissions assigned to the third-party admin account.");

    public static IResult InsufficientScope(string product) =>
        Create(403, "insufficient_scope_error", null, $"The access_token does not have access to the '{product}' product.");

    /// <summary>403 without a product named: the application's credentials may not use what was asked for.</summary>
    public static IResult NoAccess() =>
        Create(403, "insufficient_scope_error", null, "The application credentials have insufficient permissions to access the requested product.");

    public static IResult PaymentRequired() =>
        Create(402, "payment_required", "payment_required",
            "The application has unpaid invoices and cannot access the Finch API until payment is settled.");

    public static IResult UnsupportedParameters() =>
        Create(422, "unprocessable_request_error", "unsupported_parameters", "Parameters provided are not supported by the provider or benefit.");

    public static IResult NotImplemented() =>
        Create(501, "not_implemented_error", null, "Finch does not support this specific endpoint for this specific provider.");

    public static IResult NotFound(string message) => Create(404, "not_found_error", "item_not_found", message);

    public static IResult ApplicationRateLimited() =>
        Create(429, "rate_limit_exceeded_error", "finch_application_rl", "Too many requests for token");

    public static IResult ServerError() => Create(500, "server_error", null, "Internal server error");

    /// <summary>Assisted connections answer 202 until the Finch operator has finished the setup.</summary>
    public static IResult AuthorizationPending() =>
        Create(202, "authorization_pending", "pending", "Authorization to this company's data is pending");

    public static IResult DataSyncInProgress() =>
        Create(202, "accepted", "data_sync_in_progress", "The data for this connection is being fetched. Please check back later.");
}
