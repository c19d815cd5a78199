using System.Diagnostics.Metrics;

namespace FinchDashboard.Dashboard.Telemetry;

/// <summary>
/// The last hour of this instance's own instruments (<see cref="DashboardMetrics"/>), minute by minute, for the
/// operator page: counters summed, histograms kept as their values (for counts and percentiles), gauges as their last
/// reading. Listens only to its own host's meter, so two hosts in one process (the tests) never mix figures.
/// </summary>
public sealed class MetricsHistory : IHostedService, IDisposable
{
    public const int Minutes = 60;

    /// <summary>The most values one histogram series keeps per minute; beyond it, percentiles come from the first ones.</summary>
    private const int MaxValuesPerMinute = 5_000;

    private static readonly TimeSpan GaugeInterval = TimeSpan.FromSeconds(10);

    private readonly TimeProvider _clock;
    private readonly MeterListener _listener = new();
    private ITimer? _gaugeTimer;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, Minute[]>> _series = [];

    public MetricsHistory(DashboardMetrics metrics, TimeProvider clock)
    {
        _clock = clock;
        StartedAt = clock.GetUtcNow();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
    }

    /// <summary>When this instance's services were built: its start, for the uptime.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>
    /// Per series (the value of <paramref name="byTag"/>, or the instrument's name), one figure per minute, oldest first;
    /// null for a minute with nothing recorded.
    /// </summary>
    public MetricsWindow Read(string instrument, string? byTag, MinuteFigure figure)
    {
        var current = MinuteOf(_clock.GetUtcNow());
        var first = current - Minutes + 1;
        var gathered = new SortedDictionary<string, List<Minute>[]>(StringComparer.Ordinal);
        lock (_lock)
        {
            foreach (var (tags, minutes) in _series.GetValueOrDefault(instrument) ?? [])
            {
                var name = byTag is null ? instrument : TagValue(tags, byTag) ?? "(none)";
                if (!gathered.TryGetValue(name, out var perMinute))
                {
                    gathered[name] = perMinute = [.. Enumerable.Range(0, Minutes).Select(_ => new List<Minute>())];
                }

                foreach (var minute in minutes)
                {
                    if (minute is not null && minute.Number >= first && minute.Number <= current)
                    {
                        perMinute[(int)(minute.Number - first)].Add(minute);
                    }
                }
            }

            return new MetricsWindow(
                [.. Enumerable.Range(0, Minutes).Select(i => StartOf(first + i))],
                [.. gathered.Select(series => new MetricsSeries(series.Key, [.. series.Value.Select(minutes => Figure(minutes, figure))]))]);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.Start();
        _gaugeTimer = _clock.CreateTimer(_ => _listener.RecordObservableInstruments(), null, TimeSpan.Zero, GaugeInterval);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        _gaugeTimer?.Dispose();
        _listener.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = Key(tags);
        var number = MinuteOf(_clock.GetUtcNow());
        lock (_lock)
        {
            if (!_series.TryGetValue(instrument.Name, out var byTags))
            {
                _series[instrument.Name] = byTags = [];
            }

            if (!byTags.TryGetValue(key, out var minutes))
            {
                byTags[key] = minutes = new Minute[Minutes];
            }

            var slot = (int)(number % Minutes);
            if (minutes[slot]?.Number != number)
            {
                minutes[slot] = new Minute(number);
            }

            minutes[slot].Add(value, keepValue: instrument is Histogram<double>);
        }
    }

    private static double? Figure(List<Minute> minutes, MinuteFigure figure)
    {
        if (minutes.Count == 0) return null;
        return figure switch
        {
            MinuteFigure.Sum => minutes.Sum(m => m.Sum),
            MinuteFigure.Count => minutes.Sum(m => m.Count),
            MinuteFigure.Last => minutes.Sum(m => m.Last),
            MinuteFigure.Max => minutes.Max(m => m.Max),
            MinuteFigure.P50 => Percentile(minutes, 0.50),
            _ => Percentile(minutes, 0.95),
        };
    }

    private static double? Percentile(List<Minute> minutes, double share)
    {
        var sorted = minutes.SelectMany(m => m.Values).Order().ToList();
        return sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static long MinuteOf(DateTimeOffset time) => time.ToUnixTimeSeconds() / 60;

    private static DateTimeOffset StartOf(long minute) => DateTimeOffset.FromUnixTimeSeconds(minute * 60);

    private static string Key(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty) return "";
        var parts = new string[tags.Length];
        for (var i = 0; i < tags.Length; i++) parts[i] = $"{tags[i].Key}={tags[i].Value}";
        Array.Sort(parts, StringComparer.Ordinal);
        return string.Join('\u001f', parts);
    }

    private static string? TagValue(string key, string tag)
    {
        var prefix = tag + "=";
        return key.Split('\u001f').FirstOrDefault(part => part.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];
    }

    /// <summary>One minute of one series. Gauges report the last reading; counters and histograms add up.</summary>
    private sealed class Minute(long number)
    {
        private List<double>? _values;

        public long Number { get; } = number;

        public double Sum { get; private set; }

        public int Count { get; private set; }

        public double Last { get; private set; }

        public double Max { get; private set; } = double.MinValue;

        public void Add(double value, bool keepValue)
        {
            Sum += value;
            Count++;
            Last = value;
            Max = Math.Max(Max, value);
            if (keepValue && (_values ??= []).Count < MaxValuesPerMinute) _values.Add(value);
        }

        public IEnumerable<double> Values => _values ?? [];
    }
}

/// <summary>What one minute of a series shows.</summary>
public enum MinuteFigure
{
    /// <summary>Counters: what was added in the minute.</summary>
    Sum,

    /// <summary>Histograms: how many values were recorded (calls, answers).</summary>
    Count,

    /// <summary>Gauges: the minute's last reading, summed over the series merged into one.</summary>
    Last,

    /// <summary>The largest value recorded in the minute.</summary>
    Max,

    /// <summary>Histograms: the median of the minute's values.</summary>
    P50,

    /// <summary>Histograms: the 95th percentile of the minute's values.</summary>
    P95,
}

public sealed record MetricsSeries(string Name, IReadOnlyList<double?> PerMinute)
{
    public double Total => PerMinute.Sum(value => value ?? 0);
}

/// <summary>The minutes of the last hour (their starts, oldest first) and each series' value per minute.</summary>
public sealed record MetricsWindow(IReadOnlyList<DateTimeOffset> MinuteStarts, IReadOnlyList<MetricsSeries> Series);
