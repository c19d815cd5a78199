using System.Collections.Concurrent;
using System.Net;
using System.Text;
using FinchDashboard.Dashboard.Finch;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FinchDashboard.Unit.Finch;

/// <summary>Answers requests from a script and keeps what was sent, headers and body included.</summary>
public sealed class StubFinchHandler(params Func<HttpRequestMessage, HttpResponseMessage>[] script) : HttpMessageHandler
{
    private int _calls;

    public List<(HttpRequestMessage Request, string? Body)> Requests { get; } = [];

    public int Calls => _calls;

    public static HttpResponseMessage Json(HttpStatusCode status, string json, string? requestId = "req-1", Action<HttpResponseMessage>? configure = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (requestId is not null) response.Headers.Add(FinchHeaders.RequestId, requestId);
        configure?.Invoke(response);
        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request, body));
        var call = Interlocked.Increment(ref _calls) - 1;
        // The last step repeats, so "always 500" is one entry.
        return script[Math.Min(call, script.Length - 1)](request);
    }
}

/// <summary>Keeps every formatted log line with its structured values, to prove secrets never reach the logs.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            provider._lines.Enqueue($"{logLevel}: {formatter(state, exception)} | {values} | {exception}");
        }
    }
}

public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>Finch clients over a stub handler, optionally behind the real retry pipeline with millisecond delays.</summary>
public static class FinchClients
{
    public const string ClientId = "client-id-for-tests";
    public const string ClientSecret = "client-secret-never-logged";

    public static FinchOptions Options(Action<FinchOptions>? configure = null)
    {
        var options = new FinchOptions
        {
            BaseUrl = "https://finch.test",
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            WebhookSecrets = [Convert.ToBase64String(Encoding.UTF8.GetBytes("webhook-secret-for-unit-tests"))],
            MaxRetryAttempts = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(5),
            MaxRetryAfter = TimeSpan.FromSeconds(2),
            AttemptTimeout = TimeSpan.FromSeconds(5),
            TotalTimeout = TimeSpan.FromSeconds(20),
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>
    /// A client over <paramref name="stub"/>; when resilient, behind the pipelines AddFinch registers, built the same way
    /// (<see cref="FinchResilience.AddFinchResilience"/>), with their own circuits in <paramref name="circuits"/>.
    /// </summary>
    public static HttpClient Http(HttpMessageHandler stub, FinchOptions? options = null, ILoggerProvider? logs = null, bool resilient = false,
        FinchCircuits? circuits = null)
    {
        options ??= Options();
        if (!resilient)
        {
            return new HttpClient(stub) { BaseAddress = new Uri(options.BaseUrl + "/") };
        }

        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            if (logs is not null) logging.AddProvider(logs);
        });
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(circuits ?? new FinchCircuits(TimeProvider.System));
        services.AddHttpClient("finch", http => http.BaseAddress = new Uri(options.BaseUrl + "/"))
            .ConfigurePrimaryHttpMessageHandler(() => stub)
            .AddFinchResilience();
        return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>().CreateClient("finch");
    }

    public static FinchConnectionClient Connection(HttpMessageHandler stub, ILoggerProvider? logs = null, bool resilient = false, FinchOptions? options = null,
        FinchCircuits? circuits = null) =>
        new(Http(stub, options, logs, resilient, circuits), TimeProvider.System, Logger<FinchConnectionClient>(logs));

    public static FinchConnectClient Connect(HttpMessageHandler stub, ILoggerProvider? logs = null, bool resilient = false, FinchOptions? options = null)
    {
        options ??= Options();
        return new(Http(stub, options, logs, resilient), Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, Logger<FinchConnectClient>(logs));
    }

    private static ILogger<T> Logger<T>(ILoggerProvider? logs) =>
        logs is null ? NullLogger<T>.Instance : new Logger<T>(new LoggerFactory([logs]));
}
