using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace FinchDashboard.Dashboard.Finch;

/// <summary>
/// Retries and timeouts of every Finch call (Polly 8): an overall timeout around exponential, jittered retries around a
/// per-attempt timeout. Retried: 429 (after Retry-After when it is short), 202 (Finch: retry with backoff until data is
/// there), 5xx but 501 and network failures. Never retried: any other 4xx and 501, which would only fail the same way again.
/// 5xx, network failures and attempt timeouts are retried only for requests that are safe to repeat, since Finch may
/// have acted before failing: GETs and POSTs marked with <see cref="RetrySafe"/>. 429 and 202 mean Finch did not act,
/// so they are retried for every request.
/// </summary>
public sealed partial class FinchResiliencePipeline
{
    /// <summary>Marks a POST that Finch may safely receive twice (creating a Connect session, starting a sync job).</summary>
    public static readonly HttpRequestOptionsKey<bool> RetrySafe = new("Finch.RetrySafe");

    internal static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("Finch.Request");

    private readonly FinchOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<FinchResiliencePipeline> _logger;

    public FinchResiliencePipeline(IOptions<FinchOptions> options, TimeProvider time, ILogger<FinchResiliencePipeline> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }.AddTimeout(_options.TotalTimeout);
        if (_options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = _options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryBaseDelay,
                MaxDelay = _options.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context)),
                // Finch's Retry-After says exactly when the rate-limit window reopens; otherwise the backoff decides.
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } limited ? RetryAfter(limited, _time) : null),
                OnRetry = OnRetry,
            });
        }
        Pipeline = builder.AddTimeout(_options.AttemptTimeout).Build();
    }

    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; }

    /// <summary>Retry-After as a wait from now (delta seconds or an HTTP date); null when absent.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        return wait is { } value && value < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        var repeatable = context.Properties.TryGetValue(RequestKey, out var request) && MayRepeat(request);
        if (outcome.Exception is not null)
        {
            return repeatable && outcome.Exception is HttpRequestException or TimeoutRejectedException;
        }

        return outcome.Result!.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => RetryAfter(outcome.Result, _time) is not { } wait || wait <= _options.MaxRetryAfter,
            HttpStatusCode.Accepted => true,
            // 501: the provider does not support the endpoint; asking again gets the same answer.
            HttpStatusCode.NotImplemented => false,
            >= HttpStatusCode.InternalServerError => repeatable,
            _ => false,
        };
    }

    private static bool MayRepeat(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get || request.Method == HttpMethod.Head
        || (request.Options.TryGetValue(RetrySafe, out var safe) && safe);

    private ValueTask OnRetry(OnRetryArguments<HttpResponseMessage> args)
    {
        args.Context.Properties.TryGetValue(RequestKey, out var request);
        var response = args.Outcome.Result;
        var failure = response is null
            ? args.Outcome.Exception?.GetType().Name ?? "unknown"
            : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        LogRetry(_logger, request?.Method.Method ?? "?", FinchCall.PathOf(request), args.AttemptNumber + 1, failure,
            args.RetryDelay.TotalMilliseconds, FinchCall.RequestIdOf(response));
        // The next attempt replaces this response; nobody else will dispose it.
        response?.Dispose();
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Finch {Method} {Path} attempt {Attempt} failed with {Failure}; retrying in {DelayMs} ms (Finch-Request-Id {FinchRequestId})")]
    private static partial void LogRetry(ILogger logger, string method, string path, int attempt, string failure, double delayMs, string? finchRequestId);
}

/// <summary>Runs each request through <see cref="FinchResiliencePipeline"/>; one per typed Finch client.</summary>
public sealed class FinchResilienceHandler(FinchResiliencePipeline resilience) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(FinchResiliencePipeline.RequestKey, request);
        try
        {
            // Request bodies are byte arrays (FinchRequests), so sending the same message again is safe.
            return await resilience.Pipeline.ExecuteAsync(
                static (ctx, state) => new ValueTask<HttpResponseMessage>(state.Handler.SendOnceAsync(state.Request, ctx.CancellationToken)),
                context,
                (Handler: this, Request: request));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
