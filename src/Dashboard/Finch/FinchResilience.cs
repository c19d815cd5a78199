using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace FinchDashboard.Dashboard.Finch;

/// <summary>
/// Retries, circuit breaking and timeouts of every Finch call, on Microsoft.Extensions.Http.Resilience: an overall
/// timeout around exponential, jittered retries around a circuit breaker per endpoint group around a per-attempt timeout.
/// <list type="bullet">
/// <item>Retried: 429 (after Retry-After when it is short), 202 (Finch: retry with backoff until data is there), 5xx but
/// 501, network failures and attempt timeouts.</item>
/// <item>Never retried: any other 4xx and 501, which would only fail the same way again.</item>
/// <item>5xx, network failures and attempt timeouts are retried only for requests that are safe to repeat, since Finch
/// may have acted before failing: GETs and POSTs marked with <see cref="RetrySafe"/>. 429 and 202 mean Finch did not
/// act, so they are retried for every request.</item>
/// <item>The breaker counts only what says Finch or the provider is failing (5xx but 501, no answer, attempt timeouts);
/// while open, calls of that group fail at once without reaching Finch.</item>
/// </list>
/// </summary>
public static partial class FinchResilience
{
    /// <summary>Marks a POST that Finch may safely receive twice (creating a Connect session, starting a sync job).</summary>
    public static readonly HttpRequestOptionsKey<bool> RetrySafe = new("Finch.RetrySafe");

    private const string PipelineName = "finch";

    /// <summary>Adds the resilience handler to a Finch client, one pipeline (and so one breaker) per endpoint group.</summary>
    public static IHttpClientBuilder AddFinchResilience(this IHttpClientBuilder client)
    {
        client.AddResilienceHandler(PipelineName, Configure).SelectPipelineBy(services =>
        {
            var apiRoot = services.GetRequiredService<IOptions<FinchOptions>>().Value.ApiRoot;
            return request => FinchEndpointGroup.Of(request, apiRoot);
        });
        return client;
    }

    /// <summary>Retry-After as a wait from now (delta seconds or an HTTP date); null when absent.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        return wait is { } value && value < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    private static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var services = context.ServiceProvider;
        var options = services.GetRequiredService<IOptions<FinchOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FinchResilience));
        var group = context.InstanceName;
        var breaker = services.GetRequiredService<FinchCircuits>().Track(group);

        pipeline.TimeProvider = time;
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.TotalTimeout });
        if (options.MaxRetryAttempts > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                // Finch's Retry-After says exactly when the rate-limit window reopens; otherwise the backoff decides.
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, options, time)),
                OnRetry = args => LogRetry(logger, args),
            });
        }
        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = options.CircuitFailureRatio,
            MinimumThroughput = options.CircuitMinimumThroughput,
            SamplingDuration = options.CircuitSamplingDuration,
            BreakDuration = options.CircuitBreakDuration,
            StateProvider = breaker.State,
            ShouldHandle = args => ValueTask.FromResult(IsFinchFailing(args.Outcome)),
            OnOpened = args =>
            {
                breaker.Opened();
                LogCircuitOpened(logger, group, args.BreakDuration.TotalSeconds);
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                breaker.Closed();
                LogCircuitClosed(logger, group);
                return ValueTask.CompletedTask;
            },
        });
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.AttemptTimeout });
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, FinchOptions options, TimeProvider time)
    {
        var repeatable = context.GetRequestMessage() is { } request && MayRepeat(request);
        if (outcome.Exception is not null)
        {
            // An open circuit (BrokenCircuitException) is not retried: it would only be refused again.
            return repeatable && outcome.Exception is HttpRequestException or TimeoutRejectedException;
        }

        return outcome.Result!.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => RetryAfter(outcome.Result, time) is not { } wait || wait <= options.MaxRetryAfter,
            HttpStatusCode.Accepted => true,
            // 501: the provider does not support the endpoint; asking again gets the same answer.
            HttpStatusCode.NotImplemented => false,
            >= HttpStatusCode.InternalServerError => repeatable,
            _ => false,
        };
    }

    private static bool IsFinchFailing(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || outcome.Result?.StatusCode is >= HttpStatusCode.InternalServerError and not HttpStatusCode.NotImplemented;

    private static bool MayRepeat(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get || request.Method == HttpMethod.Head
        || (request.Options.TryGetValue(RetrySafe, out var safe) && safe);

    private static ValueTask LogRetry(ILogger logger, OnRetryArguments<HttpResponseMessage> args)
    {
        var request = args.Context.GetRequestMessage();
        var response = args.Outcome.Result;
        var failure = response is null
            ? args.Outcome.Exception?.GetType().Name ?? "unknown"
            : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        LogRetry(logger, request?.Method.Method ?? "?", FinchCall.PathOf(request), args.AttemptNumber + 1, failure,
            args.RetryDelay.TotalMilliseconds, FinchCall.RequestIdOf(response));
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Finch {Method} {Path} attempt {Attempt} failed with {Failure}; retrying in {DelayMs} ms (Finch-Request-Id {FinchRequestId})")]
    private static partial void LogRetry(ILogger logger, string method, string path, int attempt, string failure, double delayMs, string? finchRequestId);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Finch's {EndpointGroup} calls keep failing; they are refused without calling Finch for {BreakSeconds} s")]
    private static partial void LogCircuitOpened(ILogger logger, string endpointGroup, double breakSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Finch's {EndpointGroup} calls succeed again; the circuit is closed")]
    private static partial void LogCircuitClosed(ILogger logger, string endpointGroup);
}
