namespace FinchDashboard.Dashboard.Webhooks;

/// <summary>The webhook inbox and its background processor, bound from the <c>Webhooks</c> section.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Bodies above this are refused with 413 before anything is read into memory; Finch's are a few hundred bytes.</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Whether this instance applies stored events. Off lets an instance only receive (and tests hold events back).</summary>
    public bool ProcessingEnabled { get; set; } = true;

    /// <summary>
    /// How often the processor looks for pending events it was not woken for: stored by another instance, or before a
    /// restart. Events received by this instance wake it at once.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// While deliveries keep arriving, the processor holds back for up to this long before applying the next batch, so
    /// the 2xx Finch waits for gets the CPU first. Bounds how far live updates can lag during a burst.
    /// </summary>
    public TimeSpan MaxApplyDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Events claimed and applied in one transaction.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Attempts before an event that keeps failing is marked Failed and left alone.</summary>
    public int MaxAttempts { get; set; } = 5;
}
