namespace FinchDashboard.Domain;

public static class TextLimits
{
    /// <summary>
    /// <paramref name="text"/> cut to at most <paramref name="maxLength"/> characters, ending in "…" when cut: for texts
    /// that come from elsewhere (Finch's messages, entity names, exceptions) on their way into a bounded column or log.
    /// </summary>
    public static string Shorten(string text, int maxLength) =>
        text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength - 1), "…");
}
