using FinchDashboard.Dashboard.Triage;

namespace FinchDashboard.Unit.Triage;

public class SupportNoteRulesTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n ")]
    public void A_note_needs_some_text(string? text) =>
        Assert.Equal("Write a note of 1 to 4000 characters.", SupportNotes.NoteProblem(text));

    [Fact]
    public void A_note_may_fill_the_limit_once_trimmed_but_not_pass_it()
    {
        Assert.Null(SupportNotes.NoteProblem("  " + new string('a', 4000) + "  "));
        Assert.NotNull(SupportNotes.NoteProblem(new string('a', 4001)));
    }
}
