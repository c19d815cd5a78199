namespace FinchDashboard.E2E;

/// <summary>
/// <see cref="AccessibilityTests"/>' passes in the dark theme, on another dashboard than the light ones: the two halves
/// then run side by side, where one collection holding both was the whole run's longest path. The admin reaches every
/// staff page and the employer admin their own: together, every page.
/// </summary>
[Collection(nameof(DemoDashboardForProbing))]
public sealed class DarkThemeAccessibilityTests(BrowserFixture app)
{
    [Theory]
    [InlineData("admin@demo.local")]
    [InlineData("employer@demo.local")]
    public Task Every_page_a_role_reaches_has_no_serious_contrast_violation_in_the_dark(string email) =>
        AccessibilityTests.EveryPageAsync(app, email, dark: true);

    [Fact]
    public Task The_sign_in_page_has_no_serious_accessibility_violation_in_the_dark() => AccessibilityTests.SignInPageAsync(app, dark: true);

    [Fact]
    public Task The_two_step_sign_in_pages_have_no_serious_accessibility_violation_in_the_dark() =>
        AccessibilityTests.TwoStepPagesAsync(app, dark: true);
}
