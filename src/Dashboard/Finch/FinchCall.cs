using System.Diagnostics;
using System.Net;
using System.Text.Json;
using FinchDashboard.Dashboard.Telemetry;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace FinchDashboard.Dashboard.Finch;

/// <summary>
/// Sends one Finch request and turns whatever happens into a <see cref="FinchResult{T}"/>, logged with its
/// Finch-Request-Id. Logs name the operation, status and Finch's code and message; never headers or bodies, which
/// carry tokens, codes and client secrets.
/// </summary>
internal static partial class FinchCall
{
    public const string ReauthenticateUser = "reauthenticate_user";
    public const string AccountSetupRequired = "account_setup_required";
    public const string InsufficientAccountPermissions = "insufficient_account_permissions";
    public const string ApplicationRateLimit = "finch_application_rl";
    public const string IpAddressRateLimit = "finch_api_ip_rl";

    public static async Task<FinchResult<T>> SendAsync<T>(
        HttpClient http, HttpRequestMessage request, string operation, ILogger logger, TimeProvider time, CancellationToken cancellationToken)
    {
        using (request)
        using (var activity = DashboardMetrics.Tracing.StartActivity($"Finch {operation}", ActivityKind.Client))
        {
            FinchResult<T> result;
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                result = await MapAsync<T>(response, time, cancellationToken);
            }
            catch (TimeoutRejectedException ex)
            {
                result = FinchResult<T>.Fail(new FinchFailure.TimedOut(ex.Timeout));
            }
            catch (HttpRequestException ex)
            {
                result = FinchResult<T>.Fail(new FinchFailure.Unreachable($"{ex.HttpRequestError}: {ex.Message}"));
            }
            catch (BrokenCircuitException)
            {
                result = FinchResult<T>.Fail(new FinchFailure.Unreachable(Paused(FinchEndpointGroup.Of(request, http.BaseAddress))));
            }

            activity?.SetTag("finch.operation", operation).SetTag(DashboardMetrics.FinchRequestIdTag, result.RequestId);
            if (result.IsSuccess)
            {
                LogSuccess(logger, operation, result.RequestId);
            }
            else
            {
                var failure = result.Failure;
                activity?.SetStatus(ActivityStatusCode.Error, failure.GetType().Name);
                LogFailure(logger, operation, failure.GetType().Name, failure.StatusCode, failure.FinchCode, failure.Describe(), failure.RequestId);
            }
            return result;
        }
    }

    public static async Task<FinchResult<T>> MapAsync<T>(HttpResponseMessage response, TimeProvider time, CancellationToken cancellationToken)
    {
        var requestId = RequestIdOf(response);
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.Accepted)
        {
            try
            {
                var value = await response.Content.ReadFromJsonAsync<T>(FinchJson.Options, cancellationToken);
                return value is null
                    ? FinchResult<T>.Fail(new FinchFailure.UnexpectedResponse(requestId, status, "The response body was empty."))
                    : FinchResult<T>.Success(value, requestId);
            }
            catch (JsonException ex)
            {
                // JsonException names the path and type, not the value, so the message is safe to keep.
                return FinchResult<T>.Fail(new FinchFailure.UnexpectedResponse(requestId, status, $"Could not read {typeof(T).Name}: {ex.Message}"));
            }
        }

        var error = await ReadErrorAsync(response, cancellationToken);
        FinchFailure failure = status switch
        {
            202 => new FinchFailure.Pending(requestId, error),
            401 when error?.FinchCode == ReauthenticateUser => new FinchFailure.ReauthenticationRequired(requestId, error),
            401 when error?.FinchCode == AccountSetupRequired => new FinchFailure.AccountSetupRequired(requestId, error),
            401 => new FinchFailure.Unauthorized(requestId, error),
            429 => new FinchFailure.RateLimited(requestId, error, ScopeOf(error), FinchResilience.RetryAfter(response, time)),
            >= 400 and < 500 => new FinchFailure.Rejected(requestId, status, error),
            501 => new FinchFailure.NotImplemented(requestId, error),
            >= 500 => new FinchFailure.ServerError(requestId, status, error),
            _ => new FinchFailure.UnexpectedResponse(requestId, status, $"Finch does not answer {status}."),
        };
        return FinchResult<T>.Fail(failure);
    }

    private static string Paused(string endpointGroup) =>
        $"Finch's {endpointGroup} calls are paused after repeated failures; one will be tried again shortly.";

    public static string? RequestIdOf(HttpResponseMessage? response) =>
        response is not null && response.Headers.TryGetValues(FinchHeaders.RequestId, out var values) ? values.FirstOrDefault() : null;

    /// <summary>The path of a request, without its query string, for logs.</summary>
    public static string PathOf(HttpRequestMessage? request) => request?.RequestUri switch
    {
        null => "?",
        { IsAbsoluteUri: true } uri => uri.AbsolutePath,
        var uri => uri.OriginalString.Split('?')[0],
    };

    private static FinchRateLimitScope ScopeOf(FinchError? error) => error?.FinchCode switch
    {
        ApplicationRateLimit => FinchRateLimitScope.Application,
        IpAddressRateLimit => FinchRateLimitScope.IpAddress,
        _ => FinchRateLimitScope.Unknown,
    };

    /// <summary>Finch's error body, or null when the body is not one (a proxy's HTML page, an empty 502).</summary>
    private static async Task<FinchError?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return body.TrimStart().StartsWith('{') ? JsonSerializer.Deserialize<FinchError>(body, FinchJson.Options) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Finch {Operation} succeeded (Finch-Request-Id {FinchRequestId})")]
    private static partial void LogSuccess(ILogger logger, string operation, string? finchRequestId);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Finch {Operation} failed: {Outcome} {StatusCode} {FinchCode}: {Reason} (Finch-Request-Id {FinchRequestId})")]
    private static partial void LogFailure(ILogger logger, string operation, string outcome, int? statusCode, string? finchCode, string reason, string? finchRequestId);
}

/// <summary>Builds Finch requests with byte-array JSON bodies, which the retry pipeline can send more than once.</summary>
internal static class FinchRequests
{
    public static HttpRequestMessage Create(HttpMethod method, string path, object? body = null, bool retrySafe = false)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), FinchJson.Options));
            request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        }
        if (retrySafe) request.Options.Set(FinchResilience.RetrySafe, true);
        return request;
    }
}
