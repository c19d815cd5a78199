namespace FinchDashboard.Domain.Audit;

/// <summary>
/// One state-changing action, or an attempt at one: who, on which employer and target, why, how it ended, and
/// Finch's request id when Finch was called. Append-only: nothing in the application edits or deletes these.
/// </summary>
public sealed class AuditRecord
{
    public const int ReasonMaxLength = 1000;
    public const int DetailMaxLength = 2000;

    public Guid Id { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The user's id; null when the system acted (a webhook, a health check).</summary>
    public string? ActorUserId { get; init; }

    /// <summary>The user's display name, or the system component ("Finch webhook", "Health check").</summary>
    public required string ActorName { get; init; }

    public required AuditAction Action { get; init; }

    public Guid? EmployerId { get; init; }

    /// <summary>What was acted on: "connection", "entity", "connect_session", "employer", "user", "webhook_event".</summary>
    public required string TargetType { get; init; }

    public string? TargetId { get; init; }

    public string? Reason { get; init; }

    public required AuditOutcome Outcome { get; init; }

    /// <summary>What happened, in a sentence (never a token or other secret).</summary>
    public string? Detail { get; init; }

    public string? FinchRequestId { get; init; }

    /// <summary>Stripe's Request-Id, when Stripe was called.</summary>
    public string? StripeRequestId { get; init; }
}

public enum AuditAction
{
    ConnectLinkCreated,
    ReauthStarted,
    EntitiesDisconnected,
    ConnectionDisconnected,
    WebhookApplied,
    ConnectionCompleted,
    EmployerCreated,
    SupportNoteAdded,
    ContactRecorded,
    UserCreated,
    UserDeactivated,
    UserReactivated,
    UserUnlocked,
    PasswordReset,
    RolesChanged,
    GrantsChanged,
    /// <summary>A user confirmed an authenticator app: their sign-in now asks for its code.</summary>
    AuthenticatorEnrolled,
    /// <summary>An admin removed a user's authenticator app and recovery codes, e.g. after a lost phone.</summary>
    AuthenticatorReset,
    RecoveryCodesRenewed,
    /// <summary>A user chose a new password themselves (a generated one, or their own).</summary>
    PasswordChanged,
    /// <summary>A user ended every session of theirs, on every device.</summary>
    SignedOutEverywhere,
    /// <summary>Someone asked for an id outside their scope: the "not found" they got is recorded here.</summary>
    OutOfScopeAccess,
    /// <summary>"Sync now": a forced data sync asked of Finch.</summary>
    SyncRequested,
    BankAccountLinkStarted,
    BankAccountsLinked,
    BankAccountDisconnected,
}

public enum AuditOutcome
{
    Succeeded,
    Failed,
    Denied,
}
