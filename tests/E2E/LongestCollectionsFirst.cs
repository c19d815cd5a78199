using Xunit.Abstractions;

[assembly: TestCollectionOrderer("FinchDashboard.E2E.LongestCollectionsFirst", "FinchDashboard.E2E")]

namespace FinchDashboard.E2E;

/// <summary>
/// Starts the collections that take longest first, so the two that run at a time finish together. In the order xunit
/// chose, the axe passes and the connections list came last, and the list ran alone for three minutes while the other
/// thread had nothing left. A fresh-clone run's trx log (2026-12-02, on Chromium's headless shell): the Finch
/// emulator's collection about 270 s of tests, the axe passes 235 s, the connections list and sign-in 215 s, the
/// probing 120 s; the rest under 60 s each.
/// </summary>
public sealed class LongestCollectionsFirst : ITestCollectionOrderer
{
    private static readonly string[] Longest =
    [
        nameof(DemoDashboardForAccessibility),
        nameof(DemoDashboardForProbing),
        nameof(DemoDashboardWithFinch),
        nameof(DemoDashboard),
    ];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .OrderBy(collection => Array.IndexOf(Longest, collection.DisplayName) is var rank and >= 0 ? rank : Longest.Length)
            .ThenBy(collection => collection.DisplayName, StringComparer.Ordinal);
}
