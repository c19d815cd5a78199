using Xunit.Abstractions;

[assembly: TestCollectionOrderer("FinchDashboard.E2E.LongestCollectionsFirst", "FinchDashboard.E2E")]

namespace FinchDashboard.E2E;

/// <summary>
/// Starts the collections that take longest first, so the two that run at a time finish together. In the order xunit
/// chose, the axe passes and the connections list came last, and the list ran alone for three minutes while the other
/// thread had nothing left (a full run's trx log, 2026-12-02: 246, 201, 161 and 101 s for these four; the rest under 40 s).
/// </summary>
public sealed class LongestCollectionsFirst : ITestCollectionOrderer
{
    private static readonly string[] Longest =
    [
        nameof(DemoDashboardForAccessibility),
        nameof(DemoDashboard),
        nameof(DemoDashboardWithFinch),
        nameof(DemoDashboardForProbing),
    ];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .OrderBy(collection => Array.IndexOf(Longest, collection.DisplayName) is var rank and >= 0 ? rank : Longest.Length)
            .ThenBy(collection => collection.DisplayName, StringComparer.Ordinal);
}
