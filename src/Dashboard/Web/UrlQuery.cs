using System.Globalization;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace FinchDashboard.Dashboard.Web;

/// <summary>
/// Reading and writing the query strings that hold a list page's view, so every list spells numbers and dates the same
/// way and shrugs off malformed values the same way: they read as absent.
/// </summary>
public static class UrlQuery
{
    public static IReadOnlyDictionary<string, StringValues> Of(string uri) => QueryHelpers.ParseQuery(new Uri(uri).Query);

    /// <summary>
    /// The key's value, trimmed; absent when missing or empty, or when it holds a NUL, which no stored text can (PostgreSQL
    /// refuses it in any text parameter), so it could only fail the query.
    /// </summary>
    public static string? One(IReadOnlyDictionary<string, StringValues> query, string key) =>
        query.TryGetValue(key, out var values) && !StringValues.IsNullOrEmpty(values) && values.ToString().Trim() is { Length: > 0 } value
            && !value.Contains('\0', StringComparison.Ordinal)
            ? value
            : null;

    /// <summary>A whole number of at least zero.</summary>
    public static int? ParseCount(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= 0 ? number : null;

    /// <summary>
    /// A 1-based page number; 1 when absent, malformed, or so large that the page's first row would lie beyond what
    /// paging can address.
    /// </summary>
    public static int ParsePageNumber(string? value) =>
        ParseCount(value) is { } page and >= 1 and <= int.MaxValue / PageRequest.MaxSize ? page : 1;

    /// <summary>An enum member by name in any case; numbers are refused so a URL cannot name a member that does not exist.</summary>
    public static TEnum? ParseName<TEnum>(string? value) where TEnum : struct, Enum =>
        Enum.GetNames<TEnum>().FirstOrDefault(name => string.Equals(name, value, StringComparison.OrdinalIgnoreCase)) is { } match
            ? Enum.Parse<TEnum>(match)
            : null;

    /// <summary>Dates in the URL are whole UTC days (yyyy-MM-dd); "to" includes the whole of its day.</summary>
    public static TimeRange? ParseDays(string? from, string? to)
    {
        var start = ParseDay(from, TimeOnly.MinValue);
        // The end day's last instant, built from the day itself: adding a day to 9999-12-31 would overflow.
        var end = ParseDay(to, TimeOnly.MaxValue);
        return start is null && end is null ? null : new TimeRange(start, end);
    }

    public static string? FormatDay(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The query string for these pairs in their order, leaving out blank values so shared links stay short.</summary>
    public static string Create(params IEnumerable<(string Key, string? Value)> pairs) =>
        QueryString.Create(pairs
                .Where(pair => !string.IsNullOrWhiteSpace(pair.Value))
                .Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value)))
            .ToUriComponent();

    private static DateTimeOffset? ParseDay(string? value, TimeOnly at) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new DateTimeOffset(date.ToDateTime(at), TimeSpan.Zero)
            : null;
}
