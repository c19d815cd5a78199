namespace FinchDashboard.LiveBenchmark;

/// <summary>
/// The rounds of one measure: for each, the wall clock when the change was accepted and when each page reached it,
/// both in Unix milliseconds from the same machine's clock.
/// </summary>
internal sealed class Rounds(int count, int pages)
{
    private readonly Round[] _rounds = [.. Enumerable.Range(0, count).Select(_ => new Round(pages))];

    public Round this[int round] => _rounds[round];

    public void Reached(int page, int round, long at, string visibility)
    {
        if (page >= 0 && round < _rounds.Length)
        {
            _rounds[round].Reached(page, at, visibility);
        }
    }
}

internal sealed class Round(int pages)
{
    private readonly long?[] _reachedAt = new long?[pages];
    private readonly TaskCompletionSource _everyPage = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _reached;
    private int _notVisible;

    /// <summary>When the change was accepted: the webhook's 200, or the notification's commit.</summary>
    public long AcceptedAt { get; set; }

    /// <summary>Pages that were not 'visible' at the moment they reached this round.</summary>
    public int NotVisible => Volatile.Read(ref _notVisible);

    /// <summary>Each page's time from acceptance to showing the change, in ms; null for a page that did not within the timeout.</summary>
    public IReadOnlyList<double?> Latencies(TimeSpan timeout)
    {
        lock (_reachedAt)
        {
            return [.. _reachedAt.Select(at => at is { } t && t - AcceptedAt <= timeout.TotalMilliseconds ? t - AcceptedAt : (double?)null)];
        }
    }

    /// <summary>Waits until every page reached the round; false when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> EveryPageAsync(TimeSpan timeout)
    {
        try
        {
            await _everyPage.Task.WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public void Reached(int page, long at, string visibility)
    {
        lock (_reachedAt)
        {
            if (page >= _reachedAt.Length || _reachedAt[page] is not null)
            {
                return;
            }

            _reachedAt[page] = at;
            _reached++;
            if (visibility != "visible")
            {
                _notVisible++;
            }

            if (_reached == _reachedAt.Length)
            {
                _everyPage.TrySetResult();
            }
        }
    }
}
