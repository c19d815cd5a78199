using FinchDashboard.Dashboard.Data;

namespace FinchDashboard.Unit.Data;

public class TextSearchTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("   ", null)]
    [InlineData(" acme ", "%acme%")]
    [InlineData("100%", "%100\\%%")]
    [InlineData("a_b", "%a\\_b%")]
    [InlineData("c:\\x", "%c:\\\\x%")]
    [InlineData("ac\0me", "%acme%")]
    [InlineData("\0", null)]
    public void User_text_becomes_a_literal_contains_pattern(string? text, string? expected) =>
        Assert.Equal(expected, TextSearch.ContainsPattern(text));

    [Fact]
    public void Page_requests_are_clamped_so_nobody_can_ask_for_everything()
    {
        var page = new PageRequest(-5, 1_000_000);

        Assert.Equal(0, page.Skip);
        Assert.Equal(PageRequest.MaxSize, page.Take);
        Assert.Equal(1, new PageRequest(0, 0).Take);
    }
}
