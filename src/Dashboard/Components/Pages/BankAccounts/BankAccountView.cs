using FinchDashboard.Dashboard.BankAccounts;
using FinchDashboard.Domain.BankAccounts;
using MudBlazor;

namespace FinchDashboard.Dashboard.Components.Pages.BankAccounts;

/// <summary>
/// How a bank account is named and coloured, and its dialogs opened, the same way on the list, an employer's page and
/// Your connections.
/// </summary>
public static class BankAccountView
{
    private static readonly DialogOptions Size = new() { MaxWidth = MaxWidth.Small, FullWidth = true };

    /// <summary>Institution, account name and last 4, as people tell their accounts apart.</summary>
    public static string Name(BankAccountRow row) =>
        $"{row.InstitutionName}{(row.DisplayName is null ? "" : $" {row.DisplayName}")}{(row.Last4 is null ? "" : $" ••••{row.Last4}")}";

    public static Color StatusColor(BankAccountStatus status) => status switch
    {
        BankAccountStatus.Active => Color.Success,
        BankAccountStatus.Inactive => Color.Warning,
        _ => Color.Default,
    };

    /// <summary>Each kind of refresh Stripe has attempted, in a fixed order.</summary>
    public static IEnumerable<(string Kind, BankAccountRefresh Refresh)> Refreshes(BankAccountRow row)
    {
        if (row.BalanceRefresh is { } balance) yield return ("Balance", balance);
        if (row.OwnershipRefresh is { } ownership) yield return ("Ownership", ownership);
        if (row.TransactionRefresh is { } transactions) yield return ("Transactions", transactions);
    }

    /// <summary>The most recent refresh attempt of any kind, for places with room for one.</summary>
    public static (string Kind, BankAccountRefresh Refresh)? LastRefresh(BankAccountRow row) =>
        Refreshes(row).OrderByDescending(r => r.Refresh.LastAttemptedAt).Cast<(string, BankAccountRefresh)?>().FirstOrDefault();

    /// <returns>The outcome when the account was disconnected; null when the dialog was closed without.</returns>
    public static async Task<BankAccountDisconnectOutcome?> DisconnectAsync(IDialogService dialogs, BankAccountDisconnector disconnector, BankAccountRow row)
    {
        var dialog = await dialogs.ShowAsync<DisconnectBankAccountDialog>("Disconnect this bank account",
            new DialogParameters<DisconnectBankAccountDialog>
            {
                { d => d.AccountName, Name(row) },
                { d => d.Disconnect, reason => disconnector.DisconnectAsync(row.Id, reason) },
            },
            Size);
        return await dialog.Result is { Canceled: false, Data: BankAccountDisconnectOutcome { Succeeded: true } outcome } ? outcome : null;
    }

    /// <param name="employer">The employer to link for, chosen already on its own page; null to choose in the dialog.</param>
    public static async Task LinkAsync(IDialogService dialogs, (Guid Id, string Name)? employer = null)
    {
        var parameters = new DialogParameters<LinkBankAccountDialog>();
        if (employer is { } chosen)
        {
            parameters.Add(d => d.EmployerId, chosen.Id);
            parameters.Add(d => d.EmployerName, chosen.Name);
        }

        await (await dialogs.ShowAsync<LinkBankAccountDialog>("Link a bank account", parameters, Size)).Result;
    }

    public static async Task RelinkAsync(IDialogService dialogs, BankAccountRow row) =>
        await (await dialogs.ShowAsync<RelinkBankAccountDialog>("Ask for the account to be linked again",
            new DialogParameters<RelinkBankAccountDialog> { { d => d.Account, row } }, Size)).Result;
}
