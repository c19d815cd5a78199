using FinchDashboard.Dashboard.Data;
using Npgsql;

namespace FinchDashboard.Unit.Data;

public class DatabaseErrorsTests
{
    [Fact]
    public void Npgsql_failures_and_EFs_wrapping_of_them_mean_the_database_is_unavailable()
    {
        Assert.True(DatabaseErrors.IsUnavailable(new NpgsqlException("refused")));
        Assert.True(DatabaseErrors.IsUnavailable(new TimeoutException()));
        Assert.True(DatabaseErrors.IsUnavailable(new InvalidOperationException("transient", new NpgsqlException("refused"))));
    }

    [Fact]
    public void Bugs_are_not_mistaken_for_an_unavailable_database()
    {
        Assert.False(DatabaseErrors.IsUnavailable(new InvalidOperationException("sequence contains no elements")));
        Assert.False(DatabaseErrors.IsUnavailable(new NullReferenceException()));
    }
}
