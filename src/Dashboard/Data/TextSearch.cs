namespace FinchDashboard.Dashboard.Data;

/// <summary>Turns what a user typed into an ILIKE "contains" pattern, so % and _ match literally.</summary>
public static class TextSearch
{
    public const string EscapeCharacter = "\\";

    public static string? ContainsPattern(string? text)
    {
        // PostgreSQL text holds no NUL, so one pasted into the search box can match nothing and would fail the query.
        text = text?.Replace("\0", "", StringComparison.Ordinal);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var escaped = text.Trim()
            .Replace(EscapeCharacter, EscapeCharacter + EscapeCharacter, StringComparison.Ordinal)
            .Replace("%", EscapeCharacter + "%", StringComparison.Ordinal)
            .Replace("_", EscapeCharacter + "_", StringComparison.Ordinal);
        return $"%{escaped}%";
    }
}
