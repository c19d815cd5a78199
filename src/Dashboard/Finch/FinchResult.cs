using System.Diagnostics.CodeAnalysis;

namespace FinchDashboard.Dashboard.Finch;

/// <summary>
/// The outcome of one Finch call: a value or a <see cref="FinchFailure"/>. Expected outcomes (reauth needed, rate
/// limited, pending, invalid input, Finch down) are values the caller switches on, not exceptions.
/// </summary>
public sealed record FinchResult<T>
{
    private FinchResult(T? value, FinchFailure? failure, string? requestId)
    {
        Value = value;
        Failure = failure;
        RequestId = requestId;
    }

    public T? Value { get; }

    public FinchFailure? Failure { get; }

    /// <summary>Finch-Request-Id of the last response; null when Finch never answered.</summary>
    public string? RequestId { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => Failure is null;

    public static FinchResult<T> Success(T value, string? requestId) => new(value, null, requestId);

    public static FinchResult<T> Fail(FinchFailure failure) => new(default, failure, failure.RequestId);
}

/// <summary>Which limit a 429 hit (Finch's "Rate Limits" guide): the application's per-product limit or the per-IP one.</summary>
public enum FinchRateLimitScope
{
    Unknown,
    Application,
    IpAddress,
}

/// <summary>Why a Finch call did not succeed. Match on the nested types.</summary>
public abstract record FinchFailure(string? RequestId, int? StatusCode, FinchError? Error)
{
    public string? FinchCode => Error?.FinchCode;

    /// <summary>A readable reason for logs and support; Finch's own message when it sent one.</summary>
    public virtual string Describe() => Error?.Message ?? GetType().Name;

    /// <summary>401 <c>reauthenticate_user</c>: the employer must go through Finch Connect again.</summary>
    public sealed record ReauthenticationRequired(string? RequestId, FinchError? Error) : FinchFailure(RequestId, 401, Error);

    /// <summary>
    /// 401 <c>account_setup_required</c>: the employer has not finished setting up their employment system's account,
    /// so Finch cannot read it yet. The token is not revoked.
    /// </summary>
    public sealed record AccountSetupRequired(string? RequestId, FinchError? Error) : FinchFailure(RequestId, 401, Error);

    /// <summary>Any other 401: wrong client credentials, or a token that was revoked (e.g. by /disconnect).</summary>
    public sealed record Unauthorized(string? RequestId, FinchError? Error) : FinchFailure(RequestId, 401, Error);

    /// <summary>429 after the retries, or with a Retry-After too long to wait out; <see cref="RetryAfter"/> says when to try again.</summary>
    public sealed record RateLimited(string? RequestId, FinchError? Error, FinchRateLimitScope Scope, TimeSpan? RetryAfter)
        : FinchFailure(RequestId, 429, Error);

    /// <summary>202: accepted but the data is not there yet (<c>authorization_pending</c>/<c>pending</c>, <c>data_sync_in_progress</c>).</summary>
    public sealed record Pending(string? RequestId, FinchError? Error) : FinchFailure(RequestId, 202, Error)
    {
        /// <summary>Finch's finch_code, falling back to its name (assisted connections send name authorization_pending).</summary>
        public string? Code => Error?.FinchCode ?? Error?.Name;
    }

    /// <summary>
    /// Any other 4xx: Finch refused the request as made (validation, 402 unpaid invoices, 403 permissions, not found,
    /// conflicts, 422 unsupported by the provider).
    /// </summary>
    public sealed record Rejected(string? RequestId, int Status, FinchError? Error) : FinchFailure(RequestId, Status, Error);

    /// <summary>501 <c>not_implemented_error</c>: Finch does not support this endpoint for the connection's provider. Never retried.</summary>
    public sealed record NotImplemented(string? RequestId, FinchError? Error) : FinchFailure(RequestId, 501, Error);

    /// <summary>5xx after the retries: a problem on Finch's or the provider's side.</summary>
    public sealed record ServerError(string? RequestId, int Status, FinchError? Error) : FinchFailure(RequestId, Status, Error);

    /// <summary>A 2xx whose body this client could not read, or a status Finch does not use; a contract drift to report.</summary>
    public sealed record UnexpectedResponse(string? RequestId, int Status, string Reason) : FinchFailure(RequestId, Status, null)
    {
        public override string Describe() => Reason;
    }

    /// <summary>No HTTP answer at all: DNS, refused connection, TLS, reset, or a call its endpoint group's open circuit refused.</summary>
    public sealed record Unreachable(string Reason) : FinchFailure(null, null, null)
    {
        public override string Describe() => Reason;
    }

    /// <summary>The attempt or the whole call (retries included) ran past its configured timeout.</summary>
    public sealed record TimedOut(TimeSpan Timeout) : FinchFailure(null, null, null)
    {
        public override string Describe() => $"No answer within {Timeout}.";
    }
}
