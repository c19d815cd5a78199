using System.Globalization;
using CsvHelper;

namespace FinchDashboard.Dashboard.Web;

/// <summary>The CSV downloads' one way of writing: a header row, then each row as it arrives from the database.</summary>
public static class CsvDownload
{
    // Escapes text cells starting with = + - @, tab or CR so a name cannot become a formula in a spreadsheet. The writer
    // fills a 64 KiB buffer and writes it out whenever it is mostly full, so the client gets the file in 64 KiB pieces.
    private static readonly CsvWriterOptions Options = new()
    {
        Injection = CsvInjection.Escape,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>Writes <paramref name="rows"/> to <paramref name="output"/> as they arrive; returns the number of rows.</summary>
    public static async Task<int> WriteAsync<T>(
        Stream output, IReadOnlyList<(string Header, Func<T, string?> Value)> columns, IAsyncEnumerable<T> rows, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        foreach (var (header, _) in columns)
        {
            csv.WriteField(header);
        }

        await csv.EndRecordAsync(cancellationToken);
        var written = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            foreach (var (_, value) in columns)
            {
                csv.WriteField(value(row));
            }

            await csv.EndRecordAsync(cancellationToken);
            written++;
        }

        await csv.FlushAsync(cancellationToken);
        return written;
    }

    /// <summary>A moment as the exports write it: UTC, to the second.</summary>
    public static string? Iso(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
