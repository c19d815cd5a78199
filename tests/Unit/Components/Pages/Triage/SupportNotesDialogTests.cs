using Bunit;
using FinchDashboard.Dashboard.Components.Pages.Triage;
using FinchDashboard.Dashboard.Triage;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Unit.Finch;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FinchDashboard.Unit.Components.Pages.Triage;

public class SupportNotesDialogTests : MudTestContext
{
    private static readonly Guid ConnectionId = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeSupportNotes _notes = new();

    public SupportNotesDialogTests()
    {
        Services.AddSingleton<ISupportNotes>(_notes);
        Services.AddSingleton<TimeProvider>(new FixedTimeProvider(Now));
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> OpenAsync()
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var dialog = await provider.InvokeAsync(() => dialogs.ShowAsync<SupportNotesDialog>("Notes · Acme Manufacturing",
            new DialogParameters<SupportNotesDialog> { { d => d.ConnectionId, ConnectionId } }));
        provider.WaitForElement("[data-testid=new-note]");
        return (provider, dialog);
    }

    // Awaited, so the field's value has reached the panel before anything is clicked.
    private static Task TypeNoteAsync(IRenderedComponent<MudDialogProvider> provider, string text) =>
        provider.Find("textarea[data-testid=new-note]").InputAsync(new ChangeEventArgs { Value = text });

    [Fact]
    public async Task It_opens_with_the_focus_in_the_new_notes_field()
    {
        var (provider, _) = await OpenAsync();

        var focused = JSInterop.Invocations["Blazor._internal.domWrapper.focus"];
        Assert.NotEmpty(focused);
        focused[^1].Arguments[0].ShouldBeElementReferenceTo(provider.Find("textarea[data-testid=new-note]"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task An_empty_note_is_not_sent_and_says_why(string typed)
    {
        var (provider, _) = await OpenAsync();
        await TypeNoteAsync(provider, typed);

        await provider.Find("[data-testid=add-note]").ClickAsync(new MouseEventArgs());

        Assert.Contains("Write a note of 1 to 4000 characters.", provider.Markup);
        Assert.Empty(_notes.Added);
    }

    [Fact]
    public async Task A_refused_contact_shows_the_services_reason_and_keeps_the_typed_note()
    {
        _notes.ContactAnswer = new SupportNoteResult.Invalid("The follow-up date cannot be in the past.");
        var (provider, _) = await OpenAsync();
        await TypeNoteAsync(provider, "Left a voicemail");

        await provider.Find("[data-testid=mark-contacted]").ClickAsync(new MouseEventArgs());

        Assert.Equal("The follow-up date cannot be in the past.", provider.Find("[data-testid=notes-problem]").TextContent.Trim());
        Assert.Equal("Left a voicemail", provider.Find("textarea[data-testid=new-note]").GetAttribute("value"));
    }

    [Fact]
    public async Task A_saved_note_is_listed_and_the_field_empties()
    {
        var (provider, _) = await OpenAsync();
        await TypeNoteAsync(provider, "Called the payroll admin");

        await provider.Find("[data-testid=add-note]").ClickAsync(new MouseEventArgs());

        Assert.Equal(["Called the payroll admin"], _notes.Added);
        provider.WaitForAssertion(() => Assert.Contains("Called the payroll admin", provider.Find("[data-testid=notes-list]").TextContent));
        Assert.True(string.IsNullOrEmpty(provider.Find("textarea[data-testid=new-note]").GetAttribute("value")));
    }

    [Fact]
    public async Task Closing_saves_nothing_that_was_typed()
    {
        var (provider, dialog) = await OpenAsync();
        await TypeNoteAsync(provider, "Half a thought");

        await provider.Find("[data-testid=notes-close]").ClickAsync(new MouseEventArgs());

        var result = await dialog.Result;
        Assert.True(result!.Canceled);
        Assert.Empty(_notes.Added);
        Assert.Equal(0, _notes.ContactsRecorded);
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("[data-testid=new-note]")));
    }

    private sealed class FakeSupportNotes : ISupportNotes
    {
        private readonly List<ConnectionNote> _saved = [];

        public List<string> Added { get; } = [];

        public int ContactsRecorded { get; private set; }

        public SupportNoteResult ContactAnswer { get; set; } = new SupportNoteResult.Saved();

        public Task<SupportNotesView?> FindAsync(Guid connectionId, CancellationToken cancellationToken = default) =>
            Task.FromResult<SupportNotesView?>(new SupportNotesView(new SupportContact(null, null, null), [.. _saved]));

        public Task<SupportNoteResult> AddNoteAsync(Guid connectionId, string? text, CancellationToken cancellationToken = default)
        {
            Added.Add(text!);
            _saved.Add(new ConnectionNote { Id = Guid.NewGuid(), ConnectionId = connectionId, CreatedAt = Now, Author = "Sam Support", Text = text! });
            return Task.FromResult<SupportNoteResult>(new SupportNoteResult.Saved());
        }

        public Task<SupportNoteResult> RecordContactAsync(Guid connectionId, DateOnly? followUpOn, CancellationToken cancellationToken = default)
        {
            ContactsRecorded++;
            return Task.FromResult(ContactAnswer);
        }
    }
}
