using System.Text;
using FinchDashboard.Dashboard.Web;

namespace FinchDashboard.Unit.Web;

public class CsvDownloadTests
{
    private static readonly (string Header, Func<string?, string?> Value)[] OneColumn = [("company_name", value => value)];

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\"")]
    [InlineData("=1+2", "\"'=1+2\"")]
    [InlineData("+44 20 7946 0000", "\"'+44 20 7946 0000\"")]
    [InlineData("-5", "\"'-5\"")]
    [InlineData("@SUM(A1:A9)", "\"'@SUM(A1:A9)\"")]
    [InlineData("\tTabbed", "\"'\tTabbed\"")]
    [InlineData("\rReturn", "\"'\rReturn\"")]
    public async Task A_cell_a_spreadsheet_would_run_as_a_formula_is_written_as_quoted_text(string name, string written) =>
        Assert.Equal($"company_name\r\n{written}\r\n", await CsvAsync(name));

    // An empty cell alone on its line is quoted, or the line would read as blank and a reader could skip the row.
    [Fact]
    public async Task Other_cells_are_written_as_they_are_and_quoted_only_when_they_must_be()
    {
        var csv = await CsvAsync("Acme", "Müller & Söhne", "Smith, Jones", "The \"Best\" Co", "Two\nLines", "a=b", "", null, " Padded ");

        Assert.Equal(
            "company_name\r\nAcme\r\nMüller & Söhne\r\n\"Smith, Jones\"\r\n\"The \"\"Best\"\" Co\"\r\n\"Two\nLines\"\r\na=b\r\n\"\"\r\n\"\"\r\n Padded \r\n",
            csv);
    }

    [Fact]
    public async Task Every_row_reaches_the_stream_when_there_are_more_than_one_buffer_holds()
    {
        var names = Enumerable.Range(0, 20_000).Select(i => $"Company {i:D5}").ToArray();

        var csv = await CsvAsync(names);

        Assert.Equal(["company_name", .. names], csv.Split("\r\n")[..^1]);
    }

    private static async Task<string> CsvAsync(params string?[] names)
    {
        using var output = new MemoryStream();
        var written = await CsvDownload.WriteAsync(output, OneColumn, names.ToAsyncEnumerable(), CancellationToken.None);
        Assert.Equal(names.Length, written);
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
