using Bunit;
using FinchDashboard.Dashboard.Components.Shared;
using FinchDashboard.Domain.Connections;

namespace FinchDashboard.Unit.Components.Shared;

public class ConnectionStatusChipTests : MudTestContext
{
    [Theory]
    [InlineData(ConnectionStatus.Connected, "Connected", "mud-chip-color-success")]
    [InlineData(ConnectionStatus.Reauth, "Re-auth", "mud-chip-color-warning")]
    [InlineData(ConnectionStatus.ErrorNoAccountSetup, "No account set up", "mud-chip-color-error")]
    [InlineData(ConnectionStatus.Disconnected, "Disconnected", "mud-chip-color-dark")]
    public void Status_chips_use_Finchs_words_and_a_colour_per_severity(ConnectionStatus status, string text, string styleClass)
    {
        var chip = Render<ConnectionStatusChip>(p => p.Add(b => b.Status, status).Add(b => b.Message, "why")).Find("[data-testid=status-badge]");

        Assert.Equal(text, chip.TextContent.Trim());
        Assert.Contains(styleClass, chip.ClassList);
        Assert.Equal("why", chip.GetAttribute("title"));
    }
}
