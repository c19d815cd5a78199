using Microsoft.EntityFrameworkCore;
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

    /// <summary>A save that did not happen: PostgreSQL unavailable, or refusing the statement (deadlock, constraint).</summary>
    public static bool SaveFailed(Exception exception) => exception is DbUpdateException || IsUnavailable(exception);
}
