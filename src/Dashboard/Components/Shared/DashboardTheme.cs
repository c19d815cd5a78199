using MudBlazor;

namespace FinchDashboard.Dashboard.Components.Shared;

/// <summary>
/// The dashboard's one theme. MudBlazor's stock success, warning and info colours are too light for text on white
/// (about 2:1), and status chips and secondary text are read all day, so every colour here was picked to reach WCAG AA
/// (4.5:1) against the surface it sits on, as text and as a chip's background under its contrast text.
/// </summary>
public static class DashboardTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            Secondary = "#6a1b9a",
            Tertiary = "#00695c",
            Info = "#01579b",
            Success = "#1b5e20",
            Warning = "#8a4b00",
            Error = "#b71c1c",
            Dark = "#37474f",
            AppbarBackground = "#283593",
            AppbarText = "#ffffff",
            Background = "#f5f6fa",
            TextSecondary = "rgba(0,0,0,0.68)",
            ActionDefault = "rgba(0,0,0,0.68)",
            DrawerText = "rgba(0,0,0,0.82)",
            DrawerIcon = "rgba(0,0,0,0.68)",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#9fa8da",
            PrimaryContrastText = "#101225",
            Secondary = "#ce93d8",
            SecondaryContrastText = "#1b0a22",
            Tertiary = "#80cbc4",
            TertiaryContrastText = "#062522",
            Info = "#81d4fa",
            InfoContrastText = "#06212e",
            Success = "#a5d6a7",
            SuccessContrastText = "#0b2310",
            Warning = "#ffcc80",
            WarningContrastText = "#2b1700",
            Error = "#ef9a9a",
            ErrorContrastText = "#2d0707",
            Dark = "#b0bec5",
            DarkContrastText = "#14191c",
            AppbarBackground = "#1a1d3a",
            AppbarText = "#ffffff",
            TextSecondary = "rgba(255,255,255,0.72)",
            ActionDefault = "rgba(255,255,255,0.72)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
            // Sentence case on buttons: "Disconnect entities" reads calmer than shouting every action.
            Button = new ButtonTypography { TextTransform = "none" },
        },
    };
}
