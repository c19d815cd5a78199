using System.Globalization;

namespace FinchDashboard.LiveBenchmark;

/// <summary>
/// The CPU priority the browser's threads actually run at, read from Linux's /proc: Chromium sets its threads'
/// priorities itself where it may (as root it raises some to nice -8), so the nice it was started with is a request,
/// not a fact.
/// </summary>
internal static class BrowserPriority
{
    public static string Describe()
    {
        var stats = new Dictionary<int, ProcessStat>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Stat(Path.Combine(dir, "stat")) is { } stat)
            {
                stats[pid] = stat;
            }
        }

        var browser = stats.Where(p => p.Value.Command.Contains("chrom", StringComparison.OrdinalIgnoreCase) && DescendsFromUs(p.Key, stats))
            .Select(p => p.Key)
            .ToList();
        var nices = browser
            .SelectMany(pid => Directory.EnumerateDirectories($"/proc/{pid}/task"))
            .Select(task => Stat(Path.Combine(task, "stat"))?.Nice)
            .OfType<int>()
            .ToList();
        return nices.Count == 0
            ? "no Chromium threads found under this process"
            : $"{browser.Count} Chromium processes, {nices.Count} threads at nice {nices.Min()} to {nices.Max()}";
    }

    private static bool DescendsFromUs(int pid, Dictionary<int, ProcessStat> stats)
    {
        for (var current = pid; stats.TryGetValue(current, out var stat) && current > 1; current = stat.ParentId)
        {
            if (stat.ParentId == Environment.ProcessId)
            {
                return true;
            }
        }

        return false;
    }

    private sealed record ProcessStat(string Command, int ParentId, int Nice);

    // "pid (command) state ppid ... nice ...": the command may hold spaces and parentheses, so fields count from the last ')'.
    private static ProcessStat? Stat(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        var open = text.IndexOf('(');
        var close = text.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            return null;
        }

        var fields = text[(close + 2)..].Split(' ');
        return new ProcessStat(text[(open + 1)..close], int.Parse(fields[1], CultureInfo.InvariantCulture), int.Parse(fields[16], CultureInfo.InvariantCulture));
    }
}
