using Npgsql;

namespace FinchDashboard.Dashboard.Data;

/// <summary>Recognises "PostgreSQL is not answering", which pages turn into a message instead of a broken circuit.</summary>
public static class DatabaseErrors
{
    // EF Core wraps transient Npgsql failures in an InvalidOperationException when no retrying strategy is configured.
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        NpgsqlException or TimeoutException => true,
        InvalidOperationException { InnerException: { } inner } => IsUnavailable(inner),
        _ => false,
    };
}
